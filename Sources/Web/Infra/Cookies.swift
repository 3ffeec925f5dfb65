import Domain
import Hummingbird

/// The names of the service's cookies. Secure cookies carry the `__Host-` prefix: the browser then accepts them only
/// with `Secure`, `Path=/` and no `Domain`, so no other site or sub-domain can set them. Plain names are used only
/// when cookies are not secure (plain-HTTP tests), where a browser would refuse a `__Host-` cookie.
public struct NomsCookies: Sendable {
    public let session: String
    public let csrf: String

    public init(securises: Bool) {
        let prefixe = securises ? "__Host-" : ""
        session = prefixe + "tdb_session"
        csrf = prefixe + "tdb_csrf"
    }
}

extension Cookie {
    /// HttpOnly, SameSite=Lax, Path=/, Secure unless explicitly turned off for plain-HTTP tests.
    static func validatedOrPlain(name: String, value: String, securise: Bool, maxAge: Int?) -> Cookie {
        (try? Cookie.validated(
            name: name, value: value, maxAge: maxAge, path: "/", secure: securise, httpOnly: true,
            sameSite: .lax))
            ?? Cookie(name: name, value: value, path: "/", secure: securise, httpOnly: true)
    }
}

extension Dependances {
    func cookieSession(_ valeur: String, maxAge: Int? = Int(SessionUtilisateur.duree)) -> Cookie {
        Cookie.validatedOrPlain(name: cookies.session, value: valeur, securise: cookiesSecurises, maxAge: maxAge)
    }

    func cookieCsrf(_ valeur: String) -> Cookie {
        Cookie.validatedOrPlain(name: cookies.csrf, value: valeur, securise: cookiesSecurises, maxAge: nil)
    }

    /// The cookies of a new session: the session itself, and the CSRF value bound to it (the forms the person
    /// posts next carry it; a value obtained before signing in no longer works).
    func cookiesConnexion(_ valeur: String) -> [Cookie] {
        [cookieSession(valeur), cookieCsrf(Formulaire.csrfDeSession(valeur))]
    }
}
