import Domain
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import TestSupport
import Testing

struct ApiV3DossiersTests {
    let uri = "/api/v3/dossiers-apprenants"

    @Test func validPayloadIsStoredAndEchoedWithoutTheNir() async throws {
        let banc = try await Banc()
        try await banc.test { client in
            try await client.execute(
                uri: uri, method: .post, headers: banc.bearer(OrganismesDeTest.amiens),
                body: tableau([dossierValideExemple])
            ) { r in
                #expect(r.status == .ok)
                let b = corps(r)
                #expect(b["status"] as? String == "OK")
                #expect(b["detail"] == nil)
                let item = try #require((b["data"] as? [[String: Any]])?.first)
                #expect(item["nir_apprenant"] == nil)
                #expect(item["has_nir"] as? Bool == true)
                #expect(item["has_error"] as? Bool == false)
                #expect(erreurs(item).isEmpty)
                #expect(item["nom_apprenant"] as? String == "Martin")
                #expect(item["api_version"] as? String == "v3")
                #expect(item["source"] as? String == "ERP")
                #expect(item["computed_day"] as? String == "2025-01-04")
                #expect(item["effectif_id"] as? String != nil)
            }
        }
        let amiens = try #require(banc.ids[OrganismesDeTest.amiens])
        let e = try #require(
            try await banc.store.effectif(
                cle: CleEffectif(
                    organisme: amiens, anneeScolaire: AnneeScolaire("2024-2025")!, idErpApprenant: "YP-000123")))
        #expect(e.effectif.apprenant.nom == "MARTIN")
        #expect(e.effectif.apprenant.telephone == "0628000000")
        #expect(e.effectif.formation.rncp == "RNCP35316")
        #expect(e.parcours.etapes.map(\.date.description) == ["2024-09-02", "2024-10-01", "2026-06-30"])
    }

    @Test func invalidPayload1IsAnsweredFieldByFieldAndNothingIsStored() async throws {
        let banc = try await Banc()
        try await banc.test { client in
            try await client.execute(
                uri: uri, method: .post, headers: banc.bearer(OrganismesDeTest.amiens),
                body: tableau([dossierInvalideExemple1])
            ) { r in
                #expect(r.status == .ok)
                let b = corps(r)
                #expect(b["detail"] as? String == "Some data are invalid")
                let item = try #require((b["data"] as? [[String: Any]])?.first)
                #expect(erreurs(item) == erreursExemple1)
                #expect(item["has_error"] as? Bool == true)
                #expect(item["processed_at"] as? String != nil)
                #expect(item["effectif_id"] == nil)
            }
        }
        #expect(try await banc.store.nombreEffectifs() == 0)
        #expect(try await banc.store.organisme(id: banc.ids[OrganismesDeTest.amiens]!)?.hasTransmissionErrors == true)
    }

    @Test func invalidPayload2GetsTheBusinessErrorsAtOnce() async throws {
        let banc = try await Banc()
        try await banc.test { client in
            try await client.execute(
                uri: uri, method: .post, headers: banc.bearer(OrganismesDeTest.amiens),
                body: tableau([dossierInvalideExemple2])
            ) { r in
                let item = try #require((corps(r)["data"] as? [[String: Any]])?.first)
                #expect(erreurs(item) == erreursExemple2)
            }
        }
        #expect(try await banc.store.nombreEffectifs() == 0)
    }

    @Test func unknownResponsableAndEndBeforeStart() async throws {
        let banc = try await Banc()
        let items = [
            texte(item(["etablissement_responsable_uai": .string("0999999Z")])),
            texte(item(["date_fin_formation": .string("2024-06-30")])),
        ]
        try await banc.test { client in
            try await client.execute(
                uri: uri, method: .post, headers: banc.bearer(OrganismesDeTest.amiens), body: tableau(items)
            ) { r in
                let data = try #require(corps(r)["data"] as? [[String: Any]])
                #expect(
                    erreurs(data[0]) == [
                        ErreurValidation(
                            path: ["etablissement_responsable_uai", "etablissement_responsable_siret"],
                            message: "organisme responsable non trouvé")
                    ])
                #expect(
                    erreurs(data[1]) == [
                        ErreurValidation(
                            "date_fin_formation",
                            "La date de fin de formation doit être supérieure à la date d'entrée en formation")
                    ])
            }
        }
    }

    @Test func duplicatesInsideOneBatchKeepTheFirst() async throws {
        let banc = try await Banc()
        let items = [
            texte(item(["prenom_apprenant": .string("Premier")])), texte(item()),
            texte(item(["id_erp_apprenant": .string("ID-2")])),
        ]
        try await banc.test { client in
            try await client.execute(
                uri: uri, method: .post, headers: banc.bearer(OrganismesDeTest.amiens), body: tableau(items)
            ) { r in
                let b = corps(r)
                let data = try #require(b["data"] as? [[String: Any]])
                #expect(erreurs(data[0]).isEmpty)
                #expect(erreurs(data[1]).map(\.path) == [["id_erp_apprenant"]])
                #expect(erreurs(data[1]).first?.message.contains("élément 0") == true)
                #expect(erreurs(data[2]).isEmpty)
                #expect((b["resume"] as? [String: Any])?["rejetes"] as? Int == 1)
            }
        }
        #expect(try await banc.store.nombreEffectifs() == 2)
        let amiens = try #require(banc.ids[OrganismesDeTest.amiens])
        let e = try await banc.store.effectif(
            cle: CleEffectif(organisme: amiens, anneeScolaire: AnneeScolaire("2024-2025")!, idErpApprenant: "ID-1"))
        #expect(e?.effectif.apprenant.prenom == "Premier")
    }

    @Test func aKeyCannotSendForAnOrganismeOutsideItsFamily() async throws {
        let banc = try await Banc()
        try await banc.test { client in
            // Lyon has no link with Amiens.
            try await client.execute(
                uri: uri, method: .post, headers: banc.bearer(OrganismesDeTest.lyon), body: tableau([texte(item())])
            ) { r in
                let item = try #require((corps(r)["data"] as? [[String: Any]])?.first)
                #expect(
                    erreurs(item).map(\.path) == [["etablissement_formateur_uai", "etablissement_formateur_siret"]])
                #expect(erreurs(item).first?.message.hasPrefix("La clé API ne permet pas") == true)
            }
            // Abbeville is a formateur of Amiens: its key writes for Abbeville, not for its responsable Amiens.
            try await client.execute(
                uri: uri, method: .post, headers: banc.bearer(OrganismesDeTest.abbeville),
                body: tableau([texte(item())])
            ) { r in
                let item = try #require((corps(r)["data"] as? [[String: Any]])?.first)
                #expect(erreurs(item).map(\.message) == [Message.horsPerimetreCle])
            }
            // Amiens's key writes for Amiens.
            try await client.execute(
                uri: uri, method: .post, headers: banc.bearer(OrganismesDeTest.amiens), body: tableau([texte(item())])
            ) { r in
                let item = try #require((corps(r)["data"] as? [[String: Any]])?.first)
                #expect(erreurs(item).isEmpty)
            }
        }
        #expect(try await banc.store.nombreEffectifs() == 1)
    }

    @Test func malformedBodiesAreRejectedWholeAndStoreNothing() async throws {
        let banc = try await Banc()
        let tooMany = tableau(Array(repeating: texte(item()), count: 2001))
        let cases: [(ByteBuffer, String)] = [
            (ByteBuffer(string: "[{oops"), "JSON invalide : nom de champ entre guillemets attendu (octet 2)"),
            (ByteBuffer(string: texte(item())), "\"value\" must be an array"),
            (tooMany, "\"value\" must contain less than or equal to 2000 items"),
        ]
        try await banc.test { client in
            for (body, message) in cases {
                try await client.execute(
                    uri: uri, method: .post, headers: banc.bearer(OrganismesDeTest.amiens), body: body
                ) { r in
                    #expect(r.status == .badRequest)
                    let b = corps(r)
                    #expect(b["message"] as? String == "Erreur de validation")
                    #expect(((b["details"] as? [[String: Any]])?.first?["message"] as? String) == message)
                }
            }
            var huge = ByteBuffer()
            huge.writeRepeatingByte(UInt8(ascii: " "), count: 10 * 1024 * 1024 + 1)
            try await client.execute(uri: uri, method: .post, headers: banc.bearer(OrganismesDeTest.amiens), body: huge)
            { r in
                #expect(r.status == .contentTooLarge)
                #expect(corps(r)["error"] as? String == "Payload Too Large")
            }
        }
        #expect(try await banc.store.nombreTransmissions() == 0)
        #expect(try await banc.store.nombreEffectifs() == 0)
    }

    @Test func wrongTypesAreReportedPerItemWhileGoodItemsAreStored() async throws {
        let banc = try await Banc()
        let items = [
            "42", "null", texte(item(["annee_formation": .string("deux")])),
            texte(item(["id_erp_apprenant": .string("OK")])),
        ]
        try await banc.test { client in
            try await client.execute(
                uri: uri, method: .post, headers: banc.bearer(OrganismesDeTest.amiens), body: tableau(items)
            ) { r in
                let data = try #require(corps(r)["data"] as? [[String: Any]])
                #expect(data.count == 4)
                #expect(erreurs(data[0]) == [ErreurValidation(path: [], message: "Object attendu")])
                #expect(erreurs(data[1]) == [ErreurValidation(path: [], message: "Object attendu")])
                #expect(erreurs(data[2]) == [ErreurValidation("annee_formation", "Number attendu")])
                #expect(erreurs(data[3]).isEmpty)
            }
        }
        #expect(try await banc.store.nombreEffectifs() == 1)
        #expect(try await banc.store.nombreTransmissions() == 4)
    }

    @Test func aSecondTransmissionUpdatesTheSameEffectif() async throws {
        let banc = try await Banc()
        try await banc.test { client in
            for body in [
                texte(item(["email_contact": .string("a@b.fr")])),
                texte(item(["contrat_date_debut": .string("2024-09-02")])),
            ] {
                try await client.execute(
                    uri: uri, method: .post, headers: banc.bearer(OrganismesDeTest.amiens), body: tableau([body])
                ) { r in
                    #expect(r.status == .ok)
                }
            }
        }
        #expect(try await banc.store.nombreEffectifs() == 1)
        let amiens = try #require(banc.ids[OrganismesDeTest.amiens])
        let e = try #require(
            try await banc.store.effectif(
                cle: CleEffectif(organisme: amiens, anneeScolaire: AnneeScolaire("2024-2025")!, idErpApprenant: "ID-1"))
        )
        #expect(e.effectif.apprenant.courriel == "a@b.fr")
        #expect(e.parcours.statut(a: Jour(iso: "2025-01-04")!) == .apprenti)
    }
}
