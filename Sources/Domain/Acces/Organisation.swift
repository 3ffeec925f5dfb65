import Foundation

/// Typed id of an organisation (a user's employer in the service: a CFA, a DREETS, a réseau…).
public struct OrganisationID: Hashable, Sendable, CustomStringConvertible {
    public let rawValue: Int64
    public init(_ rawValue: Int64) { self.rawValue = rawValue }
    public var description: String { String(rawValue) }
}

/// An organisation and what anchors it: an organisme, a territory or a réseau, according to its type.
public struct Organisation: Sendable, Equatable {
    public var id: OrganisationID
    public var type: TypeOrganisation
    public var nom: String
    public var organisme: OrganismeID?
    public var region: String?
    public var departement: String?
    public var academie: String?
    public var reseau: String?
    /// For a mission locale: its code in the référentiel of the missions locales.
    public var missionLocale: String?

    public init(
        id: OrganisationID, type: TypeOrganisation, nom: String, organisme: OrganismeID? = nil,
        region: String? = nil, departement: String? = nil, academie: String? = nil, reseau: String? = nil,
        missionLocale: String? = nil
    ) {
        self.missionLocale = missionLocale
        self.id = id
        self.type = type
        self.nom = nom
        self.organisme = organisme
        self.region = region
        self.departement = departement
        self.academie = academie
        self.reseau = reseau
    }
}

/// A new organisation, before it is stored.
public struct NouvelleOrganisation: Sendable, Equatable, Hashable {
    public var type: TypeOrganisation
    public var nom: String
    public var organisme: OrganismeID?
    public var region: String?
    public var departement: String?
    public var academie: String?
    public var reseau: String?
    /// For a mission locale: its code in the référentiel of the missions locales.
    public var missionLocale: String?

    public init(
        type: TypeOrganisation, nom: String, organisme: OrganismeID? = nil, region: String? = nil,
        departement: String? = nil, academie: String? = nil, reseau: String? = nil, missionLocale: String? = nil
    ) {
        self.missionLocale = missionLocale
        self.type = type
        self.nom = nom
        self.organisme = organisme
        self.region = region
        self.departement = departement
        self.academie = academie
        self.reseau = reseau
    }
}
