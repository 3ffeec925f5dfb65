import Domain
import Foundation
import Outils
import TestSupport
import Testing

/// Issue 15 on every backend: a CFA's request and comments in a case's history, the side each event comes from, what
/// each side has not read yet, and the reads the CFA's list needs.
struct StoreContractCollaborationsTests {
    let contrat = StoreContractTests()
    let cas = StoreContractSuivisTests()
    var now: Date { cas.now }

    @Test(arguments: Backend.actifs) func requestsAndCommentsAreSharedAndCountedUnreadByTheOtherSide(
        _ backend: Backend
    ) async throws {
        try await backend.avecStore { store in
            let (amiens, _, _) = try await contrat.peuple(store)
            _ = try await store.importer(missionsLocales: StoreContractSuivisTests.missionsLocales, now: now)
            _ = try await contrat.lot([cas.jeune()], transmetteur: amiens.id, store: store, at: now)
            let s = try #require(try await store.suivis(missionLocale: "ML-AMIENS").first)
            #expect(try await store.suivis(effectifs: [s.ligne.effectif]).map(\.id) == [s.id])
            #expect(try await store.suivis(effectifs: [EffectifID(987_654)]).isEmpty)
            let effectifs = try await store.effectifsStockes(ids: [s.ligne.effectif, EffectifID(987_654)])
            #expect(effectifs.map(\.id) == [s.ligne.effectif])
            #expect(effectifs.first?.effectif.apprenant.telephone == "0199000001")

            let ml: Perimetre = .missionLocale("ML-AMIENS")
            let cfa: Perimetre = .organismes([amiens.id])
            #expect(try await store.nonLus(.missionLocale, dans: ml).isEmpty)
            let demande = DemandeAccompagnement(
                toujoursAuCFA: true, maintenuEnFormation: false, cause: "Désaccord",
                objectifs: [(.trouverEmployeur, "Restauration")],
                referent: .autre(nom: "Mme D", email: nil, telephone: "+33612345678"))
            #expect(
                try await store.ajouter(
                    EvenementSuivi(
                        le: now, genre: .demandeCFA, auteur: "CFA", organisation: "CFA d'Amiens", demande: demande),
                    a: s.id))
            #expect(
                !(try await store.ajouter(
                    EvenementSuivi(le: now, genre: .commentaire, auteur: "x"), a: SuiviID(987_654))))
            let relu = try #require(try await store.suivi(id: s.id))
            #expect(relu.demandeCFALe == now && relu.prisEnCharge && relu.version == 1)
            let historique = try await store.evenements(suivi: s.id)
            #expect(historique.first?.demande == demande && historique.first?.cote == .cfa)

            // The mission locale has one unread case; the CFA none (its own request).
            #expect(try await store.nonLus(.missionLocale, dans: ml) == [s.id])
            #expect(try await store.nonLus(.cfa, dans: cfa).isEmpty)
            #expect(try await store.luJusqua(suivi: s.id, cote: .missionLocale) == nil)
            try await store.marquerLu(suivi: s.id, cote: .missionLocale)
            #expect(try await store.nonLus(.missionLocale, dans: ml).isEmpty)
            #expect(try await store.luJusqua(suivi: s.id, cote: .missionLocale) == historique.last?.id)

            // The mission locale comments: the CFA has news, the mission locale does not.
            #expect(
                try await store.ajouter(
                    EvenementSuivi(le: now, genre: .commentaire, auteur: "Agent", commentaire: "Rendez-vous pris"),
                    a: s.id))
            #expect(try await store.nonLus(.cfa, dans: cfa) == [s.id])
            #expect(try await store.nonLus(.missionLocale, dans: ml).isEmpty)
            #expect(try await store.nonLus(.cfa, dans: .organismes([OrganismeID(987_654)])).isEmpty)
            #expect(try await store.nonLus(.missionLocale, dans: .missionLocale("ML-ABBEVILLE")).isEmpty)
            try await store.marquerLu(suivi: s.id, cote: .cfa)
            #expect(try await store.nonLus(.cfa, dans: cfa).isEmpty)
            #expect(try await store.evenements(suivi: s.id).map(\.cote) == [.cfa, .missionLocale])
        }
    }

    /// The unread counter reads a table kept by every write: it follows a case handed over to another mission locale
    /// (the news goes with it), a young person's answer, and a case that is deleted.
    @Test(arguments: Backend.actifs) func unreadNewsFollowTheCaseWhenTheYoungPersonMoves(_ backend: Backend)
        async throws
    {
        try await backend.avecStore { store in
            let (amiens, _, _) = try await contrat.peuple(store)
            _ = try await store.importer(missionsLocales: StoreContractSuivisTests.missionsLocales, now: now)
            _ = try await contrat.lot([cas.jeune()], transmetteur: amiens.id, store: store, at: now)
            let s = try #require(try await store.suivis(missionLocale: "ML-AMIENS").first)
            _ = try await store.ajouter(
                EvenementSuivi(
                    le: now, genre: .commentaire, auteur: "CFA", commentaire: "Il cherche un employeur",
                    organisationCFA: true), a: s.id)
            _ = try await store.ajouter(
                EvenementSuivi(le: now, genre: .commentaire, auteur: "Agent", commentaire: "Appel prévu"), a: s.id)
            #expect(try await store.nonLus(.missionLocale, dans: .missionLocale("ML-AMIENS")) == [s.id])
            #expect(try await store.nonLus(.cfa, dans: .organismes([amiens.id])) == [s.id])

            // Handled, then moved: the unread news is the new mission locale's, the old one has none.
            _ = try await store.ajouter(resultatRendezVous(), a: s.id, versionLue: 2)
            _ = try await contrat.lot([cas.jeune(commune: "80001")], transmetteur: amiens.id, store: store, at: now)
            #expect(try await store.nonLus(.missionLocale, dans: .missionLocale("ML-AMIENS")).isEmpty)
            #expect(try await store.nonLus(.missionLocale, dans: .missionLocale("ML-ABBEVILLE")) == [s.id])
            #expect(try await store.nonLus(.cfa, dans: .organismes([amiens.id])) == [s.id])

            // Read by the new mission locale, then a young person's answer: news again, for the mission locale only.
            try await store.marquerLu(suivi: s.id, cote: .missionLocale)
            #expect(try await store.nonLus(.missionLocale, dans: .missionLocale("ML-ABBEVILLE")).isEmpty)
            _ = try await store.ajouter(
                EvenementSuivi(le: now, genre: .reponseJeune, auteur: EvenementSuivi.auteurJeune, reponseJeune: .oui),
                a: s.id)
            #expect(try await store.nonLus(.missionLocale, dans: .missionLocale("ML-ABBEVILLE")) == [s.id])
            try await store.marquerLu(suivi: s.id, cote: .cfa)
            #expect(try await store.nonLus(.cfa, dans: .organismes([amiens.id])).isEmpty)
            // The mission locale invites the young person: no news for the CFA, which may not read it.
            _ = try await store.ajouter(
                EvenementSuivi(le: now, genre: .invitationJeune, auteur: "Agent", email: "jeune@example.org"), a: s.id)
            #expect(try await store.nonLus(.cfa, dans: .organismes([amiens.id])).isEmpty)

            // The learner erased: the case and its unread news go.
            let e = try #require(try await store.effectifsStockes(ids: [s.ligne.effectif]).first)
            _ = try await store.effacer(e, empreinte: "test", now: now)
            #expect(try await store.nonLus(.missionLocale, dans: .missionLocale("ML-ABBEVILLE")).isEmpty)
        }
    }

    func resultatRendezVous() -> EvenementSuivi {
        EvenementSuivi(
            le: now, genre: .resultat, auteur: "Agent", rupture: Jour(iso: "2025-03-10"),
            resultat: .joint(.rendezVousPris))
    }
}
