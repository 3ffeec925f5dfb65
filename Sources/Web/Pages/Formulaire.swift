import Domain
import Foundation
import Hummingbird

/// A submitted HTML form (`application/x-www-form-urlencoded`), read with a size limit. Its CSRF value was checked
/// before the handler by `CsrfMiddleware`.
struct Formulaire {
    static let tailleMaximale = 64 * 1024

    /// The first value of each field.
    let champs: [String: String]
    /// Every value of each field, in order (check boxes sharing a name).
    var listes: [String: [String]] = [:]

    subscript(_ nom: String) -> String { champs[nom] ?? "" }

    func valeurs(_ nom: String) -> [String] { listes[nom] ?? [] }

    static func lire(_ request: Request) async throws -> Formulaire {
        let buffer = try await request.body.collect(upTo: tailleMaximale)
        let paires = decoderPaires(String(buffer: buffer))
        return Formulaire(
            champs: Dictionary(paires, uniquingKeysWith: { a, _ in a }),
            listes: Dictionary(grouping: paires, by: \.0).mapValues { $0.map(\.1) })
    }

    static func decoder(_ texte: String) -> [String: String] {
        Dictionary(decoderPaires(texte), uniquingKeysWith: { a, _ in a })
    }

    static func decoderPaires(_ texte: String) -> [(String, String)] {
        texte.split(separator: "&").map { paire in
            let parts = paire.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func dec(_ s: Substring) -> String {
                String(s).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? ""
            }
            return (dec(parts[0]), parts.count > 1 ? dec(parts[1]) : "")
        }
    }

    /// The CSRF value bound to a session: derived from its secret, so it changes with each sign-in and cannot be
    /// planted before one.
    static func csrfDeSession(_ session: String) -> String { SecretsServeur.sha256("csrf:" + session) }

}

extension Dependances {
    /// What the layout of a page needs for this request.
    func base(
        _ request: Request, _ context: ContexteRequete, erreurs: [ErreurSaisie] = [],
        messages: [(String, String)] = []
    ) async throws -> BasePage {
        let csrf = jetonCsrf(request, context)
        return BasePage(
            identite: context.identite, csrf: csrf.valeur, cookieCsrf: csrf.cookie,
            banniereMaintenance: try await store.parametre(Comptes.cleMaintenance),
            messages: messages.map { (type: $0.0, texte: $0.1) }, erreurs: erreurs, chemin: request.uri.path,
            nonLus: try await nonLus(context.identite),
            demandesNouvelles: try await context.identite?.organismesEnCollaboration.asyncMap {
                try await store.nombreDemandesNouvelles(organismes: $0)
            })
    }

    /// The cases holding news from the other side that the account's side has not read (navigation counter).
    func nonLus(_ i: Identite?) async throws -> Int? {
        guard let i else { return nil }
        if let code = i.missionLocaleParametrable {
            return try await store.nonLus(.missionLocale, dans: .missionLocale(code)).count
        }
        if let ids = i.organismesEnCollaboration { return try await store.nonLus(.cfa, dans: .organismes(ids)).count }
        return nil
    }

    /// The CSRF value for a page: bound to the session when signed in, else the existing cookie or a new one; the
    /// cookie is (re)sent with the page when it does not hold that value.
    func jetonCsrf(_ request: Request, _ context: ContexteRequete) -> (valeur: String, cookie: Cookie?) {
        let actuel = request.cookies[cookies.csrf]?.value
        if context.identite != nil, let session = request.cookies[cookies.session]?.value, !session.isEmpty {
            let v = Formulaire.csrfDeSession(session)
            return (v, actuel == v ? nil : cookieCsrf(v))
        }
        if let v = actuel, v.count == 64, v.allSatisfy(\.isHexDigit) { return (v, nil) }
        let v = SecretsServeur().nouveauSecret().valeur
        return (v, cookieCsrf(v))
    }

    /// A page answering a form that went wrong (then a 400), or any page.
    func page(
        _ vue: some VuePage, _ titre: String, _ request: Request, _ context: ContexteRequete,
        erreurs: [ErreurSaisie] = [], messages: [(String, String)] = [], status: HTTPResponse.Status = .ok
    ) async throws
        -> Response
    {
        let base = try await base(request, context, erreurs: erreurs, messages: messages)
        return pages.rendre(
            vue, titre: titre, base: base, status: erreurs.isEmpty || status != .ok ? status : .badRequest)
    }

    /// A page anyone may see (home, national view): for visitors who are not signed in, from the public cache; for
    /// signed-in people, computed (their name is in the header).
    func pagePublique<Vue: VuePage>(
        _ titre: String, _ request: Request, _ context: ContexteRequete,
        _ vue: @escaping @Sendable () async throws -> Vue
    ) async throws -> Response {
        guard context.identite == nil else { return try await page(try await vue(), titre, request, context) }
        return try await cachePublic.reponse(request, generation: index.generation, maintenant: horloge.now()) {
            let base = try await self.base(request, context)
            return (self.pages.html(try await vue(), titre: titre, base: base), "text/html; charset=utf-8")
        }
    }

    /// "Post/redirect/get": after a form that worked.
    func redirection(_ chemin: String) -> Response {
        Response(status: .seeOther, headers: [.location: chemin])
    }
}
