import Domain
import Foundation
import Hummingbird

/// `/cfa/ruptures/envoi-automatique`: a training organisation's choice to have its requests for support sent for it
/// after N days of rupture (issue 15, F17). Its users only, for the organisme of their organisation (403 for an
/// account without one); every change is written to the journal.
struct EnvoiAutomatiquePage {
    let deps: Dependances

    static let titre = "Envoi automatique des demandes d'accompagnement"

    /// The caller's organisme, or a 403.
    func organisme(_ i: Identite) throws -> OrganismeID {
        _ = try PagesCFARuptures.organismes(i)
        guard let id = i.organisation.organisme else { throw ErreurComptes.interdit }
        return id
    }

    @Sendable func page(_ request: Request, context: ContexteRequete, identite i: Identite) async throws -> Response {
        let id = try organisme(i)
        let p = try await deps.store.envoiAutomatique(organisme: id)
        return try await deps.page(
            EnvoiAutomatiqueVue.construire(nom: i.organisation.nom, actif: p.actif, jours: String(p.jours)), Self.titre,
            request, context)
    }

    /// Saved and journaled when valid; else the form again with the values typed and each field's error (400).
    @Sendable func enregistrer(_ request: Request, context: ContexteRequete, identite i: Identite) async throws
        -> Response
    {
        let id = try organisme(i)
        let f = try await Formulaire.lire(request)
        switch ParametresEnvoiAutomatique.lire(f.champs) {
        case .failure(let e):
            return try await deps.page(
                EnvoiAutomatiqueVue.construire(nom: i.organisation.nom, actif: f["actif"] == "oui", jours: f["jours"]),
                Self.titre, request, context, erreurs: e.liste, status: .badRequest)
        case .success(let nouveaux):
            let avant = try await deps.store.envoiAutomatique(organisme: id)
            let modifications = nouveaux.modifications(depuis: avant)
            var messages: [(String, String)] = [("info", "Aucune modification : le réglage était déjà celui-ci.")]
            if !modifications.isEmpty {
                try await deps.store.enregistrer(envoiAutomatique: nouveaux, organisme: id, now: deps.horloge.now())
                try await deps.comptes.journaliser(
                    i, "envoi_automatique", "organisme \(id) — " + modifications.joined(separator: " ; "))
                messages = [
                    (
                        "succes",
                        nouveaux.actif
                            ? "Réglage enregistré : les demandes partiront automatiquement après \(nouveaux.jours) "
                                + "jours de rupture, chaque matin."
                            : "Réglage enregistré : aucune demande ne partira automatiquement."
                    )
                ]
            }
            return try await deps.page(
                EnvoiAutomatiqueVue.construire(
                    nom: i.organisation.nom, actif: nouveaux.actif, jours: String(nouveaux.jours)),
                Self.titre, request, context, messages: messages)
        }
    }
}
