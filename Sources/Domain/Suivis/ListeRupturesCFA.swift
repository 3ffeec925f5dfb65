/// One CFA's list of young people in rupture (`RupturesCFA`) as last computed, brought up to date with only what
/// changed since: the records of learners written since (each known by the change number of its last write), the
/// cases written since (by theirs), or everything when the day, the rules or the missions locales' référentiel
/// changed. A list of 6,000 learners then costs a page a dictionary walk instead of reading and decoding every record.
public struct ListeRupturesCFA: Sendable {
    /// What every row depends on besides its record and its case.
    public struct Contexte: Sendable, Equatable {
        public let aujourdhui: Jour
        public let regles: ReglesSuivi
        public let versionReferentiel: Int64

        public init(aujourdhui: Jour, regles: ReglesSuivi, versionReferentiel: Int64) {
            self.aujourdhui = aujourdhui
            self.regles = regles
            self.versionReferentiel = versionReferentiel
        }
    }

    /// What decides whether a row is current: the numbers of the record and case it was computed from. Kept apart
    /// from the rows (large values) so that checking 6,000 rows copies none of them.
    struct Etat: Sendable {
        /// The change number the record was read at (or a later one).
        var version: Int64
        /// The case's change number the row was computed with (nil: no case); nil row: not computed yet.
        var seqSuivi: Int64?
        var calculee: Bool
    }

    struct Ligne: Sendable {
        var effectif: EffectifStocke
        /// The folded name, the sort key.
        var nom: String
        /// Nil: not in rupture at the context's day.
        var jeune: JeuneEnRupture?
    }

    private var etats: [EffectifID: Etat] = [:]
    private var lignes: [EffectifID: Ligne] = [:]
    private var contexte: Contexte?
    private var ordonnee: [JeuneEnRupture] = []

    public init() {}

    /// How many records are held.
    public var nombre: Int { etats.count }

    /// The records to read before `mettreAJour`: those wanted that the list lacks, or holds from before their last
    /// write.
    public func aLire(_ versions: [EffectifID: Int64]) -> [EffectifID] {
        versions.compactMap { id, v in (etats[id].map { $0.version < v } ?? true) ? id : nil }.sorted {
            $0.rawValue < $1.rawValue
        }
    }

    /// Brings the list to the learners of `versions` (id → change number of the last write, as the caller knows
    /// it): forgets the others, takes the records just read (`lus`, which `aLire` named), recomputes the rows whose
    /// record or case changed (all of them when the context did), and returns the rows in the list's order. A
    /// record read at a later write than `versions` says is kept under the older number: read again next time,
    /// never kept stale.
    public mutating func mettreAJour(
        versions: [EffectifID: Int64], lus: [EffectifStocke], suivis: [EffectifID: (seq: Int64, suivi: SuiviStocke)],
        contexte: Contexte, couverture: CouvertureMissionsLocales
    ) -> [JeuneEnRupture] {
        var change = self.contexte != contexte
        self.contexte = contexte
        for id in etats.keys.filter({ versions[$0] == nil }) {
            etats[id] = nil
            lignes[id] = nil
            change = true
        }
        for e in lus {
            guard let v = versions[e.id] else { continue }
            etats[e.id] = Etat(version: v, seqSuivi: nil, calculee: false)
            lignes[e.id] = Ligne(effectif: e, nom: FiltresSuivis.plier(e.effectif.apprenant.nom), jeune: nil)
        }
        let aCalculer = etats.compactMap { id, etat in
            !etat.calculee || change || etat.seqSuivi != suivis[id]?.seq ? id : nil
        }
        for id in aCalculer {
            guard let e = lignes[id]?.effectif else { continue }
            let s = suivis[id]
            lignes[id]?.jeune = RupturesCFA.jeune(
                e, suivi: s?.suivi, regles: contexte.regles, couverture: couverture, aujourdhui: contexte.aujourdhui)
            etats[id]?.seqSuivi = s?.seq
            etats[id]?.calculee = true
            change = true
        }
        if change { ordonnee = RupturesCFA.ordonner(lignes.values.compactMap { l in l.jeune.map { ($0, l.nom) } }) }
        return ordonnee
    }
}
