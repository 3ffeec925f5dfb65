import Domain
import Foundation
import Hummingbird

/// A submitted HTML form (`application/x-www-form-urlencoded`), read with a size limit and checked against the
/// CSRF cookie (double submit: the form carries the value of an HttpOnly, SameSite cookie).
struct Formulaire {
    static let tailleMaximale = 64 * 1024
    static let cookieCsrf = "tdb_csrf"

    let champs: [String: String]

    subscript(_ nom: String) -> String { champs[nom] ?? "" }

    static func lire(_ request: Request) async throws -> Formulaire {
        let buffer = try await request.body.collect(upTo: tailleMaximale)
        let f = Formulaire(champs: decoder(String(buffer: buffer)))
        guard let attendu = request.cookies[cookieCsrf]?.value, !attendu.isEmpty, f["csrf"] == attendu else {
            throw ErreurApi.csrf
        }
        return f
    }

    static func decoder(_ texte: String) -> [String: String] {
        var champs: [String: String] = [:]
        for paire in texte.split(separator: "&") {
            let parts = paire.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func dec(_ s: Substring) -> String {
                String(s).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? ""
            }
            let cle = dec(parts[0])
            if champs[cle] == nil { champs[cle] = parts.count > 1 ? dec(parts[1]) : "" }
        }
        return champs
    }

    /// The CSRF value for a page: the existing cookie, or a new one to send with the page.
    static func jetonCsrf(_ request: Request, securise: Bool) -> (valeur: String, cookie: Cookie?) {
        if let v = request.cookies[cookieCsrf]?.value, v.count == 64, v.allSatisfy(\.isHexDigit) { return (v, nil) }
        let v = SecretsServeur().nouveauSecret().valeur
        return (v, Cookie.validatedOrPlain(name: cookieCsrf, value: v, securise: securise, maxAge: nil))
    }
}

extension Cookie {
    /// HttpOnly, SameSite=Lax, Path=/, Secure unless explicitly turned off for plain-HTTP tests.
    static func validatedOrPlain(name: String, value: String, securise: Bool, maxAge: Int?) -> Cookie {
        (try? Cookie.validated(name: name, value: value, maxAge: maxAge, path: "/", secure: securise, httpOnly: true,
                               sameSite: .lax))
            ?? Cookie(name: name, value: value, path: "/", secure: securise, httpOnly: true)
    }
}

extension Dependances {
    /// What the layout of a page needs for this request.
    func base(_ request: Request, _ context: ContexteRequete, erreurs: [ErreurSaisie] = [],
              messages: [(String, String)] = []) async throws -> BasePage {
        let csrf = Formulaire.jetonCsrf(request, securise: cookiesSecurises)
        return BasePage(identite: context.identite, csrf: csrf.valeur, cookieCsrf: csrf.cookie,
                        banniereMaintenance: try await store.parametre(Comptes.cleMaintenance),
                        messages: messages.map { (type: $0.0, texte: $0.1) }, erreurs: erreurs)
    }

    /// A page answering a form that went wrong, or any page.
    func page(_ nom: String, _ titre: String, _ request: Request, _ context: ContexteRequete, _ modele: [String: Any] = [:],
              erreurs: [ErreurSaisie] = [], messages: [(String, String)] = [], status: HTTPResponse.Status = .ok) async throws
        -> Response
    {
        let base = try await base(request, context, erreurs: erreurs, messages: messages)
        return pages.rendre(nom, titre: titre, modele, base: base, status: erreurs.isEmpty ? status : .badRequest)
    }

    /// "Post/redirect/get": after a form that worked.
    func redirection(_ chemin: String) -> Response {
        Response(status: .seeOther, headers: [.location: chemin])
    }
}
