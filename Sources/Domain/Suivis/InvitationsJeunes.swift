import Foundation

/// Inviting a case's young person to answer on a personal page (issue 15), by the mission locale's button or
/// automatically for new cases; reading and answering that page. The link carries a random token (256 bits); only
/// its SHA-256 is stored.
public enum InvitationsJeunes {
    /// `/jeunes/<jeton>`: the personal page.
    public static let chemin = "/jeunes/"

    /// Why an invitation was not sent.
    public enum Refus: Error, Sendable, Equatable {
        /// The young person has no valid e-mail address.
        case sansCourriel
    }

    /// Invites the young person of `s` if the case is still at `versionLue`: a new token replaces the previous one,
    /// the event goes to the history, then the e-mail to the outbox. Throws `Refus.sansCourriel` without an address.
    public static func inviter(
        _ s: SuiviStocke, email: String?, missionLocale: MissionLocale?, rdvUrl: String?, auteur: String,
        organisation: String?, versionLue: Int64, store: any Store, secrets: any Secrets, urlPublique: String,
        now: Date
    ) async throws -> EnregistrementSuivi {
        guard let brut = email, case .success(let adresse) = ReglesSaisie.email(brut) else {
            throw Refus.sansCourriel
        }
        let secret = secrets.nouveauSecret()
        let invitation = InvitationJeune(
            suivi: s.id, email: adresse, envoyeeLe: now, expireLe: now.addingTimeInterval(InvitationJeune.duree))
        let evenement = EvenementSuivi(
            le: now, genre: .invitationJeune, auteur: auteur, organisation: organisation, email: adresse)
        let r = try await store.enregistrer(
            invitation: invitation, hashJeton: secret.hash, evenement: evenement, versionLue: versionLue)
        guard case .fait = r else { return r }
        let courriel = courriel(
            prenom: s.ligne.prenom, missionLocale: missionLocale, rdvUrl: rdvUrl,
            lien: "\(urlPublique)\(chemin)\(secret.valeur)", expireLe: invitation.expireLe)
        try await store.ajouterCourriel(destinataire: adresse, sujet: courriel.sujet, corps: courriel.corps, now: now)
        return r
    }

    /// Invites the young people of new cases of the missions locales that chose so (their setting): cases created in
    /// the last 30 days and since the setting was turned on, never invited, broken by today, with an e-mail address.
    /// Returns how many were invited. Run as a job; a case saved meanwhile is left for the next run.
    public static func inviterNouveauxCas(store: any Store, secrets: any Secrets, urlPublique: String, now: Date)
        async throws -> Int
    {
        var missionsLocales: [String: (MissionLocale?, ParametresMissionLocale)] = [:]
        var invites = 0
        let aujourdhui = HeureDeParis.jour(now)
        for s in try await store.suivisAInviter(creesDepuis: now.addingTimeInterval(-InvitationJeune.duree)) {
            // A rupture announced for a later day is not one yet.
            guard let code = s.ligne.missionLocale, let rupture = s.ligne.rupture, rupture <= aujourdhui,
                let email = try await store.effectif(id: s.ligne.effectif)?.effectif.apprenant.courriel
            else { continue }
            if missionsLocales[code] == nil {
                missionsLocales[code] = (
                    try await store.missionLocale(code: code), try await store.parametres(missionLocale: code)
                )
            }
            let (ml, parametres) = missionsLocales[code] ?? (nil, ParametresMissionLocale())
            do {
                let r = try await inviter(
                    s, email: email, missionLocale: ml, rdvUrl: parametres.rdvUrl, auteur: EvenementSuivi.auteurService,
                    organisation: nil, versionLue: s.version, store: store, secrets: secrets, urlPublique: urlPublique,
                    now: now)
                if case .fait = r { invites += 1 }
            } catch Refus.sansCourriel {
                continue
            }
        }
        return invites
    }

    /// The invitation and its case for a token of the path, nil when the token is malformed, unknown or expired, or
    /// its case is gone: the page then says nothing more than "not found".
    public static func ouvrir(jeton: String, store: any Store, secrets: any Secrets, now: Date) async throws
        -> (invitation: InvitationJeune, suivi: SuiviStocke)?
    {
        guard estBienForme(jeton),
            let i = try await store.invitationJeune(hashJeton: secrets.empreinte(jeton)), i.estValide(now: now),
            let s = try await store.suivi(id: i.suivi)
        else { return nil }
        return (i, s)
    }

    /// Writes the young person's answer on the case of the token; nil when the token does not work (nothing written).
    public static func repondre(
        jeton: String, reponse: ReponseJeune, telephone: String?, store: any Store, secrets: any Secrets, now: Date
    ) async throws -> SuiviID? {
        guard estBienForme(jeton) else { return nil }
        return try await store.enregistrer(
            reponseJeune: EvenementSuivi(
                le: now, genre: .reponseJeune, auteur: EvenementSuivi.auteurJeune, reponseJeune: reponse,
                telephone: telephone),
            hashJeton: secrets.empreinte(jeton))
    }

    /// A token as `Secrets.nouveauSecret` makes them: 64 hexadecimal digits.
    static func estBienForme(_ jeton: String) -> Bool {
        jeton.utf8.count == 64 && jeton.utf8.allSatisfy { ($0 >= 48 && $0 <= 57) || ($0 >= 97 && $0 <= 102) }
    }

    /// The invitation e-mail, in French, from the mission locale.
    public static func courriel(
        prenom: String, missionLocale ml: MissionLocale?, rdvUrl: String?, lien: String, expireLe: Date
    ) -> (sujet: String, corps: String) {
        let nom = ml?.nom ?? "Votre mission locale"
        var contacts: [String] = []
        if let t = ml?.telephone, !t.isEmpty { contacts.append("Téléphone : \(t)") }
        if let e = ml?.email, !e.isEmpty { contacts.append("Courriel : \(e)") }
        if let a = ml?.adresse, !a.isEmpty {
            contacts.append(
                "Adresse : "
                    + ([a, [ml?.codePostal, ml?.commune].compactMap { $0 }.joined(separator: " ")]
                        .filter { !$0.isEmpty }.joined(separator: ", ")))
        }
        if let r = rdvUrl, !r.isEmpty { contacts.append("Prendre rendez-vous en ligne : \(r)") }
        let j = HeureDeParis.jour(expireLe).components
        let date = String(format: "%02d/%02d/%04d", j.day, j.month, j.year)
        let paragraphes = [
            "Bonjour \(prenom),",
            "Votre contrat d'apprentissage s'est arrêté. \(nom) peut vous aider : trouver un nouvel employeur ou une "
                + "formation, ou des solutions pour le logement, la mobilité, la santé ou vos démarches.",
            "Souhaitez-vous être accompagné ? Répondez en un clic sur votre page personnelle (valable jusqu'au \(date)) "
                + ":\n\(lien)",
            contacts.isEmpty
                ? nil
                : "Vous pouvez aussi contacter directement la mission locale :\n" + contacts.joined(separator: "\n"),
            "Ce lien est personnel : ne le transférez pas. Si vous ne souhaitez pas être contacté, choisissez "
                + "« Non merci » sur la page.",
            "— \(nom), par le Tableau de bord de l'apprentissage",
        ]
        let corps = paragraphes.compactMap { $0 }.joined(separator: "\n\n")
        return ("\(nom) : souhaitez-vous être accompagné ?", corps)
    }
}
