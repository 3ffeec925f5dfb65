import Domain
import Foundation
import Hummingbird
import Mustache
import NIOCore

/// The HTML pages: mustache templates (`Resources/templates`) rendered from typed view models (`Pages/Vues`), one
/// struct per template. `{{value}}` escapes every value by construction; `{{{…}}}` is kept for the SVG figures that
/// our own chart and map code writes.
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

    /// Renders a page: its own view model, then the layout's fields (title, user, CSRF value, notices).
    func rendre(_ vue: some VuePage, titre: String, base: BasePage, status: HTTPResponse.Status = .ok) -> Response {
        let html = html(vue, titre: titre, base: base)
        var response = Response(
            status: status, headers: [.contentType: "text/html; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: html)))
        if let cookie = base.cookieCsrf { response.setCookie(cookie) }
        response.headers[.cacheControl] = "no-store"
        return response
    }

    /// The HTML of a page.
    func html<Vue: VuePage>(_ vue: Vue, titre: String, base: BasePage) -> String {
        html(vue, layout: LayoutVue.construire(titre: titre, base: base))
    }

    /// The HTML of a page from its two view models: a page can be rendered as a function, without a server.
    func html<Vue: VuePage>(_ vue: Vue, layout: LayoutVue) -> String {
        guard let html = bibliotheque.render(PageComplete(contenu: vue, layout: layout), withTemplate: Vue.gabarit)
        else {
            preconditionFailure("gabarit manquant : \(Vue.gabarit)")
        }
        return html
    }
}

/// The view model of a page's own template (`Resources/templates/<gabarit>.mustache`).
protocol VuePage: Sendable {
    static var gabarit: String { get }
}

/// What a template sees: the page's fields first, then the layout's (title, user, CSRF value, notices).
struct PageComplete<Contenu: VuePage>: MustacheParent {
    let contenu: Contenu
    let layout: LayoutVue

    func child(named nom: String) -> Any? { champMustache(nom, de: contenu) ?? layout.child(named: nom) }
}

/// A stored property of a view model by name, as swift-mustache reads structs (an optional without value is
/// absent, so the lookup goes on up the context).
func champMustache(_ nom: String, de objet: Any) -> Any? {
    for enfant in Mirror(reflecting: objet).children where enfant.label == nom {
        let valeur = Mirror(reflecting: enfant.value)
        guard valeur.displayStyle == .optional else { return enfant.value }
        return valeur.children.first?.value
    }
    return nil
}

/// What the layout of a page needs from the request: who is signed in, the CSRF value, the banner, the notices.
struct BasePage: Sendable {
    var identite: Identite?
    var csrf: String
    /// Set when the CSRF cookie is new and must be sent with the page.
    var cookieCsrf: Cookie?
    var banniereMaintenance: String?
    var messages: [(type: String, texte: String)] = []
    var erreurs: [ErreurSaisie] = []
    /// The path of the page (`aria-current` of the navigation).
    var chemin = ""
    /// The cases with news from the other side (CFA or mission locale) this account's organisation has not read.
    var nonLus: Int?
    /// The companies' requests still « nouvelle » of a CFA (navigation counter).
    var demandesNouvelles: Int?
}
