import Domain
import Hummingbird

/// The middlewares that say who may call a group of routes (see the site map, `Routeur.swift`). A refused caller
/// never reaches the handler; the chokepoint (`ErreursMiddleware`) turns the refusal into a JSON error under
/// `/api/`, a redirection to the sign-in page (401) or an HTML page elsewhere.

/// Signed in: the session cookie named a live session (`IdentiteMiddleware`); else 401.
struct ExigeConnexion: RouterMiddleware {
    typealias Context = ContexteRequete

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        guard context.identite != nil else { throw ErreurApi.nonConnecte }
        return try await next(request, context)
    }
}

/// Signed in, with a non-empty perimeter for a capability (403 otherwise). The capability may depend on the path
/// (a named list's): `capacite` reads it from the context, and throws when the path names nothing (404).
struct ExigeCapacite: RouterMiddleware {
    typealias Context = ContexteRequete
    let capacite: @Sendable (ContexteRequete) throws -> Capacite

    init(_ capacite: Capacite) { self.capacite = { _ in capacite } }
    init(selon capacite: @escaping @Sendable (ContexteRequete) throws -> Capacite) { self.capacite = capacite }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        let i = try context.exigerIdentite()
        guard !i.droits.perimetre(try capacite(context)).estVide else { throw ErreurComptes.interdit }
        return try await next(request, context)
    }
}

/// A platform administrator (401 when not signed in, 403 for anyone else).
struct ExigeAdministrateur: RouterMiddleware {
    typealias Context = ContexteRequete

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        _ = try context.exigerAdministrateur()
        return try await next(request, context)
    }
}

/// A valid API key in `Authorization: Bearer`, with the national API's messages (403); its use is noted and the
/// key put in the context for the handler.
struct ExigeCleApi: RouterMiddleware {
    typealias Context = ContexteRequete
    let deps: Dependances

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        var context = context
        context.cleApi = try await ClesApi.authentifier(request, deps: deps)
        return try await next(request, context)
    }
}

/// The operator's bearer token (`TDB_METRICS_TOKEN`); without it, or when none is configured, the route does not
/// exist for the caller (404).
struct ExigeJetonMetriques: RouterMiddleware {
    typealias Context = ContexteRequete
    let jeton: String?

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        guard let jeton, egauxEnTempsConstant(request.headers[.authorization] ?? "", "Bearer \(jeton)") else {
            throw ErreurComptes.introuvable
        }
        return try await next(request, context)
    }
}

extension ContexteRequete {
    /// The key `ExigeCleApi` checked.
    func exigerCleApi() throws -> CleApi {
        guard let cleApi else { throw ErreurApi.cleApi("Clé API manquante") }
        return cleApi
    }
}
