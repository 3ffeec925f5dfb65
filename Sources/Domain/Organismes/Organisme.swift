import Foundation

/// The (UAI, SIRET) couple that identifies an organisme in the API.
public struct OrganismeCle: Hashable, Sendable, CustomStringConvertible {
    public let uai: UAI
    public let siret: SIRET

    public init(uai: UAI, siret: SIRET) {
        self.uai = uai
        self.siret = siret
    }
    public var description: String { "\(uai)/\(siret)" }
}

public enum NatureOrganisme: String, Sendable, Codable, CaseIterable {
    case responsable
    case formateur
    case responsableFormateur = "responsable_formateur"
    case inconnue

    public var libelle: String {
        switch self {
        case .responsable: "Responsable"
        case .formateur: "Formateur"
        case .responsableFormateur: "Responsable et formateur"
        case .inconnue: "Nature inconnue"
        }
    }
}

/// Typed id of a stored organisme.
public struct OrganismeID: Hashable, Sendable, Codable, CustomStringConvertible {
    public let rawValue: Int64
    public init(_ rawValue: Int64) { self.rawValue = rawValue }
    public var description: String { String(rawValue) }
}

/// A training organisation of the référentiel (domain §8.2).
public struct Organisme: Sendable, Equatable, Identifiable {
    public var id: OrganismeID
    public var uai: UAI?
    public var siret: SIRET
    public var nom: String
    public var nature: NatureOrganisme
    public var adresse: AdresseOrganisme
    public var reseaux: [String]
    public var fiable: Bool
    public var ferme: Bool
    public var firstTransmissionDate: Date?
    public var lastTransmissionDate: Date?
    public var lastErpTransmissionDate: Date?
    public var hasTransmissionErrors: Bool

    public init(
        id: OrganismeID, uai: UAI?, siret: SIRET, nom: String, nature: NatureOrganisme = .inconnue,
        adresse: AdresseOrganisme = AdresseOrganisme(), reseaux: [String] = [], fiable: Bool = true,
        ferme: Bool = false, firstTransmissionDate: Date? = nil, lastTransmissionDate: Date? = nil,
        lastErpTransmissionDate: Date? = nil, hasTransmissionErrors: Bool = false
    ) {
        self.id = id
        self.uai = uai
        self.siret = siret
        self.nom = nom
        self.nature = nature
        self.adresse = adresse
        self.reseaux = reseaux
        self.fiable = fiable
        self.ferme = ferme
        self.firstTransmissionDate = firstTransmissionDate
        self.lastTransmissionDate = lastTransmissionDate
        self.lastErpTransmissionDate = lastErpTransmissionDate
        self.hasTransmissionErrors = hasTransmissionErrors
    }

    public var cle: OrganismeCle? { uai.map { OrganismeCle(uai: $0, siret: siret) } }
}

/// Where an organisme is: its territory codes drive every territorial filter (domain §8.3).
public struct AdresseOrganisme: Sendable, Equatable, Codable {
    public var codePostal: String?
    public var codeCommuneInsee: String?
    public var commune: String?
    public var departement: String?
    public var region: String?
    public var academie: String?

    public init(
        codePostal: String? = nil, codeCommuneInsee: String? = nil, commune: String? = nil,
        departement: String? = nil, region: String? = nil, academie: String? = nil
    ) {
        self.codePostal = codePostal
        self.codeCommuneInsee = codeCommuneInsee
        self.commune = commune
        self.departement = departement
        self.region = region
        self.academie = academie
    }
}
