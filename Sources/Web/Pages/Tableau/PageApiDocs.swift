import Domain
import Foundation
import Hummingbird

/// `GET /api/docs` (F23): the OpenAPI document the service publishes, rendered as a readable page on the server —
/// operations grouped by tag, with their parameters, body and responses, and a link to the JSON itself.
struct PageApiDocs {
    let deps: Dependances

    func ajouter(a router: Router<ContexteRequete>) {
        let vue = ApiDocsVue.construire(openapi: DocumentOpenAPI.texte)  // built once
        router.get("/api/docs") { request, context in
            try await deps.page(vue, "Documentation de l'API", request, context)
        }
    }
}
