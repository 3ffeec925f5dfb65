import App
import Domain
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Synchronization
import TestSupport
import Testing
import Web

/// A clock the test moves.
final class HorlogeReglable: Sendable {
    let instant: Mutex<Date>
    init(_ d: Date) { instant = Mutex(d) }
    func avancer(_ s: TimeInterval) { instant.withLock { $0 = $0.addingTimeInterval(s) } }
    var horloge: Horloge { Horloge { self.instant.withLock { $0 } } }
    var date: Date {
        get { instant.withLock { $0 } }
        set { instant.withLock { $0 = newValue } }
    }
}

final class Compteur: Sendable {
    let n = Mutex(0)
    func ajouter() { n.withLock { $0 += 1 } }
    var valeur: Int { n.withLock { $0 } }
}

/// Issue 11, the doors: throttling that cannot lock a user out, rate limits, bounded bcrypt work.
struct PortesTests {
    @Test func anAttackerFailingFromOneAddressDoesNotStopTheUserFromAnother() async throws {
        let banc = try await Banc()
        let h = HorlogeReglable(Banc.maintenant)
        let comptes = Comptes(
            store: banc.store, secrets: SecretsServeur(coutBcrypt: 4), horloge: h.horloge, urlPublique: "")
        _ = try await comptes.creerAdministrateur(email: "admin@tdb.test", motDePasse: ComptesTests.motDePasse)
        for _ in 0..<TemporisationConnexion.seuilPaire {
            await #expect(throws: ErreurComptes.identifiantsInvalides) {
                _ = try await comptes.connecter(
                    email: "admin@tdb.test", motDePasse: "Faux-mot-de-passe-1", ip: "203.0.113.66")
            }
        }
        // The attacker's address waits 1 s, even with the right password…
        await #expect(throws: ErreurComptes.tropDeTentatives(reessayerDans: 1)) {
            _ = try await comptes.connecter(
                email: "admin@tdb.test", motDePasse: ComptesTests.motDePasse, ip: "203.0.113.66")
        }
        // …while the user, from her own address, signs in at once.
        _ = try await comptes.connecter(
            email: "admin@tdb.test", motDePasse: ComptesTests.motDePasse, ip: "198.51.100.7")
        // The delay doubles with each further failure: 2 s after the sixth.
        h.avancer(1)
        await #expect(throws: ErreurComptes.identifiantsInvalides) {
            _ = try await comptes.connecter(
                email: "admin@tdb.test", motDePasse: "Faux-mot-de-passe-1", ip: "203.0.113.66")
        }
        await #expect(throws: ErreurComptes.tropDeTentatives(reessayerDans: 2)) {
            _ = try await comptes.connecter(
                email: "admin@tdb.test", motDePasse: ComptesTests.motDePasse, ip: "203.0.113.66")
        }
        h.avancer(2)
        _ = try await comptes.connecter(
            email: "admin@tdb.test", motDePasse: ComptesTests.motDePasse, ip: "203.0.113.66")
        // A success forgets the pair's failures.
        await #expect(throws: ErreurComptes.identifiantsInvalides) {
            _ = try await comptes.connecter(
                email: "admin@tdb.test", motDePasse: "Faux-mot-de-passe-1", ip: "203.0.113.66")
        }
    }

    @Test func unknownAddressesAreCheckedAgainstADummyHashOfTheSameCost() async throws {
        let secrets = SecretsServeur(coutBcrypt: 5)
        let factice = await secrets.hashFactice()
        #expect(factice.hasPrefix("$2b$05$") || factice.hasPrefix("$2a$05$"))
        #expect(await secrets.hashFactice() == factice)
        #expect(await secrets.verifier(motDePasse: "", hash: factice) == false)
    }

    @Test(
        arguments: [
            // (peer, X-Forwarded-For, trusted proxies, client)
            ("203.0.113.5", ["198.51.100.1"], Set<String>(), "203.0.113.5"),  // not a proxy: the header is ignored
            ("10.0.0.2", ["198.51.100.1"], ["10.0.0.2"], "198.51.100.1"),
            ("10.0.0.2", ["6.6.6.6, 198.51.100.1"], ["10.0.0.2"], "198.51.100.1"),  // the client's own header is not believed
            ("10.0.0.2", ["198.51.100.1, 10.0.0.3"], ["10.0.0.2", "10.0.0.3"], "198.51.100.1"),  // two proxies
            ("10.0.0.2", [], ["10.0.0.2"], "10.0.0.2"),
            ("10.0.0.2", ["pas-une-adresse"], ["10.0.0.2"], "10.0.0.2"),
            ("10.0.0.2", ["2001:DB8::1"], ["10.0.0.2"], "2001:db8::1"),
        ] as [(String, [String], Set<String>, String)])
    func theClientAddressComesFromTrustedProxiesOnly(
        pair: String, entete: [String], proxies: Set<String>, attendu: String
    ) {
        #expect(AdresseClient.adresse(pair: pair, xForwardedFor: entete, proxies: proxies) == attendu)
    }

    @Test func trustedProxiesAndTheApiLimitAreValidated() throws {
        let c = try AppConfig.depuis(environnement: [
            "TDB_PROXIES_DE_CONFIANCE": "10.0.0.2, ::1", "TDB_LIMITE_API_V3": "1200",
        ])
        #expect(c.proxiesDeConfiance == ["10.0.0.2", "::1"] && c.limiteApiV3ParMinute == 1200)
        #expect(throws: ErreurConfiguration.self) {
            try AppConfig.depuis(environnement: ["TDB_PROXIES_DE_CONFIANCE": "10.0.0.2,proxy"])
        }
        do {
            _ = try AppConfig.depuis(environnement: [
                "TDB_PROXIES_DE_CONFIANCE": "10.0.0.2,proxy", "TDB_LIMITE_API_V3": "0",
            ])
            Issue.record("une configuration invalide a été acceptée")
        } catch let e as ErreurConfiguration {
            #expect(e.erreurs.count == 2)
            #expect(
                e.erreurs[0].hasPrefix("TDB_PROXIES_DE_CONFIANCE=10.0.0.2,proxy") && e.erreurs[0].contains("« proxy »"))
            #expect(e.erreurs[1].hasPrefix("TDB_LIMITE_API_V3=0"))
        }
    }

    /// Over real sockets (the peer is 127.0.0.1): `X-Forwarded-For` names the client only when the peer is trusted.
    @Test(arguments: [true, false]) func throttlingFollowsTheForwardedAddressOnlyBehindATrustedProxy(_ confiance: Bool)
        async throws
    {
        let banc = try await Banc()
        try await ComptesTests().administrateur(banc)
        var config = AppConfig()
        config.databasePath = banc.chemin
        config.logLevel = .error
        config.coutBcrypt = 4
        config.cookiesSecurises = false
        config.port = 0
        config.proxiesDeConfiance = confiance ? ["127.0.0.1"] : []
        let app = try await construireApplication(config: config, store: banc.store, horloge: banc.horloge)
        try await app.test(.live) { client async throws in
            func connexion(_ motDePasse: String, depuis adresse: String) async throws -> HTTPResponse.Status {
                let corps = #"{"email":"admin@tdb.test","password":"\#(motDePasse)"}"#
                var h: HTTPFields = [.contentType: "application/json"]
                h[HTTPField.Name("X-Forwarded-For")!] = adresse
                return try await client.execute(
                    uri: "/api/v1/auth/login", method: .post, headers: h,
                    body: ByteBuffer(string: corps)
                ) { $0.status }
            }
            for _ in 0..<TemporisationConnexion.seuilPaire {
                #expect(try await connexion("Faux-mot-de-passe-1", depuis: "203.0.113.66") == .unauthorized)
            }
            #expect(try await connexion(ComptesTests.motDePasse, depuis: "203.0.113.66") == .tooManyRequests)
            // Behind a trusted proxy, another client is another pair; otherwise the header is ignored and the socket
            // peer (the same for both) has failed.
            #expect(
                try await connexion(ComptesTests.motDePasse, depuis: "198.51.100.7")
                    == (confiance ? .ok : .tooManyRequests))
        }
    }

    @Test func passwordResetRequestsAreLimitedWithAFrenchPage() async throws {
        let banc = try await Banc()
        try await banc.test { client in
            let nav = Navigateur(client)
            for _ in 0..<5 {
                #expect(try await nav.post("/mot-de-passe-oublie", ["email": "quelquun@cfa.test"]).status == .ok)
            }
            let refus = try await nav.post("/mot-de-passe-oublie", ["email": " Quelquun@CFA.test"])
            #expect(refus.status == .tooManyRequests)
            #expect(refus.headers[.contentType]?.hasPrefix("text/html") == true)
            #expect(refus.corps.contains("Trop de demandes de réinitialisation du mot de passe : réessayez dans"))
            let attente = try #require(refus.headers[.retryAfter].flatMap(Int.init))
            #expect(attente > 0 && attente <= 3600)
            // Another address is still served.
            #expect(try await nav.post("/mot-de-passe-oublie", ["email": "autre@cfa.test"]).status == .ok)
        }
    }

    @Test func apiV3RequestsAreLimitedPerKeyInTheNationalShape() async throws {
        let banc = try await Banc()
        var config = AppConfig()
        config.databasePath = banc.chemin
        config.logLevel = .error
        config.coutBcrypt = 4
        config.cookiesSecurises = false
        config.limiteApiV3ParMinute = 2
        let app = try await construireApplication(config: config, store: banc.store, horloge: banc.horloge)
        try await app.test(.router) { client in
            for _ in 0..<2 {
                try await client.execute(
                    uri: "/api/v3/effectifs", method: .get, headers: banc.bearer(OrganismesDeTest.amiens)
                ) { r in
                    #expect(r.status == .ok)
                }
            }
            try await client.execute(
                uri: "/api/v3/effectifs", method: .get, headers: banc.bearer(OrganismesDeTest.amiens)
            ) { r in
                #expect(r.status == .tooManyRequests)
                #expect(r.headers[.retryAfter] == "40")  // 1_736_000_000 is 20 s into its minute
                let b = corps(r)
                #expect(b["error"] as? String == "Too Many Requests")
                #expect(
                    b["message"] as? String
                        == "Trop de requêtes de lecture des effectifs avec cette clé d'API : réessayez dans 40 secondes"
                )
            }
            // Another key, and the other route of the same key, have their own counters.
            try await client.execute(
                uri: "/api/v3/effectifs", method: .get, headers: banc.bearer(OrganismesDeTest.lyon)
            ) { r in
                #expect(r.status == .ok)
            }
            try await client.execute(
                uri: "/api/v3/dossiers-apprenants", method: .post, headers: banc.bearer(OrganismesDeTest.amiens),
                body: tableau([texte(item())])
            ) { r in
                #expect(r.status == .ok)
            }
            try await client.execute(
                uri: "/api/v3/dossiers-apprenants", method: .post, headers: banc.bearer(OrganismesDeTest.amiens),
                body: tableau([texte(item(["id_erp_apprenant": .string("DEUX")]))])
            ) { r in
                #expect(r.status == .ok)
            }
            // Over the limit, the batch is refused whole and nothing is written; so is the next one, at once.
            for _ in 0..<2 {
                try await client.execute(
                    uri: "/api/v3/dossiers-apprenants", method: .post, headers: banc.bearer(OrganismesDeTest.amiens),
                    body: tableau([texte(item(["id_erp_apprenant": .string("TROP")]))])
                ) { r in
                    #expect(r.status == .tooManyRequests)
                    #expect(r.headers[.retryAfter] == "40")
                    #expect(
                        corps(r)["message"] as? String
                            == "Trop de requêtes d'envoi de dossiers avec cette clé d'API : réessayez dans 40 secondes")
                }
            }
        }
        let amiens = try #require(banc.ids[OrganismesDeTest.amiens])
        #expect(
            try await banc.store.effectif(
                cle: CleEffectif(
                    organisme: amiens, anneeScolaire: AnneeScolaire("2024-2025")!,
                    idErpApprenant: "DEUX")) != nil)
        #expect(
            try await banc.store.effectif(
                cle: CleEffectif(
                    organisme: amiens, anneeScolaire: AnneeScolaire("2024-2025")!,
                    idErpApprenant: "TROP")) == nil)
    }

    @Test func aFloodOfSignUpHashesDoesNotStarveASignIn() async throws {
        let limiteur = LimiteurBcrypt(hachages: 1, verifications: 2)
        let lourd = SecretsServeur(coutBcrypt: 10, limiteur: limiteur)
        let hashConnu = await SecretsServeur(coutBcrypt: 4, limiteur: limiteur).hacher(motDePasse: "secret")
        let finis = Compteur()
        let n = 12
        try await withThrowingTaskGroup(of: Void.self) { groupe in
            for k in 0..<n {
                groupe.addTask {
                    _ = await lourd.hacher(motDePasse: "inscription-\(k)")
                    finis.ajouter()
                }
            }
            try await Task.sleep(for: .milliseconds(50))
            let debut = ContinuousClock.now
            #expect(await lourd.verifier(motDePasse: "secret", hash: hashConnu))
            let duree = ContinuousClock.now - debut
            // The sign-in did not wait for the sign-ups queued before it.
            #expect(finis.valeur < n / 2, "la vérification a attendu \(duree)")
            try await groupe.waitForAll()
        }
        #expect(finis.valeur == n)
    }

    @Test func anExistingAddressSigningUpGetsTheSamePageAndANotice() async throws {
        let banc = try await Banc()
        try await banc.test { client in
            let premier = try await ComptesTests().inscrireOF(Navigateur(client), email: "lea@cfa.test")
            let second = try await ComptesTests().inscrireOF(Navigateur(client), email: "lea@cfa.test")
            #expect(premier.status == .ok && second.status == .ok)
            #expect(
                premier.corps.contains("Si l&#39;adresse est valide")
                    && second.corps.contains("Si l&#39;adresse est valide"))
        }
        let sujets = try await banc.store.courriels(limite: 10).filter { $0.destinataire == "lea@cfa.test" }.map(
            \.sujet)
        #expect(sujets.contains { $0.hasSuffix("Confirmez votre adresse e-mail") })
        #expect(sujets.contains { $0.hasSuffix("Vous avez déjà un compte") })
    }
}
