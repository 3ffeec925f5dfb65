import App
import Domain
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import TestSupport
import Testing
import Web

/// The JSON answers are written from `Encodable` structs: fields in the order they always had, absent values as
/// `null`, optional members left out where the API always left them out.
@Suite(.serialized)
struct ReponsesJSONTests {
    @Test func healthcheckAndKeyTestKeepTheirText() async throws {
        let banc = try await Banc()
        try await banc.test { client in
            let sante = try await client.execute(uri: "/api/healthcheck", method: .get) { $0 }
            #expect(sante.status == .ok)
            #expect(
                String(buffer: sante.body).hasPrefix(
                    #"{"status":"ok","database":"ok","index":{"effectifs":0,"retard":"#))
            let test = try await client.execute(
                uri: "/api/v3/dossiers-apprenants/test", method: .post,
                headers: banc.bearer(OrganismesDeTest.amiens)
            ) { $0 }
            #expect(String(buffer: test.body) == #"{"msg":"ok"}"#)
        }
    }

    @Test func sessionListsEveryCapabilityInOrderWithNulls() async throws {
        let banc = try await Banc()
        try await ComptesTests().administrateur(banc)
        try await banc.test { client in
            let admin = Navigateur(client)
            _ = try await ComptesTests().connecter(admin, "admin@tdb.test")
            let session = try await admin.json("/api/v1/session", .get)
            #expect(session.status == .ok)
            let corps = session.corps
            #expect(corps.hasPrefix(#"{"utilisateur":{"id":""#))
            #expect(corps.contains(#""email":"admin@tdb.test","#))
            #expect(
                corps.contains(#""organisme_id":null,"region":null,"departement":null,"academie":null,"reseau":null}"#))
            #expect(
                corps.contains(
                    #","incarnation":false,"perimetre":{"type":"national"},"capacites":{"viewContacts":{"type":"national"},"infoTransmissionEffectifs":{"type":"national"},"indicateursEffectifs""#
                ))
            #expect(
                corps.hasSuffix(
                    #""configurerModeTransmission":{"type":"national"},"suivi_mission_locale":{"type":"aucun"},"#
                        + #""statistiques_suivi":{"type":"national"},"statistiques_entreprises":{"type":"national"}},"#
                        + #""contacts_dans_listes":false}"#))
        }
    }

    @Test func organismeCardWritesNullsAndUnescapedSlashes() async throws {
        let banc = try await Banc()
        try await ComptesTests().administrateur(banc)
        let id = try #require(banc.ids[OrganismesDeTest.amiens])
        try await banc.test { client in
            let admin = Navigateur(client)
            _ = try await ComptesTests().connecter(admin, "admin@tdb.test")
            let fiche = try await admin.json("/api/v1/organismes/\(id)", .get)
            #expect(fiche.status == .ok)
            #expect(fiche.corps.hasPrefix(#"{"id":"\#(id)","uai":"0802004U","siret":"77937827200016","nom":"#))
            #expect(fiche.corps.hasSuffix(#""first_transmission_date":null,"last_transmission_date":null}"#))
            #expect(!fiche.corps.contains(#"\/"#))
        }
    }

    @Test func errorsKeepTheirTwoShapes() async throws {
        let banc = try await Banc()
        try await banc.test { client in
            let v3 = try await client.execute(
                uri: "/api/v3/effectifs?page=0", method: .get,
                headers: banc.bearer(OrganismesDeTest.amiens)
            ) { $0 }
            #expect(v3.status == .badRequest)
            #expect(
                String(buffer: v3.body)
                    == #"{"error":"Bad Request","message":"Erreur de validation","details":[{"message":"La page doit être un entier de 1 à 1000000","path":["page"]}]}"#
            )
            // A parameter repeated under /api/v3/: the national shape too.
            let repete = try await client.execute(
                uri: "/api/v3/effectifs?page=1&page=2", method: .get,
                headers: banc.bearer(OrganismesDeTest.amiens)
            ) { $0 }
            #expect(repete.status == .badRequest)
            #expect(
                String(buffer: repete.body).hasPrefix(
                    #"{"error":"Bad Request","message":"Erreur de validation","details":[{"#))
            // Our API: its own shape, for a bad filter as for anything else.
            let v1 = try await client.execute(uri: "/api/v1/indicateurs/national?date=3000-01-01", method: .get) { $0 }
            #expect(v1.status == .badRequest)
            #expect(
                String(buffer: v1.body).hasPrefix(
                    #"{"error":{"code":"validation","message":"Erreur de validation","details":[{"message":"Date invalide"#
                ))
            let anonyme = try await client.execute(uri: "/api/v1/session", method: .get) { $0 }
            #expect(
                String(buffer: anonyme.body)
                    == #"{"error":{"code":"non_connecte","message":"Connectez-vous pour accéder à cette page","details":[]}}"#
            )
        }
    }
}
