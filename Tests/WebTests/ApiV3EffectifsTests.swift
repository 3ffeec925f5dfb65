import Domain
import Foundation
import HTTPTypes
import HummingbirdTesting
import TestSupport
import Testing

struct ApiV3EffectifsTests {
    /// Sends items for Amiens (and one for its formateur Abbeville, one for Lyon with Lyon's key).
    func peuple(_ banc: Banc, _ client: any TestClientProtocol) async throws {
        let amiens = [
            texte(item(["id_erp_apprenant": .string("A1")])),
            texte(item(["id_erp_apprenant": .string("A2"), "contrat_date_debut": .string("2024-10-01")])),
            texte(
                item([
                    "id_erp_apprenant": .string("A3"), "annee_scolaire": .string("2025-2026"),
                    "date_entree_formation": .string("2025-09-01"), "date_fin_formation": .string("2027-06-30"),
                ])),
            texte(
                item([
                    "id_erp_apprenant": .string("B1"), "etablissement_formateur_uai": .string("0801234A"),
                    "etablissement_formateur_siret": .string("77937827200024"),
                ])),
        ]
        try await client.execute(
            uri: "/api/v3/dossiers-apprenants", method: .post,
            headers: banc.bearer(OrganismesDeTest.amiens), body: tableau(amiens)
        ) { r in
            #expect(corps(r)["detail"] == nil)
        }
        let lyon = [
            texte(
                item([
                    "id_erp_apprenant": .string("L1"), "etablissement_formateur_uai": .string("0691234B"),
                    "etablissement_formateur_siret": .string("44444444400011"),
                    "etablissement_responsable_uai": .string("0691234B"),
                    "etablissement_responsable_siret": .string("44444444400011"),
                ]))
        ]
        try await client.execute(
            uri: "/api/v3/dossiers-apprenants", method: .post,
            headers: banc.bearer(OrganismesDeTest.lyon), body: tableau(lyon)
        ) { r in
            #expect(corps(r)["detail"] == nil)
        }
    }

    @Test func listsTheKeysOrganismeAndItsFormateursWithStatusAtTheDate() async throws {
        let banc = try await Banc()
        try await banc.test { client in
            try await peuple(banc, client)
            try await client.execute(
                uri: "/api/v3/effectifs?date=2024-12-15", method: .get,
                headers: banc.bearer(OrganismesDeTest.amiens)
            ) { r in
                #expect(r.status == .ok)
                let b = corps(r)
                let data = try #require(b["data"] as? [[String: Any]])
                #expect(data.map { $0["id_erp_apprenant"] as? String } == ["A1", "A2", "A3", "B1"])
                #expect(data.map { $0["statut"] as? String } == ["ABANDON", "APPRENTI", nil, "ABANDON"])
                #expect(data[3]["siret"] as? String == "77937827200024")
                let parcours = try #require(data[1]["parcours"] as? [[String: String]])
                #expect(
                    parcours == [
                        ["date": "2024-09-02", "valeur": "INSCRIT"], ["date": "2024-10-01", "valeur": "APPRENTI"],
                        ["date": "2026-06-30", "valeur": "FIN_DE_FORMATION"],
                    ])
                #expect((b["pagination"] as? [String: Int]) == ["page": 1, "limit": 100, "total": 4])
            }
            try await client.execute(
                uri: "/api/v3/effectifs?annee_scolaire=2025-2026&limit=1", method: .get,
                headers: banc.bearer(OrganismesDeTest.amiens)
            ) { r in
                let b = corps(r)
                #expect((b["data"] as? [[String: Any]])?.map { $0["id_erp_apprenant"] as? String } == ["A3"])
                #expect((b["pagination"] as? [String: Int])?["total"] == 1)
            }
            try await client.execute(
                uri: "/api/v3/effectifs?page=2&limit=3", method: .get,
                headers: banc.bearer(OrganismesDeTest.amiens)
            ) { r in
                #expect((corps(r)["data"] as? [[String: Any]])?.map { $0["id_erp_apprenant"] as? String } == ["B1"])
            }
            // A formateur sees only its own; Lyon never sees Amiens's learners.
            try await client.execute(
                uri: "/api/v3/effectifs", method: .get, headers: banc.bearer(OrganismesDeTest.abbeville)
            ) { r in
                #expect((corps(r)["data"] as? [[String: Any]])?.map { $0["id_erp_apprenant"] as? String } == ["B1"])
            }
            try await client.execute(
                uri: "/api/v3/effectifs", method: .get, headers: banc.bearer(OrganismesDeTest.lyon)
            ) { r in
                let text = String(buffer: r.body)
                #expect(!text.contains("A1") && text.contains("L1"))
            }
        }
    }

    @Test(arguments: ["date=2024-13-01", "page=0", "limit=1001", "limit=abc", "annee_scolaire=2024-2026", "tri=nom"])
    func badParametersAre400(_ query: String) async throws {
        let banc = try await Banc()
        try await banc.test { client in
            try await client.execute(
                uri: "/api/v3/effectifs?\(query)", method: .get, headers: banc.bearer(OrganismesDeTest.amiens)
            ) { r in
                #expect(r.status == .badRequest)
                let details = try #require(corps(r)["details"] as? [[String: Any]])
                #expect(details.first?["path"] as? [String] == [String(query.prefix { $0 != "=" })])
            }
        }
    }

    @Test func healthcheckAndOpenAPI() async throws {
        let banc = try await Banc()
        try await banc.test { client in
            try await client.execute(uri: "/api/healthcheck", method: .get) { r in
                #expect(r.status == .ok)
                #expect(corps(r)["database"] as? String == "ok")
            }
            try await client.execute(uri: "/api/openapi.json", method: .get) { r in
                let paths = try #require(corps(r)["paths"] as? [String: Any])
                #expect(
                    Set(paths.keys).isSuperset(of: [
                        "/api/v3/dossiers-apprenants", "/api/v3/dossiers-apprenants/test", "/api/v3/effectifs",
                        "/api/healthcheck",
                    ]))
            }
        }
    }
}
