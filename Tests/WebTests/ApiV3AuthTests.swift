import Domain
import Foundation
import HTTPTypes
import HummingbirdTesting
import TestSupport
import Testing

struct ApiV3AuthTests {
    @Test func testEndpointAnswersOkForAValidKey() async throws {
        let banc = try await Banc()
        try await banc.test { client in
            try await client.execute(
                uri: "/api/v3/dossiers-apprenants/test", method: .post,
                headers: banc.bearer(OrganismesDeTest.amiens)
            ) { r in
                #expect(r.status == .ok)
                #expect(String(buffer: r.body) == #"{"msg":"ok"}"#)
            }
        }
    }

    @Test(arguments: [
        (nil, "Clé API manquante"), ("Token abc", "La clé API doit etre au format Bearer"),
        ("Bearer 00000000-0000-0000-0000-000000000000", "La clé API n'est pas valide"),
        ("Bearer ", "La clé API doit etre au format Bearer"),
    ])
    func badKeysAreForbidden(_ header: String?, _ message: String) async throws {
        let banc = try await Banc()
        try await banc.test { client in
            let headers: HTTPFields = header.map { [.authorization: $0] } ?? [:]
            for uri in ["/api/v3/dossiers-apprenants/test", "/api/v3/dossiers-apprenants"] {
                try await client.execute(
                    uri: uri, method: .post, headers: headers, body: tableau([dossierValideExemple])
                ) { r in
                    #expect(r.status == .forbidden)
                    #expect(corps(r)["message"] as? String == message)
                    #expect(corps(r)["error"] as? String == "Forbidden")
                }
            }
            try await client.execute(uri: "/api/v3/effectifs", method: .get, headers: headers) { r in
                #expect(r.status == .forbidden)
            }
        }
        #expect(try await banc.store.nombreTransmissions() == 0)
    }

    @Test func aRevokedKeyStopsWorking() async throws {
        let banc = try await Banc()
        let amiens = try #require(banc.ids[OrganismesDeTest.amiens])
        _ = try await banc.store.revoquerClesApi(organisme: amiens, hash: nil, now: Banc.maintenant)
        try await banc.test { client in
            try await client.execute(
                uri: "/api/v3/dossiers-apprenants/test", method: .post,
                headers: banc.bearer(OrganismesDeTest.amiens)
            ) { r in
                #expect(r.status == .forbidden)
                #expect(corps(r)["message"] as? String == "La clé API n'est pas valide")
            }
        }
    }

    @Test func aKeyUnusedForTwelveMonthsStopsWorking() async throws {
        let treizeMois = Banc.maintenant.addingTimeInterval(86_400 * 396)
        let banc = try await Banc(horloge: .fixed(treizeMois))
        try await banc.test { client in
            try await client.execute(
                uri: "/api/v3/dossiers-apprenants/test", method: .post,
                headers: banc.bearer(OrganismesDeTest.amiens)
            ) { r in
                #expect(r.status == .forbidden)
            }
        }
    }

    @Test func aKeyUsedWithinTheYearKeepsWorking() async throws {
        let onzeMois = Banc.maintenant.addingTimeInterval(86_400 * 330)
        let banc = try await Banc(horloge: .fixed(onzeMois))
        try await banc.test { client in
            try await client.execute(
                uri: "/api/v3/dossiers-apprenants/test", method: .post,
                headers: banc.bearer(OrganismesDeTest.amiens)
            ) { r in
                #expect(r.status == .ok)
            }
        }
    }
}
