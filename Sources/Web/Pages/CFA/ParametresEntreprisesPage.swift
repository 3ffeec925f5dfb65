import Domain
import Foundation
import Hummingbird

extension Identite {
    /// `/cfa/entreprises/parametres`: the organisme whose public settings for companies this account may change — a
    /// training organisation's administrators (or a platform administrator impersonating it), for their own organisme.
    public var organismeParametrableEntreprises: OrganismeID? {
        guard organisation.type == .organismeFormation, gereOrganisation, organismesEnCollaboration != nil,
            let id = organisation.organisme
        else { return nil }
        return id
    }
}

/// `/cfa/entreprises/parametres` (issue 16): whether the training organisation appears in the companies' public
/// search (`/recruter-un-apprenti`), and the e-mail and phone shown there. Its administrators only (403 for its
/// other members and anyone else); every change is written to the journal.
struct ParametresEntreprisesPage {
    let deps: Dependances

    static let titre = "Recherche publique des entreprises"

    func organisme(_ i: Identite) throws -> OrganismeID {
        guard let id = i.organismeParametrableEntreprises else { throw ErreurComptes.interdit }
        return id
    }

    @Sendable func page(_ request: Request, context: ContexteRequete, identite i: Identite) async throws -> Response {
        let id = try organisme(i)
        let c = try await deps.store.contactPublic(organisme: id)
        return try await deps.page(
            ParametresEntreprisesVue.construire(
                nom: i.organisation.nom, visible: c.visible, courriel: c.courriel ?? "", telephone: c.telephone ?? ""),
            Self.titre, request, context)
    }

    /// Saved and journaled when valid; else the form again with the values typed and each field's error (400).
    @Sendable func enregistrer(_ request: Request, context: ContexteRequete, identite i: Identite) async throws
        -> Response
    {
        let id = try organisme(i)
        let f = try await Formulaire.lire(request)
        switch ContactPublic.lire(f.champs) {
        case .failure(let e):
            return try await deps.page(
                ParametresEntreprisesVue.construire(
                    nom: i.organisation.nom, visible: f["visible"] == "oui", courriel: f["courriel"],
                    telephone: f["telephone"]),
                Self.titre, request, context, erreurs: e.liste, status: .badRequest)
        case .success(let nouveau):
            let avant = try await deps.store.contactPublic(organisme: id)
            let modifications = nouveau.modifications(depuis: avant)
            var messages: [(String, String)] = [("info", "Aucune modification : les réglages étaient déjà ceux-ci.")]
            if !modifications.isEmpty {
                try await deps.store.enregistrer(contactPublic: nouveau, organisme: id, now: deps.horloge.now())
                try await deps.comptes.journaliser(
                    i, "contact_public", "organisme \(id) — " + modifications.joined(separator: " ; "))
                messages = [
                    (
                        "succes",
                        nouveau.visible
                            ? "Réglages enregistrés : votre organisme apparaît dans la recherche des entreprises."
                            : "Réglages enregistrés : votre organisme n'apparaît plus dans la recherche des entreprises."
                    )
                ]
            }
            return try await deps.page(
                ParametresEntreprisesVue.construire(
                    nom: i.organisation.nom, visible: nouveau.visible, courriel: nouveau.courriel ?? "",
                    telephone: nouveau.telephone ?? ""),
                Self.titre, request, context, messages: messages)
        }
    }
}
