import Foundation

/// A mission locale of the référentiel (`tdb import missions-locales`): who it is, how to reach it, and the
/// communes (INSEE codes) and, optionally, postal codes it covers.
public struct MissionLocale: Sendable, Equatable {
    public var code: String
    public var nom: String
    public var siret: String?
    public var email: String?
    public var telephone: String?
    public var siteWeb: String?
    public var adresse: String?
    public var codePostal: String?
    public var commune: String?
    public var departement: String?
    public var region: String?
    public var communes: [String]
    public var codesPostaux: [String]

    public init(
        code: String, nom: String, siret: String? = nil, email: String? = nil, telephone: String? = nil,
        siteWeb: String? = nil, adresse: String? = nil, codePostal: String? = nil, commune: String? = nil,
        departement: String? = nil, region: String? = nil, communes: [String] = [], codesPostaux: [String] = []
    ) {
        self.code = code
        self.nom = nom
        self.siret = siret
        self.email = email
        self.telephone = telephone
        self.siteWeb = siteWeb
        self.adresse = adresse
        self.codePostal = codePostal
        self.commune = commune
        self.departement = departement
        self.region = region
        self.communes = communes
        self.codesPostaux = codesPostaux
    }
}

/// What a mission locale sets for itself: its online appointment-booking page and the address that receives the
/// service's notifications.
public struct ParametresMissionLocale: Sendable, Equatable {
    public var rdvUrl: String?
    public var emailNotifications: String?
    /// Since when new cases' young people are invited automatically to answer on their personal page (nil: off).
    public var inviterJeunesDepuis: Date?

    public init(rdvUrl: String? = nil, emailNotifications: String? = nil, inviterJeunesDepuis: Date? = nil) {
        self.rdvUrl = rdvUrl
        self.emailNotifications = emailNotifications
        self.inviterJeunesDepuis = inviterJeunesDepuis
    }

    public var inviterJeunes: Bool { inviterJeunesDepuis != nil }
}
