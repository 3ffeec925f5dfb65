import Foundation

/// The zone d'emploi (INSEE 2020) of each commune, shipped as `communes-zones-emploi.csv` (derived from the national
/// service's `bassins_emploi_communes.json`), and the département holding most of each zone's communes.
public struct ZonesEmploi: Sendable {
    public static let france = ZonesEmploi()

    /// Commune INSEE code → zone code.
    public let zoneDeCommune: [String: String]
    /// Zone code → the département holding most of its communes (the smaller code on a tie).
    public let departementPrincipal: [String: String]

    private init() {
        var zones: [String: String] = [:]
        for ligne in Ressources.csv("communes-zones-emploi") {
            guard let c = ligne["code_commune"], let z = ligne["code_zone_emploi"], !c.isEmpty, !z.isEmpty else {
                continue
            }
            zones[c] = z
        }
        zoneDeCommune = zones
        var nombres: [String: [String: Int]] = [:]
        for (commune, zone) in zones {
            guard let d = CodeCommuneInsee(commune)?.departement else { continue }
            nombres[zone, default: [:]][d, default: 0] += 1
        }
        departementPrincipal = nombres.compactMapValues { parDepartement in
            parDepartement.max { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) }?.key
        }
    }

    public func zone(commune: String?) -> String? { commune.flatMap { zoneDeCommune[$0] } }
}
