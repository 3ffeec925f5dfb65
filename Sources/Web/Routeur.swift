import Domain
import Foundation
import Hummingbird

/// The site map: every route of the service, in one place.
public func construireRouteur(_ deps: Dependances) -> Router<ContexteRequete> {
    let router = Router(context: ContexteRequete.self)
    router.add(middleware: LogRequestsMiddleware(.debug))
    router.add(middleware: ErreursMiddleware(deps: deps))
    router.add(middleware: IdentiteMiddleware(comptes: deps.comptes))

    router.get("/api/healthcheck") { _, _ -> Response in
        do {
            try await deps.store.verifier()
            return .json(#"{"status":"ok","database":"ok"}"#)
        } catch {
            let message = JSONTexte.ecrire(.objet([("status", .texte("error")), ("database", .texte("\(error)"))]))
            return .json(message, status: .serviceUnavailable)
        }
    }
    router.get("/api/openapi.json") { _, _ -> Response in .json(DocumentOpenAPI.texte) }

    ApiV3Routes(deps: deps).ajouter(a: router)
    ApiAuth(deps: deps).ajouter(a: router)
    ApiOrganismes(deps: deps).ajouter(a: router)
    ApiIndicateurs(deps: deps).ajouter(a: router)
    PagesPubliques(deps: deps).ajouter(a: router)
    EspaceCompte(deps: deps).ajouter(a: router)
    Administration(deps: deps).ajouter(a: router)
    return router
}

/// The OpenAPI description of the API, shipped as a resource.
enum DocumentOpenAPI {
    static let texte: String = {
        guard let url = Bundle.module.url(forResource: "openapi", withExtension: "json", subdirectory: "Resources"),
            let text = try? String(contentsOf: url, encoding: .utf8)
        else { preconditionFailure("openapi.json manquant dans les ressources de Web") }
        return text
    }()
}
