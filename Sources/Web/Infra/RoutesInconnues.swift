import Domain
import HTTPTypes
import Hummingbird

/// What a request that no route answers gets: a known path called with another method, 405 with `Allow` naming
/// the methods it takes (HEAD wherever GET is); an unknown path, a French 404 — a page, or the JSON error shape
/// under `/api/`. Added to the router after every route, so it wraps only the router's "not found" answer.
struct RoutesInconnues: RouterMiddleware {
    typealias Context = ContexteRequete
    /// The site map: each route's path and method.
    let routes: [(chemin: RouterPath, methode: HTTPRequest.Method)]

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        do {
            return try await next(request, context)
        } catch let e as HTTPError where e.status == .notFound {
            let chemin = request.uri.path
            let methodes = Self.methodes(routes, chemin: chemin)
            guard methodes.isEmpty else {
                throw ErreurApi.methodeNonAutorisee(request.method, methodes, chemin: chemin)
            }
            throw ErreurApi.introuvable(chemin: chemin)
        }
    }

    /// The methods the routes of a path take, in the order of `Allow`; HEAD wherever GET is.
    static func methodes(_ routes: [(chemin: RouterPath, methode: HTTPRequest.Method)], chemin: String)
        -> [HTTPRequest.Method]
    {
        let segments = chemin.split(separator: "/", omittingEmptySubsequences: true)
        var methodes = Set<HTTPRequest.Method>()
        for r in routes where r.chemin.components.count == segments.count {
            if zip(r.chemin.components, segments).allSatisfy({ $0 ~= $1 }) { methodes.insert(r.methode) }
        }
        if methodes.contains(.get) { methodes.insert(.head) }
        return methodes.sorted { $0.rawValue < $1.rawValue }
    }
}

extension ErreurApi {
    /// 405, with the methods the path takes in `Allow`.
    static func methodeNonAutorisee(_ methode: HTTPRequest.Method, _ permises: [HTTPRequest.Method], chemin: String)
        -> ErreurApi
    {
        let liste = permises.map(\.rawValue).joined(separator: ", ")
        var e = ErreurApi(
            .methodNotAllowed,
            "La méthode \(methode.rawValue) n'est pas acceptée à cette adresse (acceptées : \(liste))",
            forme: chemin.hasPrefix("/api/v3/") ? .nationale : .tdb(code: "methode_non_autorisee"))
        e.headers[.allow] = liste
        return e
    }

    /// 404: no page, no API operation at this address.
    static func introuvable(chemin: String) -> ErreurApi {
        chemin.hasPrefix("/api/")
            ? ErreurApi(
                .notFound, "Aucune opération de l'API à cette adresse : voir /api/openapi.json",
                forme: chemin.hasPrefix("/api/v3/") ? .nationale : .tdb(code: "introuvable"))
            : ErreurApi(
                .notFound, "Page introuvable : aucune page n'existe à cette adresse", forme: .tdb(code: "introuvable"))
    }
}
