import App
import Domain
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import IndexEffectifs
import Logging
import NIOCore
import TestSupport
import Testing
import Web

/// The site map (`Routeur.swift`): every route in one place, grouped by who may call it. Each group's middlewares
/// refuse the other callers on every one of its routes; a known path called with another method answers 405 with
/// `Allow`, an unknown path a French 404 (a page, or JSON under `/api/`); HEAD answers like GET without a body.
@Suite(.serialized)
struct PlanDuSiteTests {
    static func plan(_ banc: Banc) async throws -> [RouteDuPlan] {
        let deps = Dependances(
            store: banc.store, horloge: banc.horloge, logger: Logger(label: "test"),
            secrets: SecretsServeur(coutBcrypt: 4), pages: try await Pages.charger(), urlPublique: "",
            cookiesSecurises: false, index: IndexIndicateurs())
        return construirePlanDuSite(deps).routes
    }

    /// A route's path (`/organismes/{id}`) with its parameters filled in.
    static func uri(_ chemin: String, id: String = "1") -> String {
        chemin.replacingOccurrences(of: "{id}", with: id).replacingOccurrences(of: "{indicateur}", with: "apprentis")
            .replacingOccurrences(of: "{tableau}", with: "organismes")
    }

    @Test func theSiteMapListsEveryRouteOnceWithItsGroup() async throws {
        let banc = try await Banc()
        let plan = try await Self.plan(banc)
        let routeur = construireRouteur(
            Dependances(
                store: banc.store, horloge: banc.horloge, logger: Logger(label: "test"),
                secrets: SecretsServeur(coutBcrypt: 4),
                pages: try await Pages.charger(), urlPublique: "", cookiesSecurises: false, index: IndexIndicateurs()))
        let duRouteur = Set(routeur.routes.map { "\($0.method) \($0.path)" })
        #expect(Set(plan.map { "\($0.methode) \($0.chemin)" }) == duRouteur, "every route is in a group")
        #expect(plan.count == duRouteur.count, "no route twice")
        for acces in Acces.allCases {
            #expect(plan.contains { $0.acces == acces }, "\(acces) has routes")
        }
        #expect(plan.allSatisfy { !$0.chemin.hasPrefix("/admin") || $0.acces == .administrateur })
        #expect(plan.allSatisfy { !$0.chemin.hasPrefix("/api/v3/") || $0.acces == .cleApi })
    }

    @Test func everyGuardedRouteRefusesAnAnonymousCaller() async throws {
        let banc = try await Banc()
        let plan = try await Self.plan(banc)
        try await banc.test { client in
            var verifiees = 0
            for route in plan where route.acces != .publique {
                let anonyme = Navigateur(client)
                let uri = Self.uri(route.chemin)
                // Forms carry the CSRF value of the cookie, so the refusal is the group's guard, not the CSRF check.
                let r =
                    route.methode == .post && !uri.hasPrefix("/api/")
                    ? try await anonyme.post(uri)
                    : try await anonyme.json(uri, route.methode, route.methode == .post ? "{}" : nil)
                switch route.acces {
                case .connecte, .capacite, .administrateur:
                    if uri.hasPrefix("/api/") {
                        #expect(r.status == .unauthorized, "\(route) → \(r.status)")
                        #expect(r.corps.contains(#""code":"non_connecte""#), "\(route) : \(r.corps)")
                    } else {
                        #expect(r.status == .seeOther && r.headers[.location] == "/connexion", "\(route) → \(r.status)")
                    }
                case .cleApi:
                    #expect(r.status == .forbidden, "\(route) → \(r.status)")
                    #expect(r.corps == #"{"error":"Forbidden","message":"Clé API manquante"}"#, "\(route) : \(r.corps)")
                case .operateur:
                    #expect(r.status == .notFound, "\(route) → \(r.status)")
                case .publique:
                    break
                }
                verifiees += 1
            }
            #expect(verifiees >= 40)
        }
    }

    @Test func everyAdministratorRouteRefusesAnotherSignedInUser() async throws {
        let banc = try await Banc()
        let plan = try await Self.plan(banc)
        try await banc.test { client in
            let lea = try await ComptesTests().leaActive(banc, client)
            #expect(try await lea.get("/mon-compte").status == .ok, "Léa is signed in")
            let routes = plan.filter { $0.acces == .administrateur }
            #expect(routes.count >= 15)
            for route in routes {
                let uri = Self.uri(route.chemin)
                let r =
                    route.methode == .post
                    ? try await lea.post(uri, ["confirmation": "EFFACER", "texte": "x"])
                    : try await lea.get(uri)
                #expect(r.status == .forbidden, "\(route) → \(r.status)")
                #expect(r.corps.contains("Erreur 403"), "\(route)")
            }
            // Still signed in, nothing done on her behalf.
            #expect(try await lea.get("/mon-compte").status == .ok)
        }
    }

    /// A mission locale has no capability in the permission table: every capability-guarded route refuses its
    /// signed-in member (403), while the signed-in routes open.
    @Test func everyCapabilityRouteRefusesAUserWithoutTheCapability() async throws {
        let banc = try await Banc()
        let plan = try await Self.plan(banc)
        let ml = try await banc.store.creerOrganisation(
            NouvelleOrganisation(type: .missionLocale, nom: "ML"), now: Date())
        _ = try await banc.store.creerUtilisateur(
            NouvelUtilisateur(
                email: "ml@test.fr", nom: "N", prenom: "P", organisation: ml.id, role: .membre, statut: .actif,
                hashMotDePasse: await SecretsServeur(coutBcrypt: 4).hacher(motDePasse: ComptesTests.motDePasse)),
            now: Date())
        try await banc.test { client in
            let nav = Navigateur(client)
            #expect(try await ComptesTests().connecter(nav, "ml@test.fr").status == .seeOther)
            #expect(try await nav.get("/mon-compte").status == .ok)
            let routes = plan.filter { $0.acces == .capacite }
            #expect(routes.count >= 12)
            for route in routes {
                let uri = Self.uri(route.chemin)
                let r =
                    uri.hasPrefix("/api/")
                    ? try await nav.json(uri, route.methode)
                    : route.methode == .post ? try await nav.post(uri) : try await nav.get(uri)
                #expect(r.status == .forbidden, "\(route) → \(r.status)")
                if uri.hasPrefix("/api/") { #expect(r.corps.contains(#""code":"interdit""#), "\(route)") }
            }
            // A list that does not exist is not found, before any right is asked.
            #expect(try await nav.get("/listes/inconnue").status == .notFound)
        }
    }

    /// Every other method on every path of the route table: 405 with `Allow` naming exactly the methods the path
    /// takes (HEAD wherever GET is), JSON under `/api/`, a French page elsewhere.
    @Test func everyPathAnswers405WithAllowForOtherMethods() async throws {
        let banc = try await Banc()
        let plan = try await Self.plan(banc)
        let parChemin = Dictionary(
            plan.map { ($0.chemin, Set([$0.methode.rawValue])) }, uniquingKeysWith: { $0.union($1) })
        try await banc.test { client in
            var verifiees = 0
            for (chemin, methodes) in parChemin.sorted(by: { $0.key < $1.key }) {
                var permises = methodes
                if permises.contains("GET") { permises.insert("HEAD") }
                let allow = permises.sorted().joined(separator: ", ")
                let uri = Self.uri(chemin)
                for methode in [HTTPRequest.Method.get, .post, .put, .delete, .patch, .options]
                where !permises.contains(methode.rawValue) {
                    let r = try await client.execute(uri: uri, method: methode, headers: [:], body: nil) { $0 }
                    #expect(r.status == .methodNotAllowed, "\(methode) \(uri) → \(r.status)")
                    #expect(r.headers[.allow] == allow, "\(methode) \(uri) : Allow \(r.headers[.allow] ?? "absent")")
                    let corps = String(buffer: r.body)
                    if uri.hasPrefix("/api/") {
                        #expect(r.headers[.contentType]?.hasPrefix("application/json") == true, "\(methode) \(uri)")
                        #expect(corps.contains("n'est pas acceptée"), "\(methode) \(uri) : \(corps)")
                    } else {
                        #expect(r.headers[.contentType]?.hasPrefix("text/html") == true, "\(methode) \(uri)")
                        #expect(
                            corps.contains("Erreur 405") && corps.contains("acceptées : \(allow)"), "\(methode) \(uri)")
                    }
                    verifiees += 1
                }
            }
            #expect(verifiees >= 200)
        }
    }

    @Test func wrongMethodOnEachGroup() async throws {
        let banc = try await Banc()
        try await banc.test { client in
            func appel(_ methode: HTTPRequest.Method, _ uri: String) async throws -> TestResponse {
                try await client.execute(uri: uri, method: methode, headers: [:], body: nil) { $0 }
            }
            // API v3: the national error shape.
            let v3 = try await appel(.get, "/api/v3/dossiers-apprenants")
            #expect(v3.status == .methodNotAllowed && v3.headers[.allow] == "POST")
            #expect(String(buffer: v3.body).hasPrefix(#"{"error":"Method Not Allowed","message":"La méthode GET"#))
            let effectifs = try await appel(.delete, "/api/v3/effectifs")
            #expect(effectifs.status == .methodNotAllowed && effectifs.headers[.allow] == "GET, HEAD")
            // Our API: its error shape.
            let session = try await appel(.post, "/api/v1/session")
            #expect(session.status == .methodNotAllowed && session.headers[.allow] == "GET, HEAD")
            #expect(String(buffer: session.body).contains(#""code":"methode_non_autorisee""#))
            // Pages: public, signed-in, administrator, with a parameter in the path.
            for (methode, uri, allow) in [
                (HTTPRequest.Method.put, "/connexion", "GET, HEAD, POST"),
                (.post, "/mon-compte", "GET, HEAD"), (.get, "/admin/apprenants/effacer", "POST"),
                (.delete, "/organismes/12", "GET, HEAD"),
                (.get, "/ma-structure/membres/3/valider", "POST"),
            ] {
                let r = try await appel(methode, uri)
                #expect(r.status == .methodNotAllowed && r.headers[.allow] == allow, "\(methode) \(uri)")
                #expect(String(buffer: r.body).contains("Méthode") || String(buffer: r.body).contains("méthode"))
            }
        }
    }

    @Test func unknownPathsAnswerAFrench404() async throws {
        let banc = try await Banc()
        try await banc.test { client in
            func appel(_ methode: HTTPRequest.Method, _ uri: String) async throws -> TestResponse {
                try await client.execute(uri: uri, method: methode, headers: [:], body: nil) { $0 }
            }
            for uri in ["/nulle-part", "/admin/inconnu", "/organismes/1/inconnu", "/listes"] {
                let page = try await appel(.get, uri)
                #expect(page.status == .notFound, "\(uri)")
                #expect(page.headers[.contentType]?.hasPrefix("text/html") == true)
                let html = String(buffer: page.body)
                #expect(html.contains("Erreur 404") && html.contains("Page introuvable"), "\(uri)")
                #expect(html.contains("<html") && html.contains("lang=\"fr\""))
            }
            // A POST to nowhere is not found either (not refused by the CSRF check of the page groups).
            #expect(try await appel(.post, "/nulle-part").status == .notFound)
            let api = try await appel(.get, "/api/v1/inconnu")
            #expect(api.status == .notFound && api.headers[.contentType]?.hasPrefix("application/json") == true)
            #expect(String(buffer: api.body).hasPrefix(#"{"error":{"code":"introuvable","message":"Aucune opération"#))
            let v3 = try await appel(.post, "/api/v3/inconnu")
            #expect(v3.status == .notFound)
            #expect(String(buffer: v3.body).hasPrefix(#"{"error":"Not Found","message":"Aucune opération"#))
        }
    }

    @Test func headAnswersLikeGetWithoutABody() async throws {
        let banc = try await Banc()
        try await banc.test { client in
            for uri in [
                "/", "/indicateurs/national", "/api/healthcheck", "/api/openapi.json", "/public/style.css",
                "/api/v1/indicateurs/national",
            ] {
                let get = try await client.execute(uri: uri, method: .get, headers: [:], body: nil) { $0 }
                let head = try await client.execute(uri: uri, method: .head, headers: [:], body: nil) { $0 }
                #expect(get.status == .ok && head.status == .ok, "\(uri)")
                #expect(head.headers[.contentType] == get.headers[.contentType], "\(uri)")
                #expect(get.body.readableBytes > 0 && head.body.readableBytes == 0, "\(uri)")
            }
            // Guarded as GET is.
            let admin = try await client.execute(uri: "/api/v1/session", method: .head, headers: [:], body: nil) { $0 }
            #expect(admin.status == .unauthorized && admin.body.readableBytes == 0)
            let post = try await client.execute(
                uri: "/api/v3/dossiers-apprenants", method: .head, headers: [:], body: nil
            ) { $0 }
            #expect(post.status == .methodNotAllowed && post.headers[.allow] == "POST" && post.body.readableBytes == 0)
        }
    }
}
