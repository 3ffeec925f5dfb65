/// Who is asking: the signed-in user, the organisation whose perimeter applies (the impersonated one for an
/// administrator who impersonates), and what it may see.
public struct Identite: Sendable {
    public let utilisateur: Utilisateur
    public let session: SessionUtilisateur
    /// The user's own organisation.
    public let organisationPropre: Organisation
    /// The organisation whose rights apply (differs from `organisationPropre` during impersonation).
    public let organisation: Organisation
    public let droits: Droits

    public init(
        utilisateur: Utilisateur, session: SessionUtilisateur, organisationPropre: Organisation,
        organisation: Organisation, droits: Droits
    ) {
        self.utilisateur = utilisateur
        self.session = session
        self.organisationPropre = organisationPropre
        self.organisation = organisation
        self.droits = droits
    }

    /// A platform administrator (by their own organisation, whatever they impersonate).
    public var estAdministrateurPlateforme: Bool { organisationPropre.type == .administrateur }
    public var incarne: Bool { organisation.id != organisationPropre.id }
    /// May manage the members, invitations and keys of the organisation.
    public var gereOrganisation: Bool { utilisateur.role == .administrateur || estAdministrateurPlateforme }
}
