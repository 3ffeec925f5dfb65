import Foundation

/// A company's request to a CFA (issue 16), from the public form to the CFA's inbox: stored when valid, sent once
/// the company confirms its address by the e-mailed link (48 hours; only the token's SHA-256 is stored), then
/// handled by the CFA (status, replies sent by e-mail), every step in the request's history.
public enum DemandesEntreprises {
    public static let cheminFormulaire = "/recruter-un-apprenti/contact"
    public static let cheminConfirmation = "/recruter-un-apprenti/confirmer/"
    public static let dureeLien: TimeInterval = 48 * 3_600
    /// How long an unconfirmed request is kept after its link expired (to tell "expired" rather than "unknown").
    public static let conservationNonConfirmees: TimeInterval = 7 * 86_400
    public static let longueurMaxReponse = 2_000

    /// Why an organisme does not take requests, nil when it does: it must exist, be open and reliable, and not have
    /// left the companies' search (`ContactPublic.visible`).
    public static func refus(_ o: Organisme?, visible: Bool = true) -> String? {
        guard let o else {
            return "Ce CFA est introuvable : revenez à la recherche et choisissez un CFA dans la liste."
        }
        if o.ferme { return "Le CFA \(o.nom) est fermé : il ne reçoit plus de demandes. Choisissez-en un autre." }
        if !visible {
            return "Le CFA \(o.nom) ne reçoit pas de demandes d'entreprises par le service. Choisissez un autre CFA "
                + "dans la recherche."
        }
        if !o.fiable {
            return "Le CFA \(o.nom) ne peut pas recevoir de demandes par le service : ses données ne sont pas "
                + "encore vérifiées. Choisissez un autre CFA dans la recherche."
        }
        return nil
    }

    /// Stores a valid request for `organisme` and puts the confirmation e-mail in the outbox.
    public static func deposer(
        _ d: DemandeContact, organisme: Organisme, store: any Store, secrets: any Secrets, urlPublique: String,
        now: Date
    ) async throws -> DemandeEntrepriseID {
        let secret = secrets.nouveauSecret()
        let expireLe = now.addingTimeInterval(dureeLien)
        let id = try await store.enregistrer(
            demande: d, organisme: organisme.id, hashJeton: secret.hash, expireLe: expireLe, now: now)
        let lien = "\(CourrielsDemandes.sansBarre(urlPublique))\(cheminConfirmation)\(secret.valeur)"
        try await store.ajouterCourriel(
            CourrielsDemandes.confirmation(d, nomCFA: organisme.nom, lien: lien, expireLe: expireLe), now: now)
        return id
    }

    /// The request of a token, for the page that asks to confirm it: nil when the token is malformed or unknown.
    public static func estBienForme(_ jeton: String) -> Bool {
        jeton.utf8.count == 64 && jeton.utf8.allSatisfy { ($0 >= 48 && $0 <= 57) || ($0 >= 97 && $0 <= 102) }
    }

    /// Confirms the request of the token; the first time, each administrator of the CFA gets an e-mail (keyed, so
    /// never twice) and the request is in the inbox.
    public static func confirmer(jeton: String, store: any Store, secrets: any Secrets, urlPublique: String, now: Date)
        async throws -> ConfirmationDemande
    {
        guard estBienForme(jeton) else { return .inconnue }
        let r = try await store.confirmerDemande(
            hashJeton: secrets.empreinte(jeton),
            evenement: EvenementDemande(le: now, genre: .confirmation, auteur: "L'entreprise (adresse confirmée)"))
        guard case .confirmee(let d) = r else { return r }
        let nom = try await store.organisme(id: d.organisme)?.nom ?? "votre CFA"
        for admin in try await store.administrateursDesOrganismes()[d.organisme] ?? [] {
            try await store.ajouterCourriel(
                CourrielsDemandes.nouvelleDemande(
                    d, nomCFA: nom, prenom: admin.prenom, email: admin.email, urlPublique: urlPublique), now: now)
        }
        return r
    }

    /// Changes the status of a request read at `versionLue`.
    public static func changerStatut(
        _ d: DemandeEntreprise, vers statut: StatutDemande, auteur: String, versionLue: Int64, store: any Store,
        now: Date
    ) async throws -> EnregistrementDemande {
        try await store.enregistrer(
            evenement: EvenementDemande(le: now, genre: .statut, auteur: auteur, statut: statut), demande: d.id,
            versionLue: versionLue)
    }

    /// The text of a reply, trimmed, or the problem.
    public static func lireReponse(_ texte: String) -> Result<String, ErreurSaisie> {
        let t = texte.trimmingCharacters(in: .whitespacesAndNewlines)
        if t.isEmpty { return .failure(ErreurSaisie("reponse", "Réponse : écrivez votre message à l'entreprise.")) }
        if t.count > longueurMaxReponse {
            return .failure(
                ErreurSaisie("reponse", "Réponse : \(longueurMaxReponse) caractères au plus (\(t.count))."))
        }
        return .success(t)
    }

    /// Sends a reply to the company through the outbox and writes it in the history; a new request moves to « en
    /// cours ».
    public static func repondre(
        _ d: DemandeEntreprise, texte: String, auteur: String, nomAuteur: String, emailAuteur: String,
        nomCFA: String, versionLue: Int64, store: any Store, now: Date
    ) async throws -> EnregistrementDemande {
        let r = try await store.enregistrer(
            evenement: EvenementDemande(
                le: now, genre: .reponse, auteur: auteur, statut: d.statut == .nouvelle ? .enCours : nil, texte: texte),
            demande: d.id, versionLue: versionLue)
        guard case .fait(let version) = r else { return r }
        try await store.ajouterCourriel(
            CourrielsDemandes.reponse(
                d, texte: texte, nomCFA: nomCFA, auteur: nomAuteur, emailAuteur: emailAuteur, version: version),
            now: now)
        return r
    }
}
