import App
import Domain
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Outils
import SQLiteStore
import TestSupport
import Testing
import Web

/// A service on a fresh database, built by the same composition root as `tdb serve`, with the test
/// référentiel imported and one API key per organisme.
struct Banc {
    let chemin: String
    let store: SQLiteStore
    let horloge: Horloge
    var cles: [OrganismeCle: String] = [:]
    var ids: [OrganismeCle: OrganismeID] = [:]

    static let maintenant = Date(timeIntervalSince1970: 1_736_000_000)  // 2025-01-04

    init(horloge: Horloge = .fixed(Banc.maintenant)) async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tdb-web-\(UUID().uuidString)")
        chemin = dir.appendingPathComponent("tdb.sqlite").path
        store = try SQLiteStore(path: chemin)
        self.horloge = horloge
        let lu = ImportOrganismes.lire(FichierCSV(texte: OrganismesDeTest.csv))
        _ = try await store.importer(organismes: lu.organismes)
        for cle in [OrganismesDeTest.amiens, OrganismesDeTest.abbeville, OrganismesDeTest.lyon] {
            let o = try #require(try await store.organisme(cle: cle))
            ids[cle] = o.id
            let nouvelle = ClesApi.nouvelle()
            _ = try await store.creerCleApi(organisme: o.id, hash: nouvelle.hash, now: Banc.maintenant)
            cles[cle] = nouvelle.valeur
        }
        _ = try await store.importer(relations: [(ids[OrganismesDeTest.amiens]!, ids[OrganismesDeTest.abbeville]!)])
    }

    func application() async throws -> some ApplicationProtocol {
        var config = AppConfig()
        config.databasePath = chemin
        config.logLevel = .error
        config.coutBcrypt = 4
        config.cookiesSecurises = false
        return try await construireApplication(config: config, store: store, horloge: horloge)
    }

    func test(_ body: @escaping @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        try await application().test(.router, body)
    }

    func bearer(_ cle: OrganismeCle) -> HTTPFields { [.authorization: "Bearer \(cles[cle]!)"] }
}

/// The JSON body of a response.
func corps(_ r: TestResponse) -> [String: Any] {
    guard let o = try? JSONSerialization.jsonObject(with: Data(buffer: r.body)), let d = o as? [String: Any] else {
        Issue.record("la réponse n'est pas un objet JSON : \(String(buffer: r.body).prefix(200))")
        return [:]
    }
    return d
}

func erreurs(_ item: [String: Any]) -> [ErreurValidation] {
    (item["validation_errors"] as? [[String: Any]] ?? []).map {
        ErreurValidation(path: $0["path"] as? [String] ?? [], message: $0["message"] as? String ?? "")
    }
}

func tableau(_ items: [String]) -> ByteBuffer { ByteBuffer(string: "[" + items.joined(separator: ",") + "]") }

func texte(_ v: JSONValue) -> String { String(decoding: try! JSONEncoder().encode(v), as: UTF8.self) }
