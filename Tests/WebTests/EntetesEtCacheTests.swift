import App
import Domain
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import TestSupport
import Testing
import Web

#if canImport(Glibc)
    import Glibc
#endif

/// What every response says to the browser, the public cache, the CSRF value bound to the session, the cookies'
/// names, the metrics door and the header-read time limit.
@Suite(.serialized)
struct EntetesEtCacheTests {
    func application(_ banc: Banc, _ modifier: (inout AppConfig) -> Void) async throws -> some ApplicationProtocol {
        var config = AppConfig()
        config.databasePath = banc.chemin
        config.logLevel = .error
        config.coutBcrypt = 4
        config.cookiesSecurises = false
        modifier(&config)
        return try await construireApplication(config: config, store: banc.store, horloge: banc.horloge)
    }

    @Test func everyResponseCarriesTheSecurityHeaders() async throws {
        let banc = try await Banc()
        try await ComptesTests().administrateur(banc)
        try await banc.test { client in
            let admin = Navigateur(client)
            _ = try await ComptesTests().connecter(admin, "admin@tdb.test")
            let reponses = [
                try await Navigateur(client).get("/indicateurs/national"),
                try await Navigateur(client).get("/page-qui-n-existe-pas"),
                try await Navigateur(client).get("/indicateurs/national?date=3000-01-01"),
                try await admin.get("/admin/utilisateurs"),
                try await admin.json("/api/v1/session", .get),
                try await Navigateur(client).json("/api/v1/indicateurs/national", .get),
            ]
            for r in reponses {
                let csp = r.headers[.contentSecurityPolicy] ?? ""
                #expect(
                    csp.contains("script-src 'self'") && csp.contains("frame-ancestors 'none'")
                        && !csp.contains("unsafe"))
                #expect(r.headers[.xContentTypeOptions] == "nosniff")
                #expect(r.headers[HTTPField.Name("X-Frame-Options")!] == "DENY")
                #expect(r.headers[HTTPField.Name("Referrer-Policy")!] == "same-origin")
                #expect(r.headers[.strictTransportSecurity] == nil)  // the public address is plain HTTP here
                #expect(r.headers[.cacheControl] != nil)
            }
            // Personal data is never kept by a cache: pages of a signed-in person, the session, the API v3 learners.
            #expect(try await admin.get("/indicateurs/national").headers[.cacheControl] == "no-store")
            #expect(try await admin.json("/api/v1/session", .get).headers[.cacheControl] == "no-store")
            let effectifs = try await client.execute(
                uri: "/api/v3/effectifs", method: .get, headers: banc.bearer(OrganismesDeTest.amiens)
            ) { $0 }
            #expect(effectifs.headers[.cacheControl] == "no-store")
            // No inline script or style in the pages: the policy would block them.
            for page in ["/", "/indicateurs/national", "/connexion", "/inscription"] {
                let corps = try await Navigateur(client).get(page).corps
                #expect(
                    !corps.contains("<script>") && !corps.contains(" style=\"") && !corps.contains("<style"), "\(page)")
            }
        }
    }

    @Test func httpsPublicAddressSendsHSTS() async throws {
        let banc = try await Banc()
        try await application(banc) { $0.urlPublique = "https://tdb.example.fr" }.test(.router) { client in
            let r = try await Navigateur(client).get("/")
            #expect(r.headers[.strictTransportSecurity]?.hasPrefix("max-age=") == true)
        }
    }

    @Test func publicViewsAreCachedUntilTheFiguresChange() async throws {
        let banc = try await Banc()
        try await banc.test { client in
            let premiere = try await Navigateur(client).json("/api/v1/indicateurs/national?date=2024-10-15", .get)
            let etag = try #require(premiere.headers[.eTag])
            #expect(premiere.headers[.lastModified] != nil && premiere.headers[.cacheControl] == "public, no-cache")
            let encore = try await client.execute(
                uri: "/api/v1/indicateurs/national?date=2024-10-15", method: .get,
                headers: [.ifNoneMatch: etag]
            ) { $0 }
            #expect(encore.status == .notModified && encore.body.readableBytes == 0)
            let depuis = try await client.execute(
                uri: "/api/v1/indicateurs/national?date=2024-10-15", method: .get,
                headers: [.ifModifiedSince: premiere.headers[.lastModified] ?? ""]
            ) { $0 }
            #expect(depuis.status == .notModified)
            // A learner arrives: the next answer counts them at once, under a new tag.
            _ = try await PagesTableauTests().peupler(banc, client)
            let apres = try await client.execute(
                uri: "/api/v1/indicateurs/national?date=2024-10-15", method: .get,
                headers: [.ifNoneMatch: etag]
            ) { $0 }
            #expect(apres.status == .ok && apres.headers[.eTag] != etag)
            #expect(String(buffer: apres.body).contains(#""departement":"80","apprenants":3"#))
            // The HTML national page too, for visitors who are not signed in; never for a signed-in person.
            let page = try await Navigateur(client).get("/indicateurs/national?date=2024-10-15")
            let tag = try #require(page.headers[.eTag])
            #expect(
                try await client.execute(
                    uri: "/indicateurs/national?date=2024-10-15", method: .get,
                    headers: [.ifNoneMatch: tag]
                ) { $0.status } == .notModified)
            let lea = try await ComptesTests().leaActive(banc, client)
            let signe = try await lea.get("/indicateurs/national?date=2024-10-15")
            #expect(signe.headers[.eTag] == nil && signe.corps.contains("Léa"))
            // Errors are not cached: a bad date is a 400 each time.
            for _ in 0..<2 {
                #expect(
                    try await Navigateur(client).json("/api/v1/indicateurs/national?date=3000-01-01", .get).status
                        == .badRequest)
            }
        }
    }

    @Test func theCsrfValueIsBoundToTheSessionOnceSignedIn() async throws {
        let banc = try await Banc()
        try await ComptesTests().administrateur(banc)
        try await banc.test { client in
            let nav = Navigateur(client)
            _ = try await nav.get("/connexion")
            let anonyme = try #require(nav.cookies["tdb_csrf"])
            #expect(try await ComptesTests().connecter(nav, "admin@tdb.test").status == .seeOther)
            let lie = try #require(nav.cookies["tdb_csrf"])
            #expect(lie != anonyme)
            // The value known before signing in no longer works, even with the cookie put back.
            nav.cookies["tdb_csrf"] = anonyme
            #expect(try await nav.post("/admin/maintenance", ["texte": "x"], csrf: anonyme).status == .forbidden)
            nav.cookies["tdb_csrf"] = lie
            #expect(try await nav.post("/admin/maintenance", ["texte": ""], csrf: lie).status == .seeOther)
            // A form that is not a form (text/plain from another site) is refused like a missing value.
            let brut = try await client.execute(
                uri: "/deconnexion", method: .post,
                headers: [
                    .cookie: "tdb_session=\(nav.cookies["tdb_session"] ?? "")",
                    .contentType: "text/plain",
                ],
                body: ByteBuffer(string: "csrf=\(lie)x")
            ) { $0.status }
            #expect(brut == .forbidden)
        }
    }

    @Test func secureCookiesAreHostPrefixed() async throws {
        let banc = try await Banc()
        try await application(banc) { $0.cookiesSecurises = true }.test(.router) { client in
            let r = try await Navigateur(client).get("/connexion")
            let cookie = try #require(r.headers[values: .setCookie].first { $0.hasPrefix("__Host-tdb_csrf=") })
            #expect(
                cookie.contains("Secure") && cookie.contains("Path=/") && cookie.contains("HttpOnly")
                    && !cookie.contains("Domain"))
        }
    }

    @Test func metricsNeedTheirToken() async throws {
        let banc = try await Banc()
        try await banc.test { client in
            let sansJeton = try await Navigateur(client).get("/metrics").status
            #expect(sansJeton == .notFound)
        }
        let jeton = String(repeating: "m", count: 40)
        try await application(banc) { $0.jetonMetriques = jeton }.test(.router) { client in
            #expect(try await Navigateur(client).get("/metrics").status == .notFound)
            let faux = try await client.execute(uri: "/metrics", method: .get, headers: [.authorization: "Bearer x"]) {
                $0.status
            }
            #expect(faux == .notFound)
            let bon = try await client.execute(
                uri: "/metrics", method: .get, headers: [.authorization: "Bearer \(jeton)"]
            ) { $0 }
            #expect(bon.status == .ok && String(buffer: bon.body).contains("tdb_http_requests_total"))
        }
        #expect(throws: ErreurConfiguration.self) {
            try AppConfig.depuis(environnement: ["TDB_METRICS_TOKEN": "court"])
        }
    }

    /// A client that trickles its headers is cut off after the header-read time; the server still answers others.
    @Test func slowHeadersAreCutOff() async throws {
        let banc = try await Banc()
        try await application(banc) { $0.delaiEntetes = 1 }.test(.live) { client in
            let port = try #require(client.port)
            let fd = try ConnexionHTTP.ouvrir(port: port)
            defer { close(fd) }
            let debut = Array("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Lent: ".utf8)
            _ = debut.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, 0) }
            try await Task.sleep(for: .milliseconds(2_500))
            var tampon = [UInt8](repeating: 0, count: 64)
            var delai = timeval(tv_sec: 3, tv_usec: 0)
            setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &delai, socklen_t(MemoryLayout<timeval>.size))
            let lus = tampon.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            #expect(lus <= 0, "the connection is closed without an answer")
            // The test client's own keep-alive connection was idle as long: it is closed too. A new one is served.
            let autre = try ConnexionHTTP.ouvrir(port: port)
            defer { close(autre) }
            let requete = Array("GET /api/healthcheck HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".utf8)
            _ = requete.withUnsafeBytes { send(autre, $0.baseAddress, $0.count, 0) }
            setsockopt(autre, SOL_SOCKET, SO_RCVTIMEO, &delai, socklen_t(MemoryLayout<timeval>.size))
            var reponse = [UInt8](repeating: 0, count: 12)
            let n = reponse.withUnsafeMutableBytes { recv(autre, $0.baseAddress, $0.count, Int32(MSG_WAITALL)) }
            #expect(n == 12 && String(decoding: reponse, as: UTF8.self) == "HTTP/1.1 200")
        }
    }
}
