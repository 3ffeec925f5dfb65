import Domain
import Hummingbird

/// Every form POST of the pages carries the CSRF value: the one bound to the session once signed in, else the
/// value of the CSRF cookie (double submit, for the sign-in and sign-up forms). A POST whose body is not such a
/// form (a cross-site `text/plain` form, say) is refused the same way. A middleware of the page groups of the site
/// map; the API (`/api/`) is outside: it takes JSON or an API key, which a cross-site form cannot send.
struct CsrfMiddleware: RouterMiddleware {
    typealias Context = ContexteRequete
    let cookies: NomsCookies

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        guard request.method == .post else { return try await next(request, context) }
        var request = request
        let corps = try await request.collectBody(upTo: Formulaire.tailleMaximale)
        let envoye = Formulaire.decoder(String(buffer: corps))["csrf"] ?? ""
        guard let attendu = attendu(request, context), !attendu.isEmpty, egauxEnTempsConstant(envoye, attendu) else {
            throw ErreurApi.csrf
        }
        return try await next(request, context)
    }

    func attendu(_ request: Request, _ context: Context) -> String? {
        if context.identite != nil, let session = request.cookies[cookies.session]?.value, !session.isEmpty {
            return Formulaire.csrfDeSession(session)
        }
        return request.cookies[cookies.csrf]?.value
    }
}

/// Compares two secrets without stopping at the first difference.
func egauxEnTempsConstant(_ a: String, _ b: String) -> Bool {
    let x = Array(a.utf8)
    let y = Array(b.utf8)
    guard x.count == y.count else { return false }
    var difference: UInt8 = 0
    for i in x.indices { difference |= x[i] ^ y[i] }
    return difference == 0
}
