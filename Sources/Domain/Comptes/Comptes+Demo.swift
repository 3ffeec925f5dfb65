import Foundation

extension Comptes {
    /// Creates an active account, already validated, as the administrator of its organisation (found by type and
    /// anchor, or created) — for demonstrations and tests, from the command line only. An address that already has
    /// an account is left as it is: `nil`.
    public func creerCompteValide(
        email brut: String, prenom: String, nom: String, organisation: NouvelleOrganisation, motDePasse: String
    ) async throws -> Utilisateur? {
        var erreurs = ReglesSaisie.motDePasse(motDePasse).map { ErreurSaisie("mot_de_passe", $0) }
        let email = collecter(ReglesSaisie.email(brut), &erreurs)
        guard erreurs.isEmpty, let email else { throw ErreurComptes.saisie(erreurs) }
        guard try await store.utilisateur(email: email) == nil else { return nil }
        let now = horloge.now()
        var orga = try await store.organisationExistante(organisation)
        if orga == nil { orga = try await store.creerOrganisation(organisation, now: now) }
        guard let orga else { throw ErreurComptes.introuvable }
        let u = try await store.creerUtilisateur(
            NouvelUtilisateur(
                email: email, nom: nom, prenom: prenom, organisation: orga.id, role: .administrateur, statut: .actif,
                hashMotDePasse: await secrets.hacher(motDePasse: motDePasse)),
            now: now)
        try await journaliser(nil, email, "compte_demo_cree", "\(orga.type.rawValue) \(orga.nom), par la ligne de commande")
        return u
    }
}
