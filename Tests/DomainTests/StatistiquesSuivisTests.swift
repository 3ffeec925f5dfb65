import Domain
import Foundation
import TestSupport
import Testing

/// The follow-up statistics of the missions locales (F16): who counts, processed cases, reached rate, outcomes,
/// exact medians, period bounds, scopes.
struct StatistiquesSuivisTests {
    static let aujourdhui = j("2025-06-15")
    static let regles = ReglesSuivi()  // follow-up since 2025-01-01
    static let referentiel = [
        MissionLocale(code: "A", nom: "Mission locale Alpha", departement: "69", region: "84"),
        MissionLocale(code: "B", nom: "Mission locale Bravo", departement: "38", region: "84"),
        MissionLocale(code: "C", nom: "Mission locale Charlie", departement: "80", region: "32"),
        MissionLocale(code: "D", nom: "Mission locale Delta (sans cas)", departement: "69", region: "84"),
    ]

    /// An instant, UTC.
    static func instant(_ s: String) -> Date {
        guard let d = ISO8601DateFormatter().date(from: s) else { fatalError("bad instant \(s)") }
        return d
    }

    /// A case of `ml` with this timeline; an outcome about `pour` (default: the timeline's last rupture) recorded first
    /// at `premier`.
    static func cas(
        _ id: Int64, _ ml: String, _ timeline: String, naissance: String = "2005-01-01", rqth: Bool = false,
        resultat: ResultatContact? = nil, pour: String? = nil, premier: String? = nil, prisEnCharge: Bool? = nil
    ) -> SuiviStocke {
        let p = Parcours(etapes(timeline))
        let rupture = ReglesSuivi.ruptures(p).last
        let ligne = LigneSuivi(
            effectif: EffectifID(id), missionLocale: ml, organisme: OrganismeID(1), rupture: rupture, nom: "N\(id)",
            prenom: "P", dateDeNaissance: j(naissance), rqth: rqth, communeInsee: "69123", codePostal: nil,
            cfd: nil, rncp: nil, parcours: p)
        return SuiviStocke(
            id: SuiviID(id), ligne: ligne, version: 1, creeLe: instant("2025-01-01T00:00:00Z"),
            dernierResultat: resultat, ruptureDuResultat: resultat == nil ? nil : pour.map(j) ?? rupture,
            resultatLe: premier.map(instant), premierResultatLe: premier.map(instant),
            prisEnCharge: prisEnCharge ?? (resultat != nil))
    }

    static let cas: [SuiviStocke] = [
        // A: rupture inside the 30 days, nothing recorded.
        cas(1, "A", "2024-09-01 APPRENTI, 2025-06-10 RUPTURANT"),
        // A: rupture on the first day of the 30 days, reached 3 days later.
        cas(
            2, "A", "2024-09-01 APPRENTI, 2025-05-17 RUPTURANT", resultat: .joint(.rendezVousPris),
            premier: "2025-05-20T10:00:00Z"),
        // A: rupture the day before the 30 days (inside 3 months), not reached, 10 days later.
        cas(
            3, "A", "2024-09-01 APPRENTI, 2025-05-16 RUPTURANT", resultat: .nonJoint(.injoignable),
            premier: "2025-05-26T09:00:00Z"),
        // A: handled, then a new contract: stays in the list (banner). First contact at 23:30 UTC on 5 February is
        // 00:30 on the 6th in Paris: 5 days.
        cas(
            4, "A", "2024-09-01 APPRENTI, 2025-02-01 RUPTURANT, 2025-04-01 APPRENTI",
            resultat: .joint(.nouveauContrat), premier: "2025-02-05T23:30:00Z"),
        // A: new contract without being handled: out of the list.
        cas(5, "A", "2024-09-01 APPRENTI, 2025-03-01 RUPTURANT, 2025-04-01 APPRENTI"),
        // A: rupture before the start of follow-up.
        cas(6, "A", "2024-09-01 APPRENTI, 2024-12-31 RUPTURANT"),
        // A: an outcome about an earlier rupture does not make the new one processed.
        cas(
            7, "A", "2024-09-01 APPRENTI, 2025-01-10 RUPTURANT, 2025-02-01 APPRENTI, 2025-04-01 RUPTURANT",
            resultat: .joint(.chercheContrat), pour: "2025-01-10", premier: "2025-01-15T10:00:00Z"),
        // A: processed for the new rupture, but its first outcome ever was about the earlier one: no delay.
        cas(
            8, "A", "2024-09-01 APPRENTI, 2025-01-10 RUPTURANT, 2025-02-01 APPRENTI, 2025-04-01 RUPTURANT",
            resultat: .nonJoint(.coordonneesErronees), pour: "2025-04-01", premier: "2025-01-15T10:00:00Z"),
        // A: 26 on the day of the rupture, no RQTH: not followed; with RQTH: followed.
        cas(9, "A", "2024-09-01 APPRENTI, 2025-05-01 RUPTURANT", naissance: "1999-05-01"),
        cas(10, "A", "2024-09-01 APPRENTI, 2025-05-01 RUPTURANT", naissance: "1999-05-01", rqth: true),
        // A: a rupture still to come.
        cas(11, "A", "2024-09-01 APPRENTI, 2025-07-01 RUPTURANT"),
        // B: reached on the day of the rupture.
        cas(
            12, "B", "2024-09-01 APPRENTI, 2025-06-01 RUPTURANT", resultat: .joint(.autre),
            premier: "2025-06-01T08:00:00Z"),
        // C: reached a week later.
        cas(
            13, "C", "2024-09-01 APPRENTI, 2025-04-15 RUPTURANT", resultat: .joint(.rendezVousPris),
            premier: "2025-04-22T08:00:00Z"),
        // Z: a mission locale outside the scope.
        cas(14, "Z", "2024-09-01 APPRENTI, 2025-06-01 RUPTURANT"),
    ]

    func calculer(_ periode: PeriodeStatistiques, _ referentiel: [MissionLocale] = referentiel) -> StatistiquesSuivis {
        StatistiquesSuivis.calculer(
            suivis: Self.cas, missionsLocales: referentiel, regles: Self.regles, aujourdhui: Self.aujourdhui,
            periode: periode)
    }

    @Test(arguments: [
        ("2025-06-15", PeriodeStatistiques.trenteJours, "2025-05-17"),
        ("2025-06-15", .troisMois, "2025-03-16"),
        ("2025-05-31", .troisMois, "2025-03-01"),  // 31 February → 28 February, then the day after
        ("2024-05-31", .troisMois, "2024-03-01"),  // leap year: 29 February, then the day after
        ("2026-11-30", .troisMois, "2026-08-31"),
        ("2026-01-15", .troisMois, "2025-10-16"),  // across the new year
        ("2025-03-01", .trenteJours, "2025-01-31"),
        ("2026-06-15", .tout, "2025-01-01"),  // the start of follow-up
    ])
    func periodBounds(aujourdhui: String, periode: PeriodeStatistiques, debut: String) {
        #expect(periode.debut(aujourdhui: j(aujourdhui), regles: Self.regles) == j(debut))
    }

    @Test func allTimeCountsTheCasesInAListTodayPerMissionLocaleRegionAndInTotal() throws {
        let s = calculer(.tout)
        #expect((s.debut, s.fin) == (j("2025-01-01"), j("2025-06-15")))
        // In the lists: 1, 2, 3, 4, 7, 8, 10 (A), 12 (B), 13 (C). Processed: 2, 3, 4, 8, 12, 13. Reached: 2, 4, 12, 13.
        #expect((s.total.jeunes, s.total.traites, s.total.joints) == (9, 6, 4))
        #expect(s.total.tauxJoints == 4.0 / 6.0)
        // Delays 3 (2), 10 (3), 5 (4), 0 (12), 7 (13): median 5.
        #expect(s.total.delais == [0, 3, 5, 7, 10] && s.total.delaiMedian == 5)
        #expect(s.total.nombre(.joint(.rendezVousPris)) == 2 && s.total.nombre(.joint(.nouveauContrat)) == 1)
        #expect(s.total.nombre(.joint(.autre)) == 1 && s.total.nombre(.nonJoint(.injoignable)) == 1)
        #expect(s.total.nombre(.nonJoint(.coordonneesErronees)) == 1 && s.total.nombre(.joint(.chercheContrat)) == 0)
        #expect(StatistiquesSuivis.resultats.map { s.total.nombre($0) }.reduce(0, +) == s.total.traites)

        #expect(s.parMissionLocale.map(\.code) == ["A", "B", "D", "C"])  // by région (name), then name
        let a = try #require(s.parMissionLocale.first { $0.code == "A" }).chiffres
        #expect((a.jeunes, a.traites, a.joints, a.delais, a.delaiMedian) == (7, 4, 2, [3, 5, 10], 5))
        #expect(a.tauxJoints == 0.5)
        let d = try #require(s.parMissionLocale.first { $0.code == "D" }).chiffres
        #expect((d.jeunes, d.traites, d.tauxJoints, d.delaiMedian) == (0, 0, nil, nil))

        #expect(s.parRegion.map(\.nom) == ["Auvergne-Rhône-Alpes", "Hauts-de-France"])
        let ara = s.parRegion[0].chiffres
        // A + B + D: delays 0, 3, 5, 10: an even count, the mean of the two middle ones.
        #expect((ara.jeunes, ara.traites, ara.joints, ara.delais, ara.delaiMedian) == (8, 5, 3, [0, 3, 5, 10], 4))
        #expect(s.parRegion[1].code == "32" && s.parRegion[1].chiffres.delaiMedian == 7)
    }

    @Test func thirtyDaysKeepTheRupturesFromItsFirstDayOn() {
        let s = calculer(.trenteJours)
        #expect(s.debut == j("2025-05-17"))
        // 1 (10 June), 2 (17 May, the first day), 12 (1 June); 3 (16 May) is out.
        #expect((s.total.jeunes, s.total.traites, s.total.joints) == (3, 2, 2))
        #expect(s.total.tauxJoints == 1 && s.total.delaiMedian == 1.5)
    }

    @Test func threeMonthsLeaveOutTheOlderRuptures() {
        let s = calculer(.troisMois)
        #expect(s.debut == j("2025-03-16"))
        // 1, 2, 3, 7, 8, 10, 12, 13; 4 (1 February) is out.
        #expect((s.total.jeunes, s.total.traites, s.total.joints) == (8, 5, 3))
        #expect(s.total.delais == [0, 3, 7, 10] && s.total.delaiMedian == 5)
    }

    @Test func onlyTheScopesMissionsLocalesCount() {
        let s = calculer(.tout, [Self.referentiel[2]])
        #expect(s.parMissionLocale.map(\.code) == ["C"] && s.parRegion.map(\.code) == ["32"])
        #expect((s.total.jeunes, s.total.traites, s.total.delaiMedian) == (1, 1, 7))
        let vide = calculer(.tout, [])
        #expect(vide.total == ChiffresSuivis() && vide.parMissionLocale.isEmpty && vide.parRegion.isEmpty)
    }

    @Test func aMissionLocaleWithoutRegionHasItsOwnRow() {
        let sansRegion = [
            MissionLocale(code: "A", nom: "Alpha"), MissionLocale(code: "C", nom: "Charlie", region: "32"),
        ]
        let s = calculer(.tout, sansRegion)
        #expect(s.parRegion.map(\.nom) == ["Hauts-de-France", "Région non renseignée"])
        #expect(s.parRegion[1].code == "" && s.parRegion[1].chiffres.jeunes == 7)
    }

    @Test func perimetersReachTheirMissionsLocales() {
        let r = Self.referentiel
        func codes(_ p: Perimetre) -> [String] {
            StatistiquesSuivis.missionsLocales(dans: p, referentiel: r).map(\.code)
        }
        #expect(codes(.national) == ["A", "B", "C", "D"])
        #expect(codes(.region("84")) == ["A", "B", "D"])
        #expect(codes(.departement("69")) == ["A", "D"])
        #expect(codes(.missionLocale("C")) == ["C"])
        #expect(codes(.missionLocale("Z")).isEmpty && codes(.academie("10")).isEmpty && codes(.aucun).isEmpty)
    }

    @Test(arguments: [
        (TypeOrganisation.missionLocale, Perimetre.missionLocale("ML-1")),
        (.arml, .region("84")), (.dreets, .region("84")), (.ddets, .departement("69")), (.administrateur, .national),
        (.organismeFormation, .aucun), (.academie, .aucun), (.conseilRegional, .aucun), (.franceTravail, .aucun),
        (.teteDeReseau, .aucun), (.operateurPublicNational, .aucun),
    ])
    func thePermissionTableGivesTheStatisticsScope(type: TypeOrganisation, attendu: Perimetre) {
        let o = Organisation(
            id: OrganisationID(1), type: type, nom: "O", organisme: OrganismeID(1), region: "84", departement: "69",
            academie: "10", reseau: "CCI", missionLocale: "ML-1")
        #expect(Droits(o, contexte: ContexteOrganisation()).perimetre(.statistiquesSuivi) == attendu)
    }

    @Test func aMissionLocaleAccountWithoutItsCodeSeesNothing() {
        let o = Organisation(id: OrganisationID(1), type: .missionLocale, nom: "ML sans code")
        #expect(Droits(o, contexte: ContexteOrganisation()).perimetre(.statistiquesSuivi) == .aucun)
    }
}

/// The settings form of a mission locale.
struct SaisieParametresMissionLocaleTests {
    func erreurs(_ champs: [String: String]) -> [ErreurSaisie] {
        if case .failure(let e) = SaisieParametresMissionLocale.lire(champs) { return e.liste }
        return []
    }

    @Test func validValuesAreKeptTrimmedAndTheAddressLowerCased() throws {
        let p = try SaisieParametresMissionLocale.lire([
            "rdv_url": " https://rdv.ml-exemple.fr/prendre?ml=12 ", "email_notifications": "Contact@ML-Exemple.fr",
        ]).get()
        #expect(
            p
                == ParametresMissionLocale(
                    rdvUrl: "https://rdv.ml-exemple.fr/prendre?ml=12", emailNotifications: "contact@ml-exemple.fr"))
        #expect(
            try SaisieParametresMissionLocale.lire(["rdv_url": "", "email_notifications": " "]).get()
                == ParametresMissionLocale())
        #expect(try SaisieParametresMissionLocale.lire(["rdv_url": "HTTP://ml.fr"]).get().rdvUrl == "HTTP://ml.fr")
    }

    @Test(arguments: [
        ("ftp://ml.fr/rdv", "Adresse de prise de rendez-vous : elle doit commencer par https:// ou http://."),
        ("www.ml.fr", "Adresse de prise de rendez-vous : elle doit commencer par https:// ou http://."),
        (
            "https://",
            "Adresse de prise de rendez-vous : adresse web invalide (exemple : https://www.mission-locale.fr/rendez-vous)."
        ),
        (
            "https://ml fr/rdv",
            "Adresse de prise de rendez-vous : adresse web invalide (exemple : https://www.mission-locale.fr/rendez-vous)."
        ),
    ])
    func aBadUrlIsRefusedNamingTheField(url: String, message: String) {
        #expect(erreurs(["rdv_url": url]) == [ErreurSaisie("rdv_url", message)])
    }

    @Test func fiveHundredCharactersAreAcceptedAndFiveHundredAndOneAreNot() throws {
        let base = "https://ml.fr/"
        let cinqCents = base + String(repeating: "a", count: 500 - base.count)
        #expect(try SaisieParametresMissionLocale.lire(["rdv_url": cinqCents]).get().rdvUrl == cinqCents)
        #expect(
            erreurs(["rdv_url": cinqCents + "b"])
                == [
                    ErreurSaisie(
                        "rdv_url", "Adresse de prise de rendez-vous : 501 caractères, au plus 500 sont acceptés.")
                ])
    }

    @Test func aBadAddressIsRefusedAndBothFieldsAreReported() {
        #expect(
            erreurs(["rdv_url": "rdv", "email_notifications": "pas-une-adresse"]) == [
                ErreurSaisie(
                    "rdv_url", "Adresse de prise de rendez-vous : elle doit commencer par https:// ou http://."),
                ErreurSaisie(
                    "email_notifications",
                    "Adresse des notifications : adresse e-mail invalide (exemple : contact@mission-locale.fr)."),
            ])
    }

    @Test func theJournalSaysWhatChanged() {
        let avant = ParametresMissionLocale(rdvUrl: "https://a.fr", emailNotifications: "a@b.fr")
        #expect(SaisieParametresMissionLocale.modifications(avant: avant, apres: avant).isEmpty)
        #expect(
            SaisieParametresMissionLocale.modifications(
                avant: avant, apres: ParametresMissionLocale(rdvUrl: nil, emailNotifications: "c@d.fr"))
                == [
                    "adresse de rendez-vous : https://a.fr → (aucune)",
                    "adresse des notifications : a@b.fr → c@d.fr",
                ])
    }
}
