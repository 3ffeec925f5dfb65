import Domain
import Foundation
import Hummingbird
import Outils

/// `GET /api/docs` (F23): the OpenAPI document the service publishes, rendered as a readable page on the server —
/// operations grouped by tag, with their parameters, body and responses, and a link to the JSON itself.
struct PageApiDocs {
    let deps: Dependances

    /// The document's view model, built once (read-only afterwards).
    static let vueDocument = UncheckedSendable(ApiDocsVue.construire(openapi: DocumentOpenAPI.texte))

    @Sendable func page(_ request: Request, context: ContexteRequete) async throws -> Response {
        try await deps.page(Self.vueDocument.valeur, "Documentation de l'API", request, context)
    }
}
