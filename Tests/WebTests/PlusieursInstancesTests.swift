import Domain
import Foundation
import Outils
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Two `tdb serve` processes on one PostgreSQL database, as behind a load balancer (runs when `DATABASE_URL` names a
/// server: `scripts/avec-postgres.sh scripts/test.sh`).
@Suite(
    .serialized,
    .enabled(
        if: Backend.postgresDisponible,
        "PostgreSQL absent (DATABASE_URL non définie) : tests à plusieurs instances ignorés"))
struct PlusieursInstancesTests {
    static let environnement = [
        "TDB_SUIVI_MS": "200", "TDB_COOKIES_NON_SECURISES": "1", "TDB_COUT_BCRYPT": "4",
        "TDB_PASSWORD": "Instances-Partagees-2026!", "TDB_METRICS_TOKEN": jetonMetriques,
    ]
    static let jetonMetriques = "jeton-des-metriques-de-test-0123456789"

    /// A fresh database with the test référentiel, an API key for Amiens and an administrator.
    func preparer() async throws -> (url: String, cle: String) {
        let url = try await Backend.postgresql.nouvelleBase()
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tdb-pg-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let csv = dir.appendingPathComponent("organismes.csv")
        try OrganismesDeTest.csv.write(to: csv, atomically: true, encoding: .utf8)
        _ = try ProcessusTdb.executer(["import", "organismes", "--database-url", url, csv.path])
        let cle = try #require(
            try ProcessusTdb.executer(
                ["api-key", "create", "--database-url", url, "--uai", "0802004U", "--siret", "77937827200016"]
            ).split(separator: "\n").last.map(String.init))
        _ = try ProcessusTdb.executer(
            ["users", "create-admin", "--database-url", url, "admin@instances.test"],
            environnement: Self.environnement)
        return (url, cle)
    }

    func lot(_ prefixe: String, _ n: Int) -> Data {
        Data(
            JSONTexte.ecrire(.valeur(.array((1...n).map { item(["id_erp_apprenant": .string("\(prefixe)-\($0)")]) })))
                .utf8)
    }

    /// The number of effectifs in an instance's index, from its health check.
    func effectifsIndexes(_ instance: String) async throws -> Int {
        let (_, data) = try await ProcessusTdb.requete("\(instance)/api/healthcheck")
        let index = ProcessusTdb.json(data)["index"] as? [String: Any]
        return index?["effectifs"] as? Int ?? -1
    }

    /// Waits until the instance's index holds `attendu` effectifs; returns how long it took, nil after 10 s.
    func attendre(_ instance: String, _ attendu: Int) async throws -> Duration? {
        let debut = ContinuousClock.now
        while ContinuousClock.now - debut < .seconds(10) {
            if try await effectifsIndexes(instance) == attendu { return ContinuousClock.now - debut }
            try await Task.sleep(for: .milliseconds(20))
        }
        return nil
    }

    /// Two instances A and B on a prepared database, stopped at the end.
    func avecDeuxInstances(_ corps: (_ cle: String, _ a: Process, _ urlA: String, _ urlB: String) async throws -> Void)
        async throws
    {
        let (url, cle) = try await preparer()
        let (a, urlA) = try ProcessusTdb.servir(["--database-url", url], environnement: Self.environnement)
        defer {
            a.terminate()
            a.waitUntilExit()
        }
        let (b, urlB) = try ProcessusTdb.servir(["--database-url", url], environnement: Self.environnement)
        defer {
            b.terminate()
            b.waitUntilExit()
        }
        try await corps(cle, a, urlA, urlB)
    }

    @Test func anEffectifSentToOneInstanceIsCountedByTheOtherAndSessionsAreShared() async throws {
        try await avecDeuxInstances { cle, _, urlA, urlB in
            let (statut, _) = try await ProcessusTdb.requete(
                "\(urlA)/api/v3/dossiers-apprenants", methode: "POST", cle: cle,
                corps: lot("A", 50))
            #expect(statut == 200)
            #expect(try await effectifsIndexes(urlA) == 50)  // counted by A as soon as the POST returned
            let delai = try await attendre(urlB, 50)
            #expect(delai != nil && delai! < .seconds(2), "compté par B en \(String(describing: delai))")

            // The same indicators on both instances.
            let (_, nationalA) = try await ProcessusTdb.requete("\(urlA)/api/v1/indicateurs/national?date=2025-01-15")
            let (_, nationalB) = try await ProcessusTdb.requete("\(urlB)/api/v1/indicateurs/national?date=2025-01-15")
            #expect(nationalA == nationalB)

            // A session opened on A is honoured by B; closed on B, it is closed for A.
            let identifiants = Data(#"{"email":"admin@instances.test","password":"Instances-Partagees-2026!"}"#.utf8)
            let (connexion, _, reponse) = try await ProcessusTdb.echange(
                "\(urlA)/api/v1/auth/login", methode: "POST", corps: identifiants)
            #expect(connexion == 200)
            let entete: String = reponse?.value(forHTTPHeaderField: "Set-Cookie") ?? ""
            let cookie = String(entete.prefix { $0 != ";" })
            #expect(cookie.hasPrefix("tdb_session="))
            let (surB, session) = try await ProcessusTdb.requete("\(urlB)/api/v1/session", entetes: ["Cookie": cookie])
            #expect(surB == 200)
            #expect(String(decoding: session, as: UTF8.self).contains("admin@instances.test"))
            let (sortie, _) = try await ProcessusTdb.requete(
                "\(urlB)/api/v1/auth/logout", methode: "POST", corps: Data("{}".utf8),
                entetes: ["Cookie": cookie])
            #expect(sortie == 200 || sortie == 204)
            let (surA, _) = try await ProcessusTdb.requete("\(urlA)/api/v1/session", entetes: ["Cookie": cookie])
            #expect(surA == 401)

            // Metrics of A count the accepted dossiers.
            let (_, metriques) = try await ProcessusTdb.requete(
                "\(urlA)/metrics",
                entetes: ["Authorization": "Bearer \(Self.jetonMetriques)"])
            #expect(String(decoding: metriques, as: UTF8.self).contains(#"tdb_dossiers_total{verdict="accepte"} 50"#))
        }
    }

    @Test func killingAnInstanceMidTransmissionLosesNothingAcknowledged() async throws {
        try await avecDeuxInstances { cle, a, urlA, urlB in
            let taille = 400

            // Both instances receive batches at once; A is killed (SIGKILL: no goodbye) while its batches are in flight.
            let acquittes = try await withThrowingTaskGroup(of: Int.self) { groupe in
                for (nom, instance) in [("A", urlA), ("B", urlB)] {
                    groupe.addTask {
                        var n = 0
                        for k in 0..<12 {
                            guard
                                let (statut, _) = try? await ProcessusTdb.requete(
                                    "\(instance)/api/v3/dossiers-apprenants", methode: "POST", cle: cle,
                                    corps: lot("\(nom)\(k)", taille))
                            else { break }
                            if statut == 200 { n += taille }
                        }
                        return n
                    }
                }
                groupe.addTask {
                    try await Task.sleep(for: .milliseconds(400))
                    kill(a.processIdentifier, SIGKILL)
                    return 0
                }
                return try await groupe.reduce(0, +)
            }
            a.waitUntilExit()
            #expect(a.terminationReason == .uncaughtSignal)

            // Everything acknowledged is stored; a batch cut off by the kill is stored whole or not at all.
            let (_, page) = try await ProcessusTdb.requete("\(urlB)/api/v3/effectifs?limit=1&date=2025-01-15", cle: cle)
            let pagination = ProcessusTdb.json(page)["pagination"] as? [String: Any]
            let total = try #require(pagination?["total"] as? Int)
            #expect(total >= acquittes, "acquittés \(acquittes), stockés \(total)")
            #expect((total - acquittes) % taille == 0)
            #expect(acquittes >= 12 * taille)  // B went on serving all along
            // And the surviving instance counts all of them.
            #expect(try await attendre(urlB, total) != nil)
        }
    }
}
