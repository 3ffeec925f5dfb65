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

/// Every route of the site map, called with hostile values in every parameter: extreme dates, huge and negative
/// numbers, long strings, unicode, repeated parameters, hostile path segments. No answer may be a 5xx, and the
/// process must live to answer the next request (a crash would end the test run).
@Suite(.serialized)
struct ParametresHostilesTests {
    /// Every parameter name a page, an API or a form of the service reads, and one it does not know.
    static let noms = [
        "date", "debut", "fin", "page", "limit", "annee_scolaire", "organisme_regions", "organisme_departements",
        "organisme_academies", "organisme_bassinsEmploi", "organisme_reseaux", "organisme_search",
        "apprenant_tranchesAge", "formation_annees", "formation_niveaux", "formation_cfds", "q", "statut",
        "tri_formations", "tri_organismes", "tri_territoires", "carte", "indicateur", "etat", "jour", "format",
        "organisme", "jeton", "email", "mot_de_passe", "confirmation", "actuel", "nom", "prenom", "role",
        "type_organisation", "identifiant", "region", "departement", "academie", "reseau", "code", "texte", "d",
        "action", "utilisateur", "kind", "du", "au", "inconnu",
    ]

    /// One value of each hostile class, sent alone to every parameter name of every route.
    static let classes: [String] = [
        "3000-01-01", "0001-01-01", "9223372036854775807", "-1", String(repeating: "a", count: 999),
        "é😀\u{202E}\u{0301}漢字", "\u{0000}", "",
    ]

    /// More of each class, sent to every parameter of a route at once.
    static let valeurs: [String] =
        classes + [
            "9999-12-31", "1899-12-31", "2101-01-01", "0000-00-00", "2024-02-30", "2024-13", "0000-01", "9999-12",
            "-2024-01-01", "-9223372036854775808", "99999999999999999999999", "0", "1e308", "NaN", "0x10", "1.5",
            ",,,,,",
            "-", "--apprenants", String(repeating: "9", count: 5_000), "' OR 1=1 --", "<script>alert(1)</script>",
            "../../etc/passwd", Array(repeating: "84", count: 400).joined(separator: ","),
        ]

    /// Path segments put in place of `:id` or `:indicateur`.
    static let segments = [
        "0", "-1", "9223372036854775807", "99999999999999999999", "abc", "é😀", String(repeating: "7", count: 500),
    ]

    static func encoder(_ s: String) -> String {
        s.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
    }

    /// The routes of the service, read from the router that `tdb serve` uses.
    static func routes(_ banc: Banc) async throws -> [(methode: HTTPRequest.Method, chemin: String)] {
        let deps = Dependances(
            store: banc.store, horloge: banc.horloge, logger: Logger(label: "test"),
            secrets: SecretsServeur(coutBcrypt: 4), pages: try await Pages.charger(), urlPublique: "",
            cookiesSecurises: false, index: IndexIndicateurs())
        return construireRouteur(deps).routes.map { ($0.method, $0.path.description) }
    }

    @Test func everyParameterOfEveryRouteSurvivesHostileValues() async throws {
        let banc = try await Banc()
        try await ComptesTests().administrateur(banc)
        let routes = try await Self.routes(banc)
        #expect(routes.count >= 50, "the site map lists the routes")
        let organisme = try #require(banc.ids[OrganismesDeTest.amiens])
        try await banc.test { client in
            _ = try await PagesTableauTests().peupler(banc, client)
            let admin = Navigateur(client)
            let releve = Releve()
            @Sendable func envoyer(_ methode: HTTPRequest.Method, _ uri: String, corps: String?) async throws {
                if admin.cookies["tdb_session"] == nil {
                    _ = try await ComptesTests().connecter(admin, "admin@tdb.test")
                }
                var h = admin.entetes
                h[.authorization] = banc.bearer(OrganismesDeTest.amiens)[.authorization]
                if corps != nil { h[.contentType] = "application/x-www-form-urlencoded" }
                let status = try await client.execute(
                    uri: uri, method: methode, headers: h,
                    body: corps.map { ByteBuffer(string: $0) }
                ) { $0.status }
                releve.noter(status.code >= 500 ? "\(methode) \(uri.prefix(160)) → \(status.code)" : nil)
            }
            /// The requests of a route: each class alone in each parameter, every value in all parameters at once,
            /// a parameter repeated, hostile path segments.
            func requetes(_ route: (methode: HTTPRequest.Method, chemin: String)) -> [String] {
                let base = route.chemin.replacingOccurrences(of: "{id}", with: organisme.description)
                    .replacingOccurrences(of: ":id", with: organisme.description)
                    .replacingOccurrences(of: "{indicateur}", with: "apprentis")
                    .replacingOccurrences(of: ":indicateur", with: "apprentis")
                    .replacingOccurrences(of: "{tableau}", with: "organismes")
                var uris: [String] = []
                for valeur in Self.classes {
                    uris += Self.noms.map { "\(base)?\($0)=\(Self.encoder(valeur))" }
                }
                for valeur in Self.valeurs {
                    let v = Self.encoder(valeur)
                    uris.append("\(base)?" + Self.noms.map { "\($0)=\(v)" }.joined(separator: "&"))
                    uris.append("\(base)?date=\(v)&date=2025-01-01")
                }
                if route.chemin.contains(":") || route.chemin.contains("{") {
                    for s in Self.segments {
                        uris.append(
                            "/"
                                + route.chemin.split(separator: "/").map { p in
                                    p.hasPrefix(":") || p.hasPrefix("{") ? Self.encoder(s) : String(p)
                                }.joined(separator: "/"))
                    }
                }
                return uris
            }
            // GET routes several at a time; POST routes last and one at a time: one of them signs the administrator
            // out, another revokes keys.
            for route in routes where route.methode != .post {
                let uris = requetes(route)
                try await withThrowingTaskGroup(of: Void.self) { groupe in
                    for debut in stride(from: 0, to: uris.count, by: 8) {
                        for uri in uris[debut..<min(debut + 8, uris.count)] {
                            groupe.addTask { try await envoyer(route.methode, uri, corps: nil) }
                        }
                        try await groupe.waitForAll()
                    }
                }
            }
            for route in routes where route.methode == .post {
                for uri in requetes(route) {
                    let valeur = uri.split(separator: "?", maxSplits: 1).dropFirst().first.map(String.init) ?? ""
                    try await envoyer(route.methode, uri, corps: valeur + "&csrf=\(admin.cookies["tdb_csrf"] ?? "")")
                }
            }
            let (echecs, total) = releve.bilan
            #expect(total > 10_000, "every route was called")
            #expect(
                echecs.isEmpty,
                "\(echecs.count) réponses 5xx sur \(total) : \(echecs.prefix(20).joined(separator: "\n"))")
            // Still alive and still right.
            let national = try await Navigateur(client).json("/api/v1/indicateurs/national?date=2024-10-15", .get)
            #expect(national.status == .ok)
        }
    }

    /// What the walk met: every answer counted, the 5xx kept.
    final class Releve: @unchecked Sendable {
        private let verrou = NSLock()
        private var echecs: [String] = []
        private var total = 0
        func noter(_ echec: String?) {
            verrou.withLock {
                total += 1
                if let echec { echecs.append(echec) }
            }
        }
        var bilan: ([String], Int) { verrou.withLock { (echecs, total) } }
    }

    @Test func outOfRangeDatesAndPagesAreNamed400s() async throws {
        let banc = try await Banc()
        try await banc.test { client in
            let anonyme = Navigateur(client)
            for date in ["3000-01-01", "0001-01-01", "9999-12-31", "1899-12-31"] {
                let r = try await anonyme.json("/api/v1/indicateurs/national?date=\(date)", .get)
                #expect(r.status == .badRequest, "\(date)")
                #expect(r.corps.contains(#""path":["date"]"#) && r.corps.contains("1900-01-01"), "\(r.corps)")
                let page = try await anonyme.get("/indicateurs/national?date=\(date)")
                #expect(page.status == .badRequest && page.corps.contains("date"))
            }
            #expect(try await anonyme.json("/api/v1/indicateurs/national?date=2100-12-31", .get).status == .ok)
            #expect(try await anonyme.json("/api/v1/indicateurs/national?date=1900-01-01", .get).status == .ok)
            let effectifs = try await client.execute(
                uri: "/api/v3/effectifs?page=9223372036854775807", method: .get,
                headers: banc.bearer(OrganismesDeTest.amiens)
            ) { $0 }
            #expect(effectifs.status == .badRequest)
            #expect(String(buffer: effectifs.body).contains(#""path":["page"]"#))
            let repete = try await anonyme.json("/api/v1/indicateurs/national?date=2025-01-01&date=2024-01-01", .get)
            #expect(repete.status == .badRequest && repete.corps.contains("répété"))
            let long = try await anonyme.get(
                "/indicateurs/national?organisme_search=" + String(repeating: "x", count: 1_001))
            #expect(long.status == .badRequest && long.corps.contains("organisme_search"))
        }
    }

    @Test func queryBoundsAreCheckedBeforeAnyHandler() {
        #expect(GardeParametres.verifier([("a", "1"), ("b", "2")]) == nil)
        #expect(GardeParametres.verifier([("a", "1"), ("a", "2")])?.first?.path == ["a"])
        #expect(GardeParametres.verifier([("q", String(repeating: "é", count: 1_001))])?.first?.path == ["q"])
        #expect(GardeParametres.verifier([("q", String(repeating: "é", count: 1_000))]) == nil)
        #expect(GardeParametres.verifier((0...40).map { ("p\($0)", "") })?.count == 1)
        #expect(
            GardeParametres.verifier([(String(repeating: "k", count: 65), "")])?.first?.message.contains("trop long")
                == true)
    }
}
