import Domain
import Foundation
import Outils
import TestSupport
import Testing

/// The young people's personal pages (issue 15) on every backend: one working token per case, answers written to
/// the history and the case, the answers of a period for the digest, the cases to invite automatically.
struct StoreContractInvitationsJeunesTests {
    let contrat = StoreContractTests()
    let suivis = StoreContractSuivisTests()
    let now = Date(timeIntervalSince1970: 1_743_465_600)  // 2025-04-01

    func invitation(_ s: SuiviID, le: Date, email: String = "jeune@example.org") -> InvitationJeune {
        InvitationJeune(suivi: s, email: email, envoyeeLe: le, expireLe: le.addingTimeInterval(InvitationJeune.duree))
    }

    func evenement(le: Date, email: String = "jeune@example.org") -> EvenementSuivi {
        EvenementSuivi(le: le, genre: .invitationJeune, auteur: "Agent A", organisation: "ML", email: email)
    }

    func reponse(_ r: ReponseJeune, le: Date, telephone: String? = nil) -> EvenementSuivi {
        EvenementSuivi(
            le: le, genre: .reponseJeune, auteur: EvenementSuivi.auteurJeune, reponseJeune: r, telephone: telephone)
    }

    /// Two cases in Amiens, one in Abbeville.
    func cas(_ store: any Store) async throws -> (SuiviStocke, SuiviStocke, SuiviStocke) {
        let (amiens, _, _) = try await contrat.peuple(store)
        _ = try await store.importer(missionsLocales: StoreContractSuivisTests.missionsLocales, now: now)
        _ = try await contrat.lot(
            [suivis.jeune(), suivis.jeune(id: "J-2"), suivis.jeune(id: "J-3", commune: "80001")],
            transmetteur: amiens.id, store: store, at: now)
        let a = try await store.suivis(missionLocale: "ML-AMIENS").sorted { $0.id.rawValue < $1.id.rawValue }
        let b = try #require(try await store.suivis(missionLocale: "ML-ABBEVILLE").first)
        return (a[0], a[1], b)
    }

    @Test(arguments: Backend.actifs) func invitingAgainReplacesTheTokenAndEachInvitationIsInTheHistory(
        _ backend: Backend
    ) async throws {
        try await backend.avecStore { store in
            let (s, autre, _) = try await cas(store)
            #expect(try await store.invitationJeune(suivi: s.id) == nil)
            #expect(
                try await store.enregistrer(
                    invitation: invitation(s.id, le: now), hashJeton: "h1", evenement: evenement(le: now),
                    versionLue: 0) == .fait(version: 1))
            #expect(try await store.invitationJeune(hashJeton: "h1") == invitation(s.id, le: now))
            #expect(try await store.invitationJeune(suivi: s.id) == invitation(s.id, le: now))
            #expect(try await store.invitationJeune(suivi: autre.id) == nil)

            // A stale version is refused with who saved, and nothing changes.
            #expect(
                try await store.enregistrer(
                    invitation: invitation(s.id, le: now), hashJeton: "h-perdu", evenement: evenement(le: now),
                    versionLue: 0) == .conflit(auteur: "Agent A", le: now))
            #expect(try await store.invitationJeune(hashJeton: "h-perdu") == nil)
            #expect(
                try await store.enregistrer(
                    invitation: invitation(SuiviID(999_999), le: now), hashJeton: "h9", evenement: evenement(le: now),
                    versionLue: 0) == .inconnu)

            // Inviting again: the new token replaces the old one.
            let plusTard = now.addingTimeInterval(86_400)
            #expect(
                try await store.enregistrer(
                    invitation: invitation(s.id, le: plusTard, email: "nouvelle@example.org"), hashJeton: "h2",
                    evenement: evenement(le: plusTard, email: "nouvelle@example.org"), versionLue: 1)
                    == .fait(version: 2))
            #expect(try await store.invitationJeune(hashJeton: "h1") == nil)
            #expect(try await store.invitationJeune(hashJeton: "h2")?.email == "nouvelle@example.org")
            let historique = try await store.evenements(suivi: s.id)
            #expect(historique.map(\.genre) == [.invitationJeune, .invitationJeune])
            #expect(historique.map(\.email) == ["jeune@example.org", "nouvelle@example.org"])
            #expect(historique.first?.organisation == "ML" && historique.first?.auteur == "Agent A")
            #expect(try await store.suivi(id: s.id)?.version == 2)
        }
    }

    @Test(arguments: Backend.actifs) func anAnswerGoesToTheTokensCaseOnlyWhileTheTokenWorks(_ backend: Backend)
        async throws
    {
        try await backend.avecStore { store in
            let (s, autre, _) = try await cas(store)
            _ = try await store.enregistrer(
                invitation: invitation(s.id, le: now), hashJeton: "h1", evenement: evenement(le: now), versionLue: 0)
            let t1 = now.addingTimeInterval(3_600)
            #expect(
                try await store.enregistrer(
                    reponseJeune: reponse(.rappel, le: t1, telephone: "0612345678"), hashJeton: "h1")
                    == s.id)
            var relu = try #require(try await store.suivi(id: s.id))
            #expect(relu.reponseJeune == .rappel && relu.reponseJeuneLe == t1 && relu.version == 2)
            #expect(relu.reponseJeuneEnAttente)
            let derniere = try #require(try await store.evenements(suivi: s.id).last)
            #expect(derniere.genre == .reponseJeune && derniere.reponseJeune == .rappel)
            #expect(derniere.telephone == "0612345678" && derniere.auteur == EvenementSuivi.auteurJeune)

            // Answering again replaces the case's answer; both stay in the history.
            let t2 = now.addingTimeInterval(7_200)
            #expect(try await store.enregistrer(reponseJeune: reponse(.nonMerci, le: t2), hashJeton: "h1") == s.id)
            relu = try #require(try await store.suivi(id: s.id))
            #expect(relu.reponseJeune == .nonMerci && relu.reponseJeuneLe == t2)
            #expect(
                try await store.evenements(suivi: s.id).compactMap(\.reponseJeune) == [.rappel, .nonMerci])

            // Unknown or expired token: nothing written anywhere.
            #expect(try await store.enregistrer(reponseJeune: reponse(.oui, le: t2), hashJeton: "inconnu") == nil)
            let expire = now.addingTimeInterval(InvitationJeune.duree + 1)
            #expect(try await store.enregistrer(reponseJeune: reponse(.oui, le: expire), hashJeton: "h1") == nil)
            #expect(try await store.suivi(id: s.id)?.reponseJeune == .nonMerci)
            #expect(try await store.evenements(suivi: autre.id).isEmpty)
            #expect(try await store.suivi(id: autre.id)?.reponseJeune == nil)

            // An outcome recorded after the answer: the answer is no longer waiting.
            _ = try await store.ajouter(
                EvenementSuivi(
                    le: now.addingTimeInterval(10_000), genre: .resultat, auteur: "Agent A",
                    rupture: Jour(iso: "2025-03-10"),
                    resultat: .joint(.rendezVousPris)), a: s.id, versionLue: 3)
            #expect(try await store.suivi(id: s.id)?.reponseJeuneEnAttente == false)
        }
    }

    @Test(arguments: Backend.actifs) func theDigestListsTheAnswersOfAPeriodForItsMissionsLocales(_ backend: Backend)
        async throws
    {
        try await backend.avecStore { store in
            let (s, autre, abbeville) = try await cas(store)
            for (k, c) in [s, autre, abbeville].enumerated() {
                _ = try await store.enregistrer(
                    invitation: invitation(c.id, le: now), hashJeton: "h\(k)", evenement: evenement(le: now),
                    versionLue: 0)
            }
            let hier = now.addingTimeInterval(3_600)
            let aujourdhui = now.addingTimeInterval(90_000)
            _ = try await store.enregistrer(reponseJeune: reponse(.oui, le: hier), hashJeton: "h0")
            _ = try await store.enregistrer(
                reponseJeune: reponse(.rappel, le: aujourdhui, telephone: "0612345678"), hashJeton: "h1")
            _ = try await store.enregistrer(reponseJeune: reponse(.nonMerci, le: aujourdhui), hashJeton: "h2")

            let depuis = now.addingTimeInterval(86_400)
            #expect(
                try await store.reponsesJeunes(depuis: depuis, missionsLocales: ["ML-AMIENS"]) == [
                    ReponseJeuneRecue(
                        suivi: autre.id, missionLocale: "ML-AMIENS", prenom: autre.ligne.prenom, nom: autre.ligne.nom,
                        reponse: .rappel, telephone: "0612345678", le: aujourdhui)
                ])
            #expect(
                try await store.reponsesJeunes(depuis: now, missionsLocales: ["ML-AMIENS", "ML-ABBEVILLE"]).map(
                    \.reponse) == [.oui, .rappel, .nonMerci])
            #expect(try await store.reponsesJeunes(depuis: now, missionsLocales: []).isEmpty)
        }
    }

    @Test(arguments: Backend.actifs) func casesToInviteAreTheNewOnesOfMissionsLocalesThatChoseSo(_ backend: Backend)
        async throws
    {
        try await backend.avecStore { store in
            let (amiens, _, _) = try await contrat.peuple(store)
            _ = try await store.importer(missionsLocales: StoreContractSuivisTests.missionsLocales, now: now)
            _ = try await contrat.lot([suivis.jeune(id: "AVANT")], transmetteur: amiens.id, store: store, at: now)
            #expect(try await store.suivisAInviter(creesDepuis: .distantPast).isEmpty)

            let active = now.addingTimeInterval(3_600)
            try await store.enregistrer(
                parametres: ParametresMissionLocale(inviterJeunesDepuis: active), missionLocale: "ML-AMIENS")
            #expect(try await store.parametres(missionLocale: "ML-AMIENS").inviterJeunesDepuis == active)
            let apres = now.addingTimeInterval(7_200)
            _ = try await contrat.lot(
                [suivis.jeune(id: "APRES-1"), suivis.jeune(id: "APRES-2"), suivis.jeune(id: "ABB", commune: "80001")],
                transmetteur: amiens.id, store: store, at: apres)
            let aInviter = try await store.suivisAInviter(creesDepuis: now)
            #expect(aInviter.count == 2 && aInviter.allSatisfy { $0.ligne.missionLocale == "ML-AMIENS" })
            #expect(aInviter.allSatisfy { $0.creeLe == apres })
            // Only cases created since `creesDepuis`, and never invited.
            #expect(try await store.suivisAInviter(creesDepuis: apres.addingTimeInterval(1)).isEmpty)
            let premier = try #require(aInviter.first)
            _ = try await store.enregistrer(
                invitation: invitation(premier.id, le: apres), hashJeton: "h", evenement: evenement(le: apres),
                versionLue: premier.version)
            #expect(try await store.suivisAInviter(creesDepuis: now).map(\.id) == [aInviter[1].id])

            // Turned off: nothing to invite.
            try await store.enregistrer(parametres: ParametresMissionLocale(), missionLocale: "ML-AMIENS")
            #expect(try await store.suivisAInviter(creesDepuis: now).isEmpty)
        }
    }

    @Test(arguments: Backend.actifs) func erasingTheLearnerErasesTheInvitation(_ backend: Backend) async throws {
        try await backend.avecStore { store in
            let (s, _, _) = try await cas(store)
            _ = try await store.enregistrer(
                invitation: invitation(s.id, le: now), hashJeton: "h1", evenement: evenement(le: now), versionLue: 0)
            let e = try #require(try await store.effectif(id: s.ligne.effectif))
            _ = try await store.effacer(e, empreinte: "x", now: now)
            #expect(try await store.invitationJeune(hashJeton: "h1") == nil)
            #expect(try await store.enregistrer(reponseJeune: reponse(.oui, le: now), hashJeton: "h1") == nil)
        }
    }
}
