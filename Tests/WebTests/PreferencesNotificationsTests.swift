import App
import Domain
import Foundation
import HummingbirdTesting
import TestSupport
import Testing

@testable import Web

/// `/mon-compte/notifications`: each user turns the kinds of e-mail that concern them on or off.
@Suite(.serialized)
struct PreferencesNotificationsTests {
    static let motDePasse = "Apprentissage-2025!"

    func compte(_ banc: Banc, _ email: String, _ o: NouvelleOrganisation, _ role: Role) async throws -> Utilisateur {
        let orga = try await banc.store.creerOrganisation(o, now: Banc.maintenant)
        return try await banc.store.creerUtilisateur(
            NouvelUtilisateur(
                email: email, nom: "Martin", prenom: "Léa", organisation: orga.id, role: role, statut: .actif,
                hashMotDePasse: await SecretsServeur(coutBcrypt: 4).hacher(motDePasse: Self.motDePasse)),
            now: Banc.maintenant)
    }

    func connecte(_ client: any TestClientProtocol, _ email: String) async throws -> Navigateur {
        let nav = Navigateur(client)
        let r = try await nav.post("/connexion", ["email": email, "mot_de_passe": Self.motDePasse])
        #expect(r.status == .seeOther)
        return nav
    }

    func cases(_ page: String) -> [String: Bool] {
        var r: [String: Bool] = [:]
        for g in GenreNotification.allCases {
            guard let debut = page.range(of: "<input type=\"checkbox\" id=\"\(g.rawValue)\"") else { continue }
            let fin = page[debut.upperBound...].firstIndex(of: ">") ?? page.endIndex
            r[g.rawValue] = page[debut.upperBound..<fin].contains("checked")
        }
        return r
    }

    @Test func aCFAAdministratorTurnsTheTransmissionAlertOff() async throws {
        let banc = try await Banc()
        let amiens = try #require(banc.ids[OrganismesDeTest.amiens])
        let admin = try await compte(
            banc, "admin@cfa.test", NouvelleOrganisation(type: .organismeFormation, nom: "CFA", organisme: amiens),
            .administrateur)
        let dreets = try await compte(
            banc, "agent@dreets.test", NouvelleOrganisation(type: .dreets, nom: "DREETS", region: "32"), .membre)
        _ = dreets
        try await banc.test { client in
            let nav = try await connecte(client, "admin@cfa.test")
            #expect(try await nav.get("/mon-compte").corps.contains("href=\"/mon-compte/notifications\""))
            let page = try await nav.get("/mon-compte/notifications")
            #expect(page.status == .ok)
            #expect(cases(page.corps) == ["resume-quotidien-cfa": true, "alerte-transmission": true])
            #expect(!page.corps.contains("Résumé quotidien mission locale"))

            let r = try await nav.post("/mon-compte/notifications", ["resume-quotidien-cfa": "oui"])
            #expect(r.status == .ok && r.corps.contains("Vos choix sont enregistrés."))
            #expect(cases(r.corps) == ["resume-quotidien-cfa": true, "alerte-transmission": false])
            #expect(!(try await banc.store.veutNotification(.alerteTransmission, utilisateur: admin.id)))
            #expect(try await banc.store.veutNotification(.resumeQuotidienCFA, utilisateur: admin.id))
            #expect(cases(try await nav.get("/mon-compte/notifications").corps)["alerte-transmission"] == false)
            let journal = try await banc.store.journal(limite: 5)
            #expect(journal.contains { $0.action == "preferences_notifications" && $0.detail.contains("désactivée") })

            // A value a checkbox never sends: refused, nothing saved.
            let mauvais = try await nav.post(
                "/mon-compte/notifications", ["resume-quotidien-cfa": "peut-être", "alerte-transmission": "oui"])
            #expect(mauvais.status == .badRequest)
            #expect(mauvais.corps.contains("valeur « peut-être » non reconnue"))
            #expect(!(try await banc.store.veutNotification(.alerteTransmission, utilisateur: admin.id)))

            let rien = try await nav.post("/mon-compte/notifications", ["resume-quotidien-cfa": "oui"])
            #expect(rien.corps.contains("Aucune modification."))

            // A DREETS agent has no notification e-mail to choose.
            let agent = try await connecte(client, "agent@dreets.test")
            let vide = try await agent.get("/mon-compte/notifications")
            #expect(
                vide.status == .ok && vide.corps.contains("Aucune notification par e-mail ne concerne votre compte"))
            #expect(cases(vide.corps).isEmpty)
        }
    }

    @Test func aMissionLocaleMemberSeesItsTwoKinds() async throws {
        let banc = try await Banc()
        _ = try await compte(
            banc, "conseil@ml.test",
            NouvelleOrganisation(type: .missionLocale, nom: "ML de test", missionLocale: "999"),
            .membre)
        try await banc.test { client in
            let nav = try await connecte(client, "conseil@ml.test")
            let page = try await nav.get("/mon-compte/notifications")
            #expect(
                cases(page.corps) == [
                    "resume-quotidien-mission-locale": true, "recapitulatif-hebdomadaire-mission-locale": true,
                ])
            _ = try await nav.post("/mon-compte/notifications", [:])
            #expect(
                cases(try await nav.get("/mon-compte/notifications").corps) == [
                    "resume-quotidien-mission-locale": false, "recapitulatif-hebdomadaire-mission-locale": false,
                ])
        }
    }
}
