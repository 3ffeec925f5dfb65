import Domain
import Foundation
import TestSupport
import Testing

/// Issue 15: the CFA's request for support, read from its form field by field; where a collaboration stands; who is
/// in or out of the missions locales' scope in the CFA's list.
struct CollaborationTests {
    static let complet: [String: String] = [
        "au_cfa": "oui", "en_formation": "non", "cause": "Désaccord sur les horaires",
        "commentaire_trouver_employeur": "Restauration", "referent": "autre", "referent_nom": "Mme Durand",
        "referent_email": "Durand@CFA.example", "note": "Motivé", "telephone": "06 12 34 56 78",
    ]

    @Test func aCompleteRequestIsReadAndKeptWholeInTheHistory() throws {
        let d = try DemandeAccompagnement.lire(Self.complet, objectifs: ["MOBILITE", "TROUVER_EMPLOYEUR"]).get()
        #expect(d.toujoursAuCFA && !d.maintenuEnFormation)
        // Objectives in the form's order, each with its comment.
        #expect(d.objectifs.map(\.0) == [.trouverEmployeur, .mobilite])
        #expect(d.objectifs.map(\.1) == ["Restauration", ""])
        #expect(d.referent == .autre(nom: "Mme Durand", email: "durand@cfa.example", telephone: nil))
        #expect(d.telephone == "0612345678")
        #expect(DemandeAccompagnement(json: d.json) == d)
        #expect(DemandeAccompagnement(json: "{\"pas\": 1}") == nil)
    }

    @Test(arguments: [
        ("au_cfa", "peut-être", "au_cfa"), ("en_formation", "", "en_formation"), ("cause", "  ", "cause"),
        ("cause", String(repeating: "x", count: 2_001), "cause"), ("referent", "personne", "referent"),
        ("referent_nom", "", "referent_nom"), ("referent_email", "pas-une-adresse", "referent_email"),
        ("telephone", "12", "telephone"), ("email", "jeune@", "email"),
        ("note", String(repeating: "x", count: 2_001), "note"),
        ("commentaire_trouver_employeur", String(repeating: "x", count: 501), "commentaire_trouver_employeur"),
    ]) func eachBadFieldIsNamed(champ: String, valeur: String, attendu: String) {
        var champs = Self.complet
        champs[champ] = valeur
        guard case .failure(let e) = DemandeAccompagnement.lire(champs, objectifs: ["TROUVER_EMPLOYEUR"]) else {
            Issue.record("accepted \(champ) = \(valeur)")
            return
        }
        #expect(e.liste.map(\.champ) == [attendu])
        #expect(e.liste.allSatisfy { !$0.message.isEmpty })
    }

    @Test func objectivesMustBeChosenAndKnown() {
        for (objectifs, attendu) in [([], "au moins un"), (["VACANCES"], "valeur inconnue")] as [([String], String)] {
            guard case .failure(let e) = DemandeAccompagnement.lire(Self.complet, objectifs: objectifs) else {
                Issue.record("accepted \(objectifs)")
                continue
            }
            #expect(e.liste.map(\.champ) == ["objectif"] && e.liste[0].message.contains(attendu))
        }
    }

    @Test func commentsAreOneToTwoThousandCharacters() {
        #expect((try? Commentaire.lire("  Bonjour  ").get()) == "Bonjour")
        #expect((try? Commentaire.lire(String(repeating: "é", count: 2_000)).get())?.count == 2_000)
        for mauvais in ["", "  \n ", String(repeating: "a", count: 2_001)] {
            guard case .failure(let e) = Commentaire.lire(mauvais) else {
                Issue.record("accepted \(mauvais.count) characters")
                continue
            }
            #expect(e.champ == "message")
        }
    }

    @Test func theStatusFollowsTheRequestAndTheOutcomes() {
        let t0 = Date(timeIntervalSince1970: 1_743_465_600)
        var s = StatistiquesSuivisTests.cas(1, "A", "2024-09-01 APPRENTI, 2025-03-10 RUPTURANT")
        #expect(StatutCollaboration(nil) == .aSignaler)
        #expect(StatutCollaboration(s) == .aSignaler)
        s.dernierResultat = .nonJoint(.injoignable)
        s.resultatLe = t0
        #expect(StatutCollaboration(s) == .contacteHorsCollaboration)
        // A request after that outcome: sent, until the mission locale records another one.
        s.demandeCFALe = t0.addingTimeInterval(60)
        #expect(StatutCollaboration(s) == .demandeEnvoyee)
        s.resultatLe = t0.addingTimeInterval(120)
        #expect(StatutCollaboration(s) == .traiteParLaMissionLocale)
    }
}
