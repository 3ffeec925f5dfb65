import Domain
import TestSupport
import Testing

/// Who is in a mission locale's list (issue 14), at the exact bounds: 16th and 26th birthdays on the rupture day,
/// RQTH, the start of follow-up, the day of the rupture itself, residence by INSEE code then postal code, return to
/// contract or end of formation before and after the case was handled.
struct ReglesSuiviTests {
    static let couverture = CouvertureMissionsLocales([
        MissionLocale(code: "ML-A", nom: "A", communes: ["69123", "69266"], codesPostaux: ["69001"]),
        MissionLocale(code: "ML-B", nom: "B", communes: ["38185"], codesPostaux: ["38000", "69100"]),
    ])
    static let regles = ReglesSuivi(depuis: j("2025-01-01"))

    /// In contract from 2024-09-02, rupture on `rupture`, then what `apres` says.
    static func faits(
        naissance: String, rupture: String = "2025-03-10", apres: String = "", rqth: Bool = false,
        commune: String? = "69123", codePostal: String? = nil
    ) -> FaitsSuivi {
        FaitsSuivi(
            parcours: Parcours(
                etapes("2024-09-02 APPRENTI, \(rupture) RUPTURANT" + (apres.isEmpty ? "" : ", " + apres))),
            dateDeNaissance: j(naissance), rqth: rqth, communeInsee: commune, codePostal: codePostal)
    }

    static func decider(_ f: FaitsSuivi, le jour: String = "2025-04-01", prisEnCharge: Bool = false) -> DecisionSuivi {
        regles.decider(f, couverture: couverture, aujourdhui: j(jour), prisEnCharge: prisEnCharge)
    }

    static let dansA = DecisionSuivi.dansLaListe(missionLocale: "ML-A", rupture: j("2025-03-10"), bandeau: nil)

    @Test(
        arguments: [
            // 16th birthday on the rupture day: in; the day after: too young.
            ("2009-03-10", false, dansA),
            ("2009-03-11", false, .horsListe(.age)),
            // 26th birthday the day after the rupture: still 25, in; on the rupture day: 26, out.
            ("1999-03-11", false, dansA),
            ("1999-03-10", false, .horsListe(.age)),
            // RQTH: any age.
            ("2009-03-11", true, dansA),
            ("1960-01-01", true, dansA),
        ] as [(String, Bool, DecisionSuivi)])
    func ageOnTheRuptureDay(naissance: String, rqth: Bool, attendu: DecisionSuivi) {
        #expect(Self.decider(Self.faits(naissance: naissance, rqth: rqth)) == attendu)
    }

    @Test func bornOnTheTwentyNinthOfFebruaryTurnsTwentySixOnTheFirstOfMarch() {
        let veille = Self.faits(naissance: "2000-02-29", rupture: "2026-02-28")
        #expect(Self.decider(veille, le: "2026-03-02").missionLocale == "ML-A")
        let jour = Self.faits(naissance: "2000-02-29", rupture: "2026-03-01")
        #expect(Self.decider(jour, le: "2026-03-02") == .horsListe(.age))
    }

    @Test func theStartOfFollowUpIsIncluded() {
        #expect(
            Self.decider(Self.faits(naissance: "2005-05-05", rupture: "2024-12-31"), le: "2025-02-01")
                == .horsListe(.ruptureAvantDebutDuSuivi))
        #expect(
            Self.decider(Self.faits(naissance: "2005-05-05", rupture: "2025-01-01"), le: "2025-02-01")
                == .dansLaListe(missionLocale: "ML-A", rupture: j("2025-01-01"), bandeau: nil))
    }

    @Test func aRuptureEntersTheListOnItsDayNotBefore() {
        let f = Self.faits(naissance: "2005-05-05")
        #expect(Self.decider(f, le: "2025-03-09") == .horsListe(.pasDeRupture))
        #expect(Self.decider(f, le: "2025-03-10") == Self.dansA)
    }

    @Test(
        arguments: [
            // The INSEE code first, then the postal code, then nothing.
            ("69123", "38000", "ML-A"),
            ("69266", nil, "ML-A"),
            ("75056", "38000", "ML-B"),
            (nil, "69100", "ML-B"),
            (nil, "69001", "ML-A"),
            (nil, " 69001 ", "ML-A"),
            ("75056", "75001", nil),
            (nil, nil, nil),
        ] as [(String?, String?, String?)])
    func residenceByInseeCodeThenPostalCode(commune: String?, codePostal: String?, attendu: String?) {
        let d = Self.decider(Self.faits(naissance: "2005-05-05", commune: commune, codePostal: codePostal))
        #expect(d.missionLocale == attendu)
        if attendu == nil { #expect(d == .horsListe(.horsTerritoire)) }
    }

    @Test func twoMissionsLocalesClaimingACommuneTheSmallerCodeWinsWhateverTheOrder() {
        let a = MissionLocale(code: "ML-2", nom: "", communes: ["01001"])
        let b = MissionLocale(code: "ML-1", nom: "", communes: ["01001"])
        #expect(CouvertureMissionsLocales([a, b]).missionLocale(communeInsee: "01001", codePostal: nil) == "ML-1")
        #expect(CouvertureMissionsLocales([b, a]).missionLocale(communeInsee: "01001", codePostal: nil) == "ML-1")
    }

    @Test func backInContractLeavesTheListUnlessHandled() {
        let f = Self.faits(naissance: "2005-05-05", apres: "2025-05-01 APPRENTI")
        #expect(Self.decider(f, le: "2025-04-30") == Self.dansA)
        #expect(Self.decider(f, le: "2025-05-01") == .horsListe(.nouveauContrat))
        #expect(
            Self.decider(f, le: "2025-05-01", prisEnCharge: true)
                == .dansLaListe(missionLocale: "ML-A", rupture: j("2025-03-10"), bandeau: .nouveauContrat))
    }

    @Test func endOfFormationLeavesTheListUnlessHandled() {
        let f = Self.faits(naissance: "2005-05-05", apres: "2025-06-30 FIN_DE_FORMATION")
        #expect(Self.decider(f, le: "2025-06-29") == Self.dansA)
        #expect(Self.decider(f, le: "2025-06-30") == .horsListe(.formationTerminee))
        #expect(
            Self.decider(f, le: "2025-06-30", prisEnCharge: true)
                == .dansLaListe(missionLocale: "ML-A", rupture: j("2025-03-10"), bandeau: .formationTerminee))
    }

    @Test func leavingApprenticeshipAfterTheRuptureStaysInTheList() {
        let f = Self.faits(naissance: "2005-05-05", apres: "2025-09-06 ABANDON")
        #expect(Self.decider(f, le: "2025-10-01") == Self.dansA)
    }

    @Test func aNewRuptureAfterANewContractIsTheOneFollowed() {
        let f = Self.faits(naissance: "2005-05-05", apres: "2025-05-01 APPRENTI, 2025-09-15 RUPTURANT")
        #expect(
            Self.decider(f, le: "2025-10-01", prisEnCharge: true)
                == .dansLaListe(missionLocale: "ML-A", rupture: j("2025-09-15"), bandeau: nil))
        // A future rupture is not followed yet: the case is still the first one, back in contract.
        #expect(Self.decider(f, le: "2025-06-01") == .horsListe(.nouveauContrat))
    }

    @Test func aCandidateNeedsACoveredResidenceAndAnEligibleRuptureWhateverTheDay() {
        let regles = Self.regles
        let c = Self.couverture
        #expect(regles.candidat(Self.faits(naissance: "2005-05-05"), couverture: c)?.rupture == j("2025-03-10"))
        #expect(regles.candidat(Self.faits(naissance: "2005-05-05", commune: "75056"), couverture: c) == nil)
        #expect(regles.candidat(Self.faits(naissance: "1990-05-05"), couverture: c) == nil)
        #expect(regles.candidat(Self.faits(naissance: "2005-05-05", rupture: "2024-06-01"), couverture: c) == nil)
        // A rupture in the future already makes a candidate: the list shows it on its day, without a new batch.
        #expect(regles.candidat(Self.faits(naissance: "2005-05-05", rupture: "2030-01-01"), couverture: c) != nil)
    }

    @Test(
        arguments: [
            (["joint": "oui", "situation": "RENDEZ_VOUS_PRIS"], nil),
            (["joint": "non", "probleme": "INJOIGNABLE", "deja_connu": "oui"], nil),
            ([:], "joint"),
            (["joint": "peut-être"], "joint"),
            (["joint": "oui"], "situation"),
            (["joint": "oui", "situation": "VACANCES"], "situation"),
            (["joint": "non"], "probleme"),
            (["joint": "non", "probleme": "RENDEZ_VOUS_PRIS"], "probleme"),
            (
                ["joint": "oui", "situation": "AUTRE", "commentaire": String(repeating: "é", count: 2_001)],
                "commentaire"
            ),
            (["joint": "oui", "situation": "AUTRE", "deja_connu": "1"], "deja_connu"),
        ] as [([String: String], String?)])
    func theOutcomeFormNamesTheFieldInError(champs: [String: String], champEnErreur: String?) {
        switch SaisieResultat.lire(champs) {
        case .success: #expect(champEnErreur == nil)
        case .failure(let e):
            #expect(e.liste.map(\.champ) == [champEnErreur].compactMap { $0 })
            #expect(e.liste.allSatisfy { !$0.message.isEmpty })
        }
    }

    @Test func aCommentOfExactlyTwoThousandCharactersIsAccepted() {
        let champs = ["joint": "oui", "situation": "AUTRE", "commentaire": String(repeating: "é", count: 2_000)]
        #expect((try? SaisieResultat.lire(champs).get())?.commentaire?.count == 2_000)
    }

    @Test func everyOutcomeSurvivesItsStoredForm() {
        let tous =
            ResultatContact.SituationJeune.allCases.map(ResultatContact.joint)
            + ResultatContact.ProblemeContact.allCases.map(ResultatContact.nonJoint)
        for r in tous { #expect(ResultatContact(code: r.code) == r) }
        #expect(ResultatContact(code: "JOINT") == nil)
        #expect(ResultatContact(code: "NON_JOINT:RENDEZ_VOUS_PRIS") == nil)
    }

    @Test func tabsFollowTheLastOutcome() {
        #expect(OngletSuivi(dernierResultat: nil) == .aTraiter)
        #expect(OngletSuivi(dernierResultat: .nonJoint(.injoignable)) == .aRecontacter)
        #expect(OngletSuivi(dernierResultat: .joint(.nouveauProjet)) == .dejaTraites)
    }

    @Test(
        arguments: [
            ("ÉLODIE", "Zoé", "elodie", true), ("DUPONT-MARTIN", "Léa", "dupont martin", true),
            ("DUPONT", "Jean", "JEAN dupont", true), ("D'ARC", "Jeanne", "d arc", true), ("MARTIN", "Léa", "lea", true),
            ("MARTIN", "Léa", "martine", false),
        ] as [(String, String, String, Bool)])
    func nameSearchIgnoresCaseAccentsAndSeparators(nom: String, prenom: String, recherche: String, trouve: Bool) throws
    {
        let f = Self.faits(naissance: "2005-05-05")
        let s = SuiviStocke(
            id: SuiviID(1),
            ligne: LigneSuivi(
                effectif: EffectifID(1), missionLocale: "ML-A", organisme: OrganismeID(1), rupture: j("2025-03-10"),
                nom: nom, prenom: prenom, dateDeNaissance: f.dateDeNaissance, rqth: false, communeInsee: "69123",
                codePostal: nil, cfd: nil, rncp: nil, parcours: f.parcours),
            version: 0, creeLe: j("2025-03-10").date)
        let c = try #require(ListeSuivis.cas(s, regles: Self.regles, aujourdhui: j("2025-04-01")))
        var filtres = FiltresSuivis()
        filtres.recherche = recherche
        #expect(filtres.garde(c) == trouve)
    }
}
