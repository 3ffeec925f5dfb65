import Foundation

/// The period the statistics of the missions locales read: the cases whose **rupture** falls in it (a cohort of
/// ruptures, so that the processed share and the delay to a first contact are those of the same young people).
public enum PeriodeStatistiques: String, Sendable, CaseIterable {
    case trenteJours = "30-jours"
    case troisMois = "3-mois"
    case tout

    public var libelle: String {
        switch self {
        case .trenteJours: "30 derniers jours"
        case .troisMois: "3 derniers mois"
        case .tout: "Depuis le début du suivi"
        }
    }

    /// The first day of the period, today included in it: the 30 days ending today (today and the 29 days before),
    /// the 3 months ending today (from the day after the same day three months before, clamped to the end of a
    /// shorter month: 1 March to 31 May), or the start of follow-up.
    public func debut(aujourdhui: Jour, regles: ReglesSuivi) -> Jour {
        switch self {
        case .trenteJours: return aujourdhui.adding(days: -29)
        case .troisMois:
            let (a, m, j) = aujourdhui.components
            let (annee, mois) = m > 3 ? (a, m - 3) : (a - 1, m + 9)
            let dernierDuMois = Jour(year: mois == 12 ? annee + 1 : annee, month: mois == 12 ? 1 : mois + 1, day: 1)
                .adding(days: -1).components.day
            return Jour(year: annee, month: mois, day: min(j, dernierDuMois)).adding(days: 1)
        case .tout: return regles.depuis
        }
    }
}

/// The figures of a set of cases over a period.
public struct ChiffresSuivis: Sendable, Equatable {
    /// Young people in a mission locale's list today whose rupture falls in the period.
    public var jeunes = 0
    /// Those with an outcome recorded for that rupture.
    public var traites = 0
    /// Those whose last outcome says they were reached.
    public var joints = 0
    /// How many processed cases have each outcome (the last one recorded for the rupture).
    public var parResultat: [ResultatContact: Int] = [:]
    /// Days from the rupture to the first outcome, for the processed cases whose first outcome came after the
    /// rupture (a first outcome about an earlier rupture says nothing of this one). Sorted.
    public private(set) var delais: [Int] = []

    public init() {}

    /// Reached / processed, nil when nothing was processed.
    public var tauxJoints: Double? { traites == 0 ? nil : Double(joints) / Double(traites) }

    /// The median number of days from the rupture to the first contact, nil without any.
    public var delaiMedian: Double? {
        guard !delais.isEmpty else { return nil }
        let n = delais.count
        return n % 2 == 1 ? Double(delais[n / 2]) : Double(delais[n / 2 - 1] + delais[n / 2]) / 2
    }

    public func nombre(_ r: ResultatContact) -> Int { parResultat[r] ?? 0 }

    mutating func compter(resultat: ResultatContact?, delai: Int?) {
        jeunes += 1
        guard let resultat else { return }
        traites += 1
        if resultat.estJoint { joints += 1 }
        parResultat[resultat, default: 0] += 1
        if let delai { delais.append(delai) }
    }

    mutating func ajouter(_ autres: ChiffresSuivis) {
        jeunes += autres.jeunes
        traites += autres.traites
        joints += autres.joints
        parResultat.merge(autres.parResultat, uniquingKeysWith: +)
        delais.append(contentsOf: autres.delais)
    }

    mutating func trier() { delais.sort() }
}

/// A row of the statistics: a mission locale or a région, with its figures.
public struct LigneStatistiquesSuivis: Sendable, Equatable {
    /// The mission locale's code or the région's code ("" for missions locales without a région).
    public var code: String
    public var nom: String
    /// For a mission locale, the code of its région.
    public var region: String?
    public var chiffres: ChiffresSuivis

    public init(code: String, nom: String, region: String? = nil, chiffres: ChiffresSuivis = ChiffresSuivis()) {
        self.code = code
        self.nom = nom
        self.region = region
        self.chiffres = chiffres
    }
}

/// The statistics of the missions locales' follow-up (F16): young people in the lists, processed cases, reached
/// rate, outcomes, median delay to a first contact; for the whole scope, per mission locale and per région. No
/// named data: counts only.
public struct StatistiquesSuivis: Sendable, Equatable {
    public var periode: PeriodeStatistiques
    /// Ruptures from `debut` to `fin` (today), both included.
    public var debut: Jour
    public var fin: Jour
    public var total: ChiffresSuivis
    /// Every mission locale of the scope, cases or not, by région then name.
    public var parMissionLocale: [LigneStatistiquesSuivis]
    /// Every région of the scope's missions locales, by name.
    public var parRegion: [LigneStatistiquesSuivis]

    /// Every outcome in the order of the form: reached (each situation), then not reached (each reason).
    public static let resultats: [ResultatContact] =
        ResultatContact.SituationJeune.allCases.map(ResultatContact.joint)
        + ResultatContact.ProblemeContact.allCases.map(ResultatContact.nonJoint)

    /// The statistics of the cases of `missionsLocales` (the scope: cases of any other mission locale are ignored).
    /// A case counts when it is in its mission locale's list today (`regles.decider`) and its rupture falls in the
    /// period; it is processed when an outcome was recorded for that rupture; the day of the first contact is read
    /// in Paris time.
    public static func calculer(
        suivis: [SuiviStocke], missionsLocales: [MissionLocale], regles: ReglesSuivi, aujourdhui: Jour,
        periode: PeriodeStatistiques
    ) -> StatistiquesSuivis {
        let debut = periode.debut(aujourdhui: aujourdhui, regles: regles)
        let retenues = Set(missionsLocales.map(\.code))
        let parCode = Dictionary(grouping: suivis.filter { $0.ligne.missionLocale.map(retenues.contains) ?? false }) {
            $0.ligne.missionLocale ?? ""
        }.mapValues { s in
            chiffres(s.compactMap { ListeSuivis.cas($0, regles: regles, aujourdhui: aujourdhui) }, debut: debut)
        }
        return assembler(parCode, missionsLocales: missionsLocales, periode: periode, debut: debut, fin: aujourdhui)
    }

    /// The figures of a mission locale's cases in its list (`ListeSuivis.cas`) whose rupture is on or after `debut`.
    public static func chiffres(_ cas: [CasSuivi], debut: Jour) -> ChiffresSuivis {
        var chiffres = ChiffresSuivis()
        for c in cas where c.rupture >= debut {
            var delai: Int?
            if c.resultat != nil, let premier = c.suivi.premierResultatLe {
                let jour = HeureDeParis.jour(premier)
                if jour >= c.rupture { delai = jour - c.rupture }
            }
            chiffres.compter(resultat: c.resultat, delai: delai)
        }
        chiffres.trier()
        return chiffres
    }

    /// The statistics of the scope from the figures of each of its missions locales (none: zero).
    public static func assembler(
        _ parCode: [String: ChiffresSuivis], missionsLocales: [MissionLocale], periode: PeriodeStatistiques,
        debut: Jour, fin aujourdhui: Jour
    ) -> StatistiquesSuivis {
        var lignes: [LigneStatistiquesSuivis] = []
        var regions: [String: LigneStatistiquesSuivis] = [:]
        var total = ChiffresSuivis()
        var vus: Set<String> = []
        for ml in missionsLocales where vus.insert(ml.code).inserted {
            var chiffres = parCode[ml.code] ?? ChiffresSuivis()
            chiffres.trier()
            let region = ml.region ?? ""
            lignes.append(LigneStatistiquesSuivis(code: ml.code, nom: ml.nom, region: ml.region, chiffres: chiffres))
            regions[region, default: LigneStatistiquesSuivis(code: region, nom: nomRegion(region))].chiffres
                .ajouter(chiffres)
            total.ajouter(chiffres)
        }
        total.trier()
        let parRegion = regions.values.map { r -> LigneStatistiquesSuivis in
            var r = r
            r.chiffres.trier()
            return r
        }
        .sorted { ($0.nom, $0.code) < ($1.nom, $1.code) }
        let ordreRegion = Dictionary(
            parRegion.enumerated().map { ($0.element.code, $0.offset) }, uniquingKeysWith: { a, _ in a })
        lignes.sort {
            (ordreRegion[$0.region ?? ""] ?? 0, $0.nom, $0.code) < (ordreRegion[$1.region ?? ""] ?? 0, $1.nom, $1.code)
        }
        return StatistiquesSuivis(
            periode: periode, debut: debut, fin: aujourdhui, total: total, parMissionLocale: lignes,
            parRegion: parRegion)
    }

    /// The name of a région by its code ("Région non renseignée" for none).
    public static func nomRegion(_ code: String) -> String {
        code.isEmpty ? "Région non renseignée" : Territoires.france.region(code)?.nom ?? code
    }

    /// The missions locales a perimeter reaches: every one (national), those of a région or a département (the
    /// référentiel's `region` and `departement` of each mission locale), or one mission locale.
    public static func missionsLocales(dans perimetre: Perimetre, referentiel: [MissionLocale]) -> [MissionLocale] {
        switch perimetre {
        case .national: referentiel
        case .region(let r): referentiel.filter { $0.region == r }
        case .departement(let d): referentiel.filter { $0.departement == d }
        case .missionLocale(let c): referentiel.filter { $0.code == c }
        case .academie, .reseau, .organismes, .aucun: []
        }
    }
}
