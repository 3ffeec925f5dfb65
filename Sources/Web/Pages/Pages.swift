import Domain
import Foundation
import Hummingbird
import Mustache
import NIOCore

/// The HTML pages: mustache templates (`Resources/templates`) rendered from view models. `{{value}}` escapes
/// every value by construction.
public struct Pages: Sendable {
    let bibliotheque: MustacheLibrary
    let feuilleDeStyle: String
    let icone: String

    public static func charger() async throws -> Pages {
        guard let racine = Bundle.module.url(forResource: "Resources", withExtension: nil) else {
            preconditionFailure("ressources de Web introuvables")
        }
        let bibliotheque = try await MustacheLibrary(directory: racine.appendingPathComponent("templates").path)
        let css = try String(contentsOf: racine.appendingPathComponent("public/style.css"), encoding: .utf8)
        let icone = try String(contentsOf: racine.appendingPathComponent("public/favicon.svg"), encoding: .utf8)
        return Pages(bibliotheque: bibliotheque, feuilleDeStyle: css, icone: icone)
    }

    /// Renders a page with the fields every page has (the layout's), then the page's own.
    func rendre(_ nom: String, titre: String, _ modele: [String: Any] = [:], base: BasePage, status: HTTPResponse.Status = .ok)
        -> Response
    {
        let html = html(nom, titre: titre, modele, base: base)
        var response = Response(status: status, headers: [.contentType: "text/html; charset=utf-8"],
                                body: .init(byteBuffer: ByteBuffer(string: html)))
        if let cookie = base.cookieCsrf { response.setCookie(cookie) }
        response.headers[.cacheControl] = "no-store"
        return response
    }

    /// The HTML of a page.
    func html(_ nom: String, titre: String, _ modele: [String: Any], base: BasePage) -> String {
        var m = base.modele(titre: titre)
        for (k, v) in modele { m[k] = v }
        guard let html = bibliotheque.render(m, withTemplate: nom) else {
            preconditionFailure("gabarit manquant : \(nom)")
        }
        return html
    }
}

/// The part of every page's view model that the layout reads.
struct BasePage {
    var identite: Identite?
    var csrf: String
    /// Set when the CSRF cookie is new and must be sent with the page.
    var cookieCsrf: Cookie?
    var banniereMaintenance: String?
    var messages: [(type: String, texte: String)] = []
    var erreurs: [ErreurSaisie] = []

    func modele(titre: String) -> [String: Any] {
        var m: [String: Any] = [
            "titre": titre, "csrf": csrf,
            "messages": messages.map { ["type": $0.type, "texte": $0.texte] },
            "erreurs": erreurs.map { ["champ": $0.champ, "message": $0.message] },
            "erreursParChamp": Dictionary(erreurs.map { ($0.champ, $0.message) }, uniquingKeysWith: { a, _ in a }),
            "estAdmin": identite.map { $0.estAdministrateurPlateforme } ?? false,
        ]
        if let i = identite {
            var u: [String: Any] = ["nomComplet": i.utilisateur.nomComplet, "email": i.utilisateur.email,
                                    "organisation": i.organisation.nom]
            if let o = i.organisation.organisme { u["organismeAccueil"] = o.description }
            m["utilisateur"] = u
            if i.incarne { m["incarnation"] = ["organisation": i.organisation.nom] }
        }
        if let b = banniereMaintenance { m["banniereMaintenance"] = b }
        return m
    }
}
