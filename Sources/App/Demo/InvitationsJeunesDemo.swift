import Domain
import Foundation
import Web

/// Demo of the young people's personal pages (issue 15), on the cases of the demo mission locale (the one of
/// `mission-locale@demo.tdb`): young people invited by an agent, who answered each way (with or without a new phone
/// number), two who have not answered yet, one whose link expired; the mission locale invites new cases
/// automatically. The invitation e-mails stay in the outbox: `tdb emails` prints their links.
enum InvitationsJeunesDemo {
    static let reponses: [(ReponseJeune, String?)?] = [
        (.oui, "06 12 34 56 78"), (.rappel, nil), (.nonMerci, nil), (.oui, nil), (.rappel, "07 98 76 54 32"), nil, nil,
    ]

    /// Returns how many young people were invited and how many answered.
    static func creer(store: any Store, urlPublique: String, now: Date) async throws -> (invites: Int, reponses: Int) {
        guard let agent = try await store.utilisateur(email: "mission-locale@demo.tdb"),
            let org = try await store.organisation(id: agent.organisation), let code = org.missionLocale
        else { return (0, 0) }
        let secrets = SecretsServeur(coutBcrypt: 4)
        let ml = try await store.missionLocale(code: code)
        var parametres = try await store.parametres(missionLocale: code)
        let aujourdhui = HeureDeParis.jour(now)
        var choisis: [(SuiviStocke, String)] = []
        for s in try await store.suivis(missionLocale: code).sorted(by: { $0.id.rawValue < $1.id.rawValue })
        where ListeSuivis.cas(s, regles: ReglesSuivi(), aujourdhui: aujourdhui) != nil {
            guard let email = try await store.effectif(id: s.ligne.effectif)?.effectif.apprenant.courriel,
                case .success = ReglesSaisie.email(email)
            else { continue }
            choisis.append((s, email))
            if choisis.count == reponses.count + 1 { break }
        }
        var invites = 0
        var repondus = 0
        for (k, (s, email)) in choisis.enumerated() {
            // The last one was invited 35 days ago: its link has expired.
            let le = k == reponses.count ? now.addingTimeInterval(-35 * 86_400) : now.addingTimeInterval(-2 * 86_400)
            let secret = secrets.nouveauSecret()
            let invitation = InvitationJeune(
                suivi: s.id, email: email, envoyeeLe: le, expireLe: le.addingTimeInterval(InvitationJeune.duree))
            guard
                case .fait = try await store.enregistrer(
                    invitation: invitation, hashJeton: secret.hash,
                    evenement: EvenementSuivi(
                        le: le, genre: .invitationJeune, auteur: "\(agent.nomComplet) (\(agent.email))",
                        organisation: org.nom, email: email), versionLue: s.version)
            else { continue }
            let c = InvitationsJeunes.courriel(
                prenom: s.ligne.prenom, missionLocale: ml, rdvUrl: parametres.rdvUrl,
                lien: "\(urlPublique)\(InvitationsJeunes.chemin)\(secret.valeur)", expireLe: invitation.expireLe)
            try await store.ajouterCourriel(destinataire: email, sujet: c.sujet, corps: c.corps, now: le)
            invites += 1
            guard k < reponses.count, let (reponse, telephone) = reponses[k] else { continue }
            let numero = telephone.flatMap { try? SaisieReponseJeune.telephoneFrancais($0).get() }
            if try await InvitationsJeunes.repondre(
                jeton: secret.valeur, reponse: reponse, telephone: numero, store: store, secrets: secrets,
                now: le.addingTimeInterval(Double(k + 1) * 3_600)) != nil
            {
                repondus += 1
            }
        }
        parametres.inviterJeunesDepuis = parametres.inviterJeunesDepuis ?? now
        try await store.enregistrer(parametres: parametres, missionLocale: code)
        return (invites, repondus)
    }
}
