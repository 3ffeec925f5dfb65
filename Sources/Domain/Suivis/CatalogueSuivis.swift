import Foundation

/// Every case in memory, as the store numbered its writes (`changementsSuivis`), and what pages compute of them at
/// a day: each mission locale's ordered list and its figures per period, kept until one of its cases changes, the
/// day turns or the rules change. An instance follows the store by reading only what changed since its last look,
/// so a work list or the national statistics never read thousands of rows again.
public struct CatalogueSuivis: Sendable {
    struct Entree: Sendable {
        var seq: Int64
        var suivi: SuiviStocke
        /// The folded name and first name: the sort keys of the lists, folded once per write.
        var nom: String
        var prenom: String
    }

    /// The last change number applied: the next read starts after it.
    public private(set) var seq: Int64 = 0
    private var entrees: [SuiviID: Entree] = [:]
    private var parMissionLocale: [String: Set<SuiviID>] = [:]
    private var parEffectif: [EffectifID: SuiviID] = [:]
    /// The cases following a rupture declared by their CFA that the ERP's data does not show yet.
    private var declares: Set<SuiviID> = []
    /// What the caches below were computed for.
    private var calculesPour: (jour: Jour, regles: ReglesSuivi)?
    private var listes: [String: [CasSuivi]] = [:]
    private var chiffres: [String: [PeriodeStatistiques: ChiffresSuivis]] = [:]

    public init() {}

    /// How many cases are held, in any mission locale's list or none.
    public var nombre: Int { entrees.count }

    /// Applies what changed, in any order: a write replaces an older state, a deletion removes an older one.
    public mutating func appliquer(_ c: ChangementsSuivis) {
        for (numero, s) in c.ecrits {
            if let ancien = entrees[s.id] {
                guard ancien.seq < numero else { continue }
                oublier(ancien.suivi.ligne.missionLocale, s.id)
            }
            parEffectif[s.ligne.effectif] = s.id
            entrees[s.id] = Entree(
                seq: numero, suivi: s, nom: FiltresSuivis.plier(s.ligne.nom),
                prenom: FiltresSuivis.plier(s.ligne.prenom))
            if let ml = s.ligne.missionLocale {
                parMissionLocale[ml, default: []].insert(s.id)
                invalider(ml)
            }
            if s.ligne.ruptureDeclaree != nil { declares.insert(s.id) } else { declares.remove(s.id) }
        }
        for (numero, id) in c.retires {
            guard let ancien = entrees[id], ancien.seq < numero else { continue }
            entrees[id] = nil
            if parEffectif[ancien.suivi.ligne.effectif] == id { parEffectif[ancien.suivi.ligne.effectif] = nil }
            declares.remove(id)
            oublier(ancien.suivi.ligne.missionLocale, id)
        }
        seq = max(seq, c.jusqua)
    }

    private mutating func oublier(_ missionLocale: String?, _ id: SuiviID) {
        guard let missionLocale else { return }
        parMissionLocale[missionLocale]?.remove(id)
        invalider(missionLocale)
    }

    private mutating func invalider(_ missionLocale: String) {
        listes[missionLocale] = nil
        chiffres[missionLocale] = nil
    }

    /// The cases of these organismes' learners whose rupture was declared by the CFA and is not in the ERP's data
    /// yet (the CFA's list shows them with the ruptures the ERP sent).
    public func declares(organismes: Set<OrganismeID>) -> [SuiviStocke] {
        declares.compactMap { entrees[$0]?.suivi }.filter { organismes.contains($0.ligne.organisme) }
    }

    /// The cases of these learners, with the change number of their last write.
    public func suivis(effectifs: some Sequence<EffectifID>) -> [EffectifID: (seq: Int64, suivi: SuiviStocke)] {
        var resultat: [EffectifID: (seq: Int64, suivi: SuiviStocke)] = [:]
        for id in effectifs {
            if let s = parEffectif[id], let e = entrees[s] { resultat[id] = (e.seq, e.suivi) }
        }
        return resultat
    }

    /// Forgets what was computed for another day or other rules.
    private mutating func valider(_ regles: ReglesSuivi, _ aujourdhui: Jour) {
        if let p = calculesPour, p.jour == aujourdhui, p.regles == regles { return }
        calculesPour = (aujourdhui, regles)
        listes = [:]
        chiffres = [:]
    }

    /// The cases in the mission locale's list at `aujourdhui`, in processing order (`ListeSuivis.cas`).
    public mutating func cas(missionLocale code: String, regles: ReglesSuivi, aujourdhui: Jour) -> [CasSuivi] {
        valider(regles, aujourdhui)
        if let l = listes[code] { return l }
        var cles: [(CasSuivi, nom: String, prenom: String)] = []
        for id in parMissionLocale[code] ?? [] {
            guard let e = entrees[id], let c = ListeSuivis.cas(e.suivi, regles: regles, aujourdhui: aujourdhui)
            else { continue }
            cles.append((c, e.nom, e.prenom))
        }
        let l = ListeSuivis.ordonner(cles)
        listes[code] = l
        return l
    }

    /// The statistics of these missions locales (`StatistiquesSuivis.calculer`), from each one's figures.
    public mutating func statistiques(
        missionsLocales: [MissionLocale], regles: ReglesSuivi, aujourdhui: Jour, periode: PeriodeStatistiques
    ) -> StatistiquesSuivis {
        valider(regles, aujourdhui)
        let debut = periode.debut(aujourdhui: aujourdhui, regles: regles)
        var parCode: [String: ChiffresSuivis] = [:]
        for ml in missionsLocales where parCode[ml.code] == nil {
            if let c = chiffres[ml.code]?[periode] {
                parCode[ml.code] = c
                continue
            }
            let c = StatistiquesSuivis.chiffres(
                cas(missionLocale: ml.code, regles: regles, aujourdhui: aujourdhui), debut: debut)
            chiffres[ml.code, default: [:]][periode] = c
            parCode[ml.code] = c
        }
        return StatistiquesSuivis.assembler(
            parCode, missionsLocales: missionsLocales, periode: periode, debut: debut, fin: aujourdhui)
    }
}
