import Domain
import Foundation
import Hummingbird

/// `POST /mission-locale/suivis/:id/invitation`: the mission locale invites the young person of one of its cases to
/// answer on a personal page (issue 15). Another mission locale's case is a 404; a case saved meanwhile is refused
/// (409) with who saved it; a case without an e-mail address is a 400 naming the field.
struct InvitationJeunePage {
    let deps: Dependances

    @Sendable func inviter(_ request: Request, context: ContexteRequete, identite i: Identite) async throws
        -> Response
    {
        let pages = PagesMissionLocale(deps: deps)
        let code = try PagesMissionLocale.missionLocale(i)
        let s = try await pages.suiviDuChemin(context, code)
        let form = try await Formulaire.lire(request)
        let retour = PagesMissionLocale.retour(VueTableau.requete(request))
        guard let versionLue = Int64(form["version"]) else {
            return try await pages.pageSuivi(
                s, code: code, request, context, identite: i,
                erreurs: [ErreurSaisie("version", "Version de la fiche manquante : rechargez la page.")])
        }
        let email = try await deps.store.effectif(id: s.ligne.effectif)?.effectif.apprenant.courriel
        let r: EnregistrementSuivi
        do {
            r = try await InvitationsJeunes.inviter(
                s, email: email, missionLocale: try await deps.store.missionLocale(code: code),
                rdvUrl: try await deps.store.parametres(missionLocale: code).rdvUrl,
                auteur: "\(i.utilisateur.nomComplet) (\(i.utilisateur.email))", organisation: i.organisation.nom,
                versionLue: versionLue, store: deps.store, secrets: deps.comptes.secrets,
                urlPublique: deps.comptes.urlPublique,
                now: deps.horloge.now())
        } catch InvitationsJeunes.Refus.sansCourriel {
            return try await pages.pageSuivi(
                s, code: code, request, context, identite: i,
                erreurs: [
                    ErreurSaisie(
                        "version",
                        "Courriel du jeune : aucune adresse e-mail valide n'a été transmise, l'invitation "
                            + "ne peut pas être envoyée.")
                ])
        }
        switch r {
        case .inconnu: throw ErreurComptes.introuvable
        case .conflit(let auteur, let le):
            let actuel = try await deps.store.suivi(id: s.id) ?? s
            return try await pages.pageSuivi(
                actuel, code: code, request, context, identite: i,
                erreurs: [
                    ErreurSaisie(
                        "version",
                        "Cette fiche a été modifiée par \(auteur) le \(dateHeureFR(le)) : l'invitation n'a pas été "
                            + "envoyée. Relisez l'historique ci-dessous, puis invitez à nouveau si besoin.")
                ], status: .conflict)
        case .fait:
            try await deps.comptes.journaliser(i, "suivi_invitation_jeune", "Fiche \(s.id) — mission locale \(code)")
        }
        return deps.redirection(
            VueTableau.adresse("/mission-locale/suivis/\(s.id)", retour + [("avis", "invitation")]))
    }
}
