import Domain
import Hummingbird

/// Reads the session cookie and puts who is asking in the context. An unknown, revoked or expired session is
/// simply no identity: routes that need one answer 401 (JSON) or send to the sign-in page (HTML).
struct IdentiteMiddleware: RouterMiddleware {
    typealias Context = ContexteRequete
    let comptes: Comptes
    let cookies: NomsCookies

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        var context = context
        if let valeur = request.cookies[cookies.session]?.value, !valeur.isEmpty {
            context.identite = try await comptes.identite(session: valeur)
        }
        return try await next(request, context)
    }
}

extension ContexteRequete {
    /// The signed-in identity, or the error that sends the person to sign in.
    func exigerIdentite() throws -> Identite {
        guard let identite else { throw ErreurApi.nonConnecte }
        return identite
    }

    func exigerAdministrateur() throws -> Identite {
        let i = try exigerIdentite()
        guard i.estAdministrateurPlateforme else { throw ErreurComptes.interdit }
        return i
    }
}
