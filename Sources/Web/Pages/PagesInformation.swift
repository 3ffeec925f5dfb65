import Domain
import Foundation
import Hummingbird

/// The pages a French public service shows at the foot of every page: accessibility statement, legal notice,
/// personal data, contact.
struct PagesInformation {
    let deps: Dependances

    @Sendable func accessibilite(_ request: Request, context: ContexteRequete) async throws -> Response {
        try await deps.page(
            AccessibiliteVue.construire(contact: deps.contact), "Déclaration d'accessibilité", request, context)
    }

    @Sendable func mentionsLegales(_ request: Request, context: ContexteRequete) async throws -> Response {
        try await deps.page(MentionsLegalesVue(contact: deps.contact), "Mentions légales", request, context)
    }

    @Sendable func donneesPersonnelles(_ request: Request, context: ContexteRequete) async throws -> Response {
        try await deps.page(
            DonneesPersonnellesVue.construire(.defaut, contact: deps.contact), "Données personnelles", request,
            context)
    }

    @Sendable func contact(_ request: Request, context: ContexteRequete) async throws -> Response {
        try await deps.page(
            ContactVue(
                contact: deps.contact, administrateurs: try await administrateurs(context.identite),
                organisation: context.identite?.organisationPropre.nom),
            "Contact", request, context)
    }

    /// The active administrators of the account's own organisation, other than the account itself: whom to ask.
    func administrateurs(_ i: Identite?) async throws -> [String] {
        guard let i else { return [] }
        return try await deps.store.utilisateurs(organisation: i.organisationPropre.id)
            .filter { $0.statut == .actif && $0.role == .administrateur && $0.id != i.utilisateur.id }
            .map { "\($0.nomComplet.trimmingCharacters(in: .whitespaces)) (\($0.email))" }
    }
}
