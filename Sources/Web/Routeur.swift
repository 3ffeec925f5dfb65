import Domain
import Outils
import Foundation
import Hummingbird

/// The site map: every route of the service, in one place.
public func construireRouteur(_ deps: Dependances) -> Router<ContexteRequete> {
    let router = Router(context: ContexteRequete.self)
    router.add(middleware: MetriquesMiddleware(metriques: deps.metriques, logger: deps.logger))
    router.add(middleware: EntetesSecurite(hsts: deps.hsts))
    router.add(middleware: ErreursMiddleware(deps: deps))
    router.add(middleware: GardeParametres())
    router.add(middleware: IdentiteMiddleware(comptes: deps.comptes, cookies: deps.cookies))
    router.add(middleware: CsrfMiddleware(cookies: deps.cookies))

    router.get("/api/healthcheck") { _, _ -> Response in
        let retard = deps.index.retard
        let index: JSONTexte.Noeud = .objet([
            ("effectifs", .entier(deps.index.nombreEffectifs)), ("retard", .entier(Int(retard.changements))),
            ("version", .entier(Int(retard.versionSuivie))),
        ])
        do {
            try await deps.store.verifier()
            return .json(JSONTexte.ecrire(.objet([("status", .texte("ok")), ("database", .texte("ok")), ("index", index)])))
        } catch {
            deps.logger.error("healthcheck : la base ne répond pas : \(error)")
            let message = JSONTexte.ecrire(.objet([
                ("status", .texte("error")), ("database", .texte("la base de données ne répond pas")), ("index", index),
            ]))
            return .json(message, status: .serviceUnavailable)
        }
    }
    router.get("/metrics") { request, _ -> Response in
        // Not for the public: only with the configured bearer token (`TDB_METRICS_TOKEN`); unknown otherwise.
        guard let jeton = deps.jetonMetriques,
            egauxEnTempsConstant(request.headers[.authorization] ?? "", "Bearer \(jeton)")
        else { throw ErreurComptes.introuvable }
        deps.metriques.indexSuivi(deps.index)
        return Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                 body: .init(byteBuffer: ByteBuffer(string: deps.metriques.texte())))
    }
    router.get("/api/openapi.json") { _, _ -> Response in .json(DocumentOpenAPI.texte) }

    ApiV3Routes(deps: deps).ajouter(a: router)
    ApiAuth(deps: deps).ajouter(a: router)
    ApiOrganismes(deps: deps).ajouter(a: router)
    ApiIndicateurs(deps: deps).ajouter(a: router)
    PagesPubliques(deps: deps).ajouter(a: router)
    PagesIndicateurs(deps: deps).ajouter(a: router)
    PagesOrganisme(deps: deps).ajouter(a: router)
    ListesNominatives(deps: deps).ajouter(a: router)
    PageApiDocs(deps: deps).ajouter(a: router)
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
