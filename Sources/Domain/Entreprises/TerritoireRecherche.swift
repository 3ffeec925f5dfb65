import Foundation

/// Where a company looks for CFAs: a commune, a zone d'emploi, a département, a région, or all of France. Written in
/// addresses as `commune-69123`, `zone-8213`, `departement-69`, `region-84`, `france`.
public enum TerritoireRecherche: Sendable, Hashable {
    case commune(String)
    case zoneEmploi(String)
    case departement(String)
    case region(String)
    case france

    /// Read from an address; nil for a kind or a code the service does not know.
    public init?(_ texte: String, zones: ZonesEmploi = .france, territoires: Territoires = .france) {
        let t = texte.trimmingCharacters(in: .whitespaces)
        if t == "france" {
            self = .france
            return
        }
        let parts = t.split(separator: "-", maxSplits: 1).map(String.init)
        guard parts.count == 2 else { return nil }
        let code = parts[1]
        switch parts[0] {
        case "commune" where zones.zoneDeCommune[code] != nil: self = .commune(code)
        case "zone" where territoires.bassinsEmploi.contains(where: { $0.code == code }): self = .zoneEmploi(code)
        case "departement" where territoires.departement(code) != nil: self = .departement(code)
        case "region" where territoires.region(code) != nil: self = .region(code)
        default: return nil
        }
    }

    /// As written in addresses.
    public var valeur: String {
        switch self {
        case .commune(let c): "commune-\(c)"
        case .zoneEmploi(let c): "zone-\(c)"
        case .departement(let c): "departement-\(c)"
        case .region(let c): "region-\(c)"
        case .france: "france"
        }
    }

    /// The kind and code counted in `recherches_entreprises`.
    public var typeEtCode: (type: String, code: String) {
        switch self {
        case .commune(let c): ("commune", c)
        case .zoneEmploi(let c): ("zone_emploi", c)
        case .departement(let c): ("departement", c)
        case .region(let c): ("region", c)
        case .france: ("france", "")
        }
    }

    /// The zone d'emploi, département and région the territory sits in (a zone's département is the one holding
    /// most of its communes).
    public func emplacement(zones: ZonesEmploi = .france, territoires: Territoires = .france) -> Emplacement {
        switch self {
        case .commune(let c):
            let d = CodeCommuneInsee(c)?.departement
            return Emplacement(
                zone: zones.zone(commune: c), departement: d, region: d.flatMap { territoires.departement($0)?.region })
        case .zoneEmploi(let z):
            let d = zones.departementPrincipal[z]
            return Emplacement(zone: z, departement: d, region: d.flatMap { territoires.departement($0)?.region })
        case .departement(let d):
            return Emplacement(zone: nil, departement: d, region: territoires.departement(d)?.region)
        case .region(let r):
            return Emplacement(zone: nil, departement: nil, region: r)
        case .france:
            return Emplacement(zone: nil, departement: nil, region: nil)
        }
    }

    /// The wider areas to offer when nothing was found here: the département, the région, then France.
    public func elargissements(zones: ZonesEmploi = .france, territoires: Territoires = .france)
        -> [TerritoireRecherche]
    {
        let e = emplacement(zones: zones, territoires: territoires)
        var liste: [TerritoireRecherche] = []
        switch self {
        case .commune, .zoneEmploi:
            if let d = e.departement { liste.append(.departement(d)) }
            if let r = e.region { liste.append(.region(r)) }
        case .departement:
            if let r = e.region { liste.append(.region(r)) }
        case .region, .france: break
        }
        if self != .france { liste.append(.france) }
        return liste
    }

    public struct Emplacement: Sendable, Equatable {
        public var zone: String?
        public var departement: String?
        public var region: String?
    }
}
