import Domain
import Foundation
import Outils
import TestSupport
import Testing

/// Issue 15 on every backend: the cases the weekly recap reads, a CFA's automatic-sending setting, and the cases
/// automatic sending may send.
struct StoreContractRappelsTests {
    let contrat = StoreContractTests()
    let cas = StoreContractSuivisTests()
    var now: Date { cas.now }

    /// The learner, at this organisme (responsable and formateur).
    static func chez(_ j: JSONValue, _ cle: OrganismeCle) -> JSONValue {
        guard case .object(var o) = j else { return j }
        for role in ["responsable", "formateur"] {
            o["etablissement_\(role)_uai"] = .string(cle.uai.rawValue)
            o["etablissement_\(role)_siret"] = .string(cle.siret.rawValue)
        }
        return .object(o)
    }

    /// Four cases of Amiens (J-1 … J-4), one of Abbeville (J-5), one of Amiens' learners living nowhere covered (J-6).
    func peupler(_ store: any Store) async throws -> (amiens: Organisme, abbeville: Organisme, ids: [String: SuiviID]) {
        let (amiens, abbeville, _) = try await contrat.peuple(store)
        _ = try await store.importer(missionsLocales: StoreContractSuivisTests.missionsLocales, now: now)
        _ = try await contrat.lot(
            (1...4).map { cas.jeune(id: "J-\($0)") } + [cas.jeune(id: "J-6", commune: "75056")],
            transmetteur: amiens.id, store: store, at: now)
        _ = try await contrat.lot(
            [Self.chez(cas.jeune(id: "J-5", commune: "80001"), OrganismesDeTest.abbeville)], transmetteur: abbeville.id,
            store: store, at: now)
        var ids: [String: SuiviID] = [:]
        for s in try await store.suivis(missionsLocales: nil) {
            let e = try #require(try await store.effectifsStockes(ids: [s.ligne.effectif]).first)
            ids[e.effectif.idErpApprenant] = s.id
        }
        #expect(ids.count == 5)
        return (amiens, abbeville, ids)
    }

    @Test(arguments: Backend.actifs) func theRecapReadsTheCasesThatMayWaitAndLeavesTheHandledOnes(
        _ backend: Backend
    ) async throws {
        try await backend.avecStore { store in
            let (_, _, ids) = try await peupler(store)
            func resultat(_ erp: String, _ r: ResultatContact, _ le: Date) async throws {
                let id = try #require(ids[erp])
                let s = try #require(try await store.suivi(id: id))
                let e = EvenementSuivi(
                    le: le, genre: .resultat, auteur: "Agent", rupture: s.ligne.rupture, resultat: r)
                #expect(try await store.ajouter(e, a: id, versionLue: s.version) == .fait(version: s.version + 1))
            }
            // J-1: nothing. J-2: reached (handled). J-3: not reached. J-4: reached, then the CFA asked.
            try await resultat("J-2", .joint(.rendezVousPris), now)
            try await resultat("J-3", .nonJoint(.injoignable), now)
            try await resultat("J-4", .joint(.chercheContrat), now)
            #expect(
                try await store.ajouter(
                    EvenementSuivi(
                        le: now + 60, genre: .demandeCFA, auteur: "CFA",
                        demande: DemandeAccompagnement(
                            toujoursAuCFA: true, maintenuEnFormation: true, cause: "x", objectifs: [])),
                    a: try #require(ids["J-4"])))
            var attendus = Set(["J-1", "J-3", "J-4", "J-5"].compactMap { ids[$0] })
            #expect(Set(try await store.suivisEnAttente().map(\.id)) == attendus)
            // J-2's young person answers after the outcome: it may wait again.
            #expect(
                try await store.ajouter(
                    EvenementSuivi(le: now + 120, genre: .reponseJeune, auteur: "Le jeune", reponseJeune: .rappel),
                    a: try #require(ids["J-2"])))
            attendus.insert(try #require(ids["J-2"]))
            let lus = try await store.suivisEnAttente()
            #expect(Set(lus.map(\.id)) == attendus)
            // Read whole: the CFA's request and the answer are on the rows.
            #expect(lus.first { $0.id == ids["J-4"] }?.demandeCFALe == now + 60)
            #expect(lus.first { $0.id == ids["J-2"] }?.reponseJeune == .rappel)
        }
    }

    @Test(arguments: Backend.actifs) func theAutomaticSendingSettingIsKeptPerOrganisme(_ backend: Backend)
        async throws
    {
        try await backend.avecStore { store in
            let (amiens, abbeville, _) = try await contrat.peuple(store)
            // Never set: off, 45 days.
            #expect(try await store.envoiAutomatique(organisme: amiens.id) == ParametresEnvoiAutomatique())
            #expect(try await store.organismesEnEnvoiAutomatique().isEmpty)
            try await store.enregistrer(
                envoiAutomatique: ParametresEnvoiAutomatique(actif: true, jours: 30), organisme: amiens.id, now: now)
            try await store.enregistrer(
                envoiAutomatique: ParametresEnvoiAutomatique(actif: false, jours: 60), organisme: abbeville.id,
                now: now)
            #expect(
                try await store.envoiAutomatique(organisme: amiens.id)
                    == ParametresEnvoiAutomatique(actif: true, jours: 30))
            #expect(
                try await store.envoiAutomatique(organisme: abbeville.id)
                    == ParametresEnvoiAutomatique(actif: false, jours: 60))
            #expect(try await store.organismesEnEnvoiAutomatique() == [amiens.id: 30])
            // Saved again: replaced, not added.
            try await store.enregistrer(
                envoiAutomatique: ParametresEnvoiAutomatique(actif: true, jours: 365), organisme: abbeville.id,
                now: now + 1)
            try await store.enregistrer(
                envoiAutomatique: ParametresEnvoiAutomatique(actif: false, jours: 30), organisme: amiens.id,
                now: now + 1)
            #expect(try await store.organismesEnEnvoiAutomatique() == [abbeville.id: 365])
        }
    }

    @Test(arguments: Backend.actifs) func automaticSendingReadsTheOrganismesUnsentUntouchedCases(_ backend: Backend)
        async throws
    {
        try await backend.avecStore { store in
            let (amiens, abbeville, ids) = try await peupler(store)
            #expect(try await store.suivisSansDemande(organismes: []).isEmpty)
            let tous = ["J-1", "J-2", "J-3", "J-4"].compactMap { ids[$0] }
            #expect(try await store.suivisSansDemande(organismes: [amiens.id]).map(\.id) == tous)
            #expect(try await store.suivisSansDemande(organismes: [abbeville.id]).map(\.id) == [ids["J-5"]])
            #expect(try await store.suivisSansDemande(organismes: [amiens.id, abbeville.id]).count == 5)
            // J-1 sent by the CFA, J-2 reached by the mission locale: neither is read any more.
            let j1 = try #require(ids["J-1"])
            #expect(
                try await store.ajouter(
                    EvenementSuivi(
                        le: now, genre: .demandeCFA, auteur: "CFA",
                        demande: DemandeAccompagnement(
                            toujoursAuCFA: true, maintenuEnFormation: true, cause: "x", objectifs: [])), a: j1))
            let idJ2 = try #require(ids["J-2"])
            let j2 = try #require(try await store.suivi(id: idJ2))
            _ = try await store.ajouter(
                EvenementSuivi(
                    le: now, genre: .resultat, auteur: "Agent", rupture: j2.ligne.rupture,
                    resultat: .nonJoint(.injoignable)), a: j2.id, versionLue: j2.version)
            // A comment changes nothing.
            #expect(
                try await store.ajouter(
                    EvenementSuivi(le: now, genre: .commentaire, auteur: "Agent", commentaire: "?"),
                    a: try #require(ids["J-3"])))
            #expect(
                try await store.suivisSansDemande(organismes: [amiens.id]).map(\.id)
                    == ["J-3", "J-4"].compactMap { ids[$0] })
            // An automatic request is read back as one, whole.
            let automatique = EnvoiAutomatique.demande(
                jours: 45, telephone: "0612345678", courriel: "a@b.fr",
                contact: ContactOrganisme(nom: "Jo", email: "jo@cfa.test"))
            let idJ3 = try #require(ids["J-3"])
            let j3 = try #require(try await store.suivi(id: idJ3))
            #expect(
                try await store.ajouter(
                    EvenementSuivi(
                        le: now, genre: .demandeCFA, auteur: EvenementSuivi.auteurService, demande: automatique),
                    a: j3.id, versionLue: j3.version) == .fait(version: j3.version + 1))
            #expect(try await store.evenements(suivi: j3.id).last?.demande == automatique)
            #expect(try await store.suivisSansDemande(organismes: [amiens.id]).map(\.id) == [ids["J-4"]])
        }
    }
}
