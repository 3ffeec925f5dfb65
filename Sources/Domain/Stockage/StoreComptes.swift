import Foundation

/// Accounts, organisations, sign-in sessions, single-use links, the outbox, the audit log and settings.
public protocol StoreComptes: Sendable {
    func organisation(id: OrganisationID) async throws -> Organisation?
    /// The organisation with the same type and anchor, if one exists.
    func organisationExistante(_ o: NouvelleOrganisation) async throws -> Organisation?
    func creerOrganisation(_ o: NouvelleOrganisation, now: Date) async throws -> Organisation
    /// Organisations whose name contains the text (all when empty), with their number of users.
    func organisations(recherche: String, limite: Int) async throws -> [(Organisation, utilisateurs: Int)]
    /// The formateurs of an organisme, with partial responsibility (§8.4).
    func formateurs(de organisme: OrganismeID) async throws -> [(id: OrganismeID, partielle: Bool)]
    /// Organismes found by SIRET or UAI (sign-up of an organisme de formation).
    func organismes(siretOuUai: String) async throws -> [Organisme]

    func utilisateur(id: UtilisateurID) async throws -> Utilisateur?
    func utilisateur(email: String) async throws -> Utilisateur?
    /// Throws `ErreurSaisie` on the `email` field when the address is taken.
    func creerUtilisateur(_ u: NouvelUtilisateur, now: Date) async throws -> Utilisateur
    func utilisateurs(organisation: OrganisationID) async throws -> [Utilisateur]
    func utilisateurs(recherche: String, limite: Int) async throws -> [Utilisateur]
    func modifier(utilisateur: UtilisateurID, statut: StatutCompte) async throws
    func modifier(utilisateur: UtilisateurID, role: Role) async throws
    func modifier(utilisateur: UtilisateurID, hashMotDePasse: String) async throws

    func creerJeton(
        _ type: TypeJeton, hash: String, email: String, utilisateur: UtilisateurID?,
        organisation: OrganisationID?, role: Role?, expireLe: Date
    ) async throws -> Jeton
    func jeton(_ type: TypeJeton, hash: String) async throws -> Jeton?
    /// Marks a link used; false if it already was (a replayed link).
    func consommer(jeton id: Int64, now: Date) async throws -> Bool
    func invitationsEnCours(organisation: OrganisationID, now: Date) async throws -> [Jeton]

    func creerSession(hash: String, utilisateur: UtilisateurID, expireLe: Date) async throws -> SessionUtilisateur
    /// A session that is neither revoked nor expired.
    func session(hash: String, now: Date) async throws -> SessionUtilisateur?
    func revoquer(session id: Int64, now: Date) async throws
    /// Revokes every session of the user but `sauf`.
    func revoquerSessions(utilisateur: UtilisateurID, sauf: Int64?, now: Date) async throws
    func incarner(session id: Int64, organisation: OrganisationID?) async throws

    func noterTentative(ip: String, email: String, reussie: Bool, now: Date) async throws
    /// Failed sign-ins since a date, for an IP and for an e-mail.
    func echecs(ip: String, email: String, depuis: Date) async throws -> (ip: Int, email: Int)

    /// Adds a mail to the outbox; false (and nothing added) when its key is already there.
    @discardableResult
    func ajouterCourriel(_ c: NouveauCourriel, now: Date) async throws -> Bool
    func courriels(limite: Int) async throws -> [Courriel]
    func courrielsAEnvoyer(limite: Int) async throws -> [Courriel]
    func marquer(courriel id: Int64, envoyeLe: Date?, erreur: String?) async throws

    func journaliser(_ e: EntreeJournal) async throws
    func journal(limite: Int) async throws -> [EntreeJournal]

    func parametre(_ cle: String) async throws -> String?
    func definir(parametre cle: String, valeur: String?) async throws

    func clesApi(organisme: OrganismeID) async throws -> [CleApi]
    func revoquer(cleApi id: CleApiID, organisme: OrganismeID, now: Date) async throws -> Bool
}
