import Domain
import Foundation
import Hummingbird

/// `/mission-locale/parametres`: a mission locale's own settings (appointment-booking address, address of its
/// notifications), for the members of that mission locale only; every change is written to the journal.
struct ParametresMissionLocalePage {
    let deps: Dependances

    static let titre = "Paramètres de la mission locale"

    /// The code of the caller's mission locale, or a 403.
    func missionLocale(_ i: Identite) throws -> String {
        guard let code = i.missionLocaleParametrable else { throw ErreurComptes.interdit }
        return code
    }

    /// `GET /mission-locale/parametres`.
    @Sendable func page(_ request: Request, context: ContexteRequete, identite i: Identite) async throws -> Response {
        let code = try missionLocale(i)
        let p = try await deps.store.parametres(missionLocale: code)
        return try await deps.page(
            ParametresMissionLocaleVue.construire(
                code: code, nom: try await deps.store.missionLocale(code: code)?.nom ?? i.organisation.nom,
                rdvUrl: p.rdvUrl ?? "", emailNotifications: p.emailNotifications ?? "", inviterJeunes: p.inviterJeunes),
            Self.titre, request, context)
    }

    /// `POST /mission-locale/parametres`: saved and journaled when valid; else the form again, values kept, with
    /// each field's error (400).
    @Sendable func enregistrer(_ request: Request, context: ContexteRequete, identite i: Identite) async throws
        -> Response
    {
        let code = try missionLocale(i)
        let f = try await Formulaire.lire(request)
        let nom = try await deps.store.missionLocale(code: code)?.nom ?? i.organisation.nom
        switch SaisieParametresMissionLocale.lire(f.champs) {
        case .failure(let e):
            return try await deps.page(
                ParametresMissionLocaleVue.construire(
                    code: code, nom: nom, rdvUrl: f["rdv_url"], emailNotifications: f["email_notifications"],
                    inviterJeunes: f["inviter_jeunes"] == "oui"),
                Self.titre, request, context, erreurs: e.liste)
        case .success(var nouveaux):
            let avant = try await deps.store.parametres(missionLocale: code)
            nouveaux.inviterJeunesDepuis = SaisieParametresMissionLocale.inviterJeunesDepuis(
                f.champs, avant: avant, now: deps.horloge.now())
            let modifications = SaisieParametresMissionLocale.modifications(avant: avant, apres: nouveaux)
            var messages: [(String, String)] = [("info", "Aucune modification : les paramètres étaient déjà ceux-ci.")]
            if !modifications.isEmpty {
                try await deps.store.enregistrer(parametres: nouveaux, missionLocale: code)
                let detail = "mission locale \(code) — " + modifications.joined(separator: " ; ")
                try await deps.store.journaliser(
                    EntreeJournal(
                        date: deps.horloge.now(), acteur: i.utilisateur.id, acteurEmail: i.utilisateur.email,
                        action: "parametres_mission_locale",
                        detail: i.incarne ? "[en tant que \(i.organisation.nom)] " + detail : detail))
                messages = [("succes", "Paramètres enregistrés.")]
            }
            return try await deps.page(
                ParametresMissionLocaleVue.construire(
                    code: code, nom: nom, rdvUrl: nouveaux.rdvUrl ?? "",
                    emailNotifications: nouveaux.emailNotifications ?? "", inviterJeunes: nouveaux.inviterJeunes),
                Self.titre, request, context, messages: messages)
        }
    }
}
