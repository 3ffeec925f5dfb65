import Domain
import Foundation
import Outils

extension Colonnes {
    /// The organismes a request may count, as a mask over the index's organismes, from their small codes.
    func masque(_ r: RequeteIndicateurs) -> [Bool] {
        let f = r.filtres
        let n = idOrg.count
        var m = [Bool](repeating: true, count: n)
        func codes(_ kind: String, _ valeurs: Set<String>) -> Set<Int32> {
            Set(valeurs.map { codesTerritoire[kind + $0] ?? -2 })
        }
        let regions = codes("r", f.regions)
        let departements = codes("d", f.departements)
        let academies = codes("a", f.academies)
        let reseaux = f.reseaux.reduce(UInt64(0)) { $0 | (bitsReseau[$1] ?? 0) }
        for i in 0..<n {
            if r.fiablesSeulement && !compteOrg[i] {
                m[i] = false
                continue
            }
            let dans: Bool =
                switch r.perimetre {
                case .national: true
                case .region(let c): regionOrg[i] == codesTerritoire["r" + c] ?? -2
                case .departement(let c): departementOrg[i] == codesTerritoire["d" + c] ?? -2
                case .academie(let c): academieOrg[i] == codesTerritoire["a" + c] ?? -2
                case .reseau(let c): reseauxOrg[i] & (bitsReseau[c] ?? 0) != 0
                case .organismes(let ids): ids.contains(OrganismeID(idOrg[i]))
                case .missionLocale, .aucun: false
                }
            if !dans {
                m[i] = false
                continue
            }
            if !f.regions.isEmpty && !regions.contains(regionOrg[i]) {
                m[i] = false
                continue
            }
            if !f.departements.isEmpty && !departements.contains(departementOrg[i]) {
                m[i] = false
                continue
            }
            if !f.academies.isEmpty && !academies.contains(academieOrg[i]) {
                m[i] = false
                continue
            }
            // Organismes carry no bassin d'emploi yet: as in the reference, this filter matches nothing (§7.2).
            if !f.bassinsEmploi.isEmpty {
                m[i] = false
                continue
            }
            if !f.reseaux.isEmpty && reseauxOrg[i] & reseaux == 0 {
                m[i] = false
                continue
            }
            if let q = f.organismeRecherche?.uppercased() { m[i] = Self.correspond(organismes[i], q) }
        }
        return m
    }

    /// `organisme_search`: a UAI, a 14-digit SIRET, ≥ 3 digits (part of a SIRET), else the name.
    static func correspond(_ o: Organisme, _ q: String) -> Bool {
        if UAI(q) != nil { return o.uai?.rawValue == q }
        if q.count == 14, q.allSatisfy(\.isNumber) { return o.siret.rawValue == q }
        if q.count >= 3, q.allSatisfy(\.isNumber) { return o.siret.rawValue.contains(q) }
        return o.nom.uppercased().contains(q)
    }

    /// The row-level filters, prepared once per request as bit masks and tables: a row is tested with a few
    /// loads and shifts, never a hash.
    struct FiltreLignes {
        let ages: [(Int32, Int32)]
        /// Bit `annee + 1` (−1: unknown) and bit `niveau`; 0 = no filter.
        let anneesFormation: UInt64
        let niveaux: UInt64
        /// Accepted CFD ranks; empty = no filter.
        let cfds: [Bool]
        let aucunCfdConnu: Bool

        var estVide: Bool { ages.isEmpty && anneesFormation == 0 && niveaux == 0 && cfds.isEmpty && !aucunCfdConnu }

        @inline(__always)
        static func bit(_ v: Int8, _ masque: UInt64, decalage: Int = 0) -> Bool {
            let b = Int(v) + decalage
            return b >= 0 && b < 64 && (masque >> UInt64(b)) & 1 == 1
        }

        @inline(__always)
        func accepte(_ index: Colonnes, _ i: Int) -> Bool {
            if !ages.isEmpty {
                let n = index.naissance[i]
                if !ages.contains(where: { n >= $0.0 && n < $0.1 }) { return false }
            }
            if anneesFormation != 0 && !Self.bit(index.anneeFormation[i], anneesFormation, decalage: 1) { return false }
            if niveaux != 0 && !Self.bit(index.niveau[i], niveaux) { return false }
            if aucunCfdConnu { return false }
            if !cfds.isEmpty {
                let c = Int(index.cfd[i])
                if c < 0 || c >= cfds.count || !cfds[c] { return false }
            }
            return true
        }
    }

    func filtreLignes(_ r: RequeteIndicateurs) -> FiltreLignes {
        let f = r.filtres
        let (y, m, d) = r.aujourdhui.components
        // Born after today − max years (inclusive) and before today − min years (exclusive).
        let ages = f.tranchesAge.map { t in
            (
                Jour(year: y - t.bornes.max, month: m, day: d).rawValue,
                Jour(year: y - t.bornes.min, month: m, day: d).rawValue
            )
        }
        let rangs = f.cfds.compactMap { rangCfd[$0] }
        var cfds: [Bool] = []
        if !rangs.isEmpty {
            cfds = [Bool](repeating: false, count: self.cfds.count)
            for r in rangs { cfds[Int(r)] = true }
        }
        func masque(_ valeurs: Set<Int>, decalage: Int = 0) -> UInt64 {
            valeurs.reduce(UInt64(0)) { m, v in (0..<64).contains(v + decalage) ? m | 1 << UInt64(v + decalage) : m }
        }
        return FiltreLignes(
            ages: ages, anneesFormation: masque(f.anneesFormation, decalage: 1), niveaux: masque(f.niveaux),
            cfds: cfds, aucunCfdConnu: !f.cfds.isEmpty && rangs.isEmpty)
    }
}

extension IndexIndicateurs {
    /// The five counters.
    public func compter(_ r: RequeteIndicateurs) async -> Compteurs {
        await lecture { c in
            Colonnes.compteurs(c.histogramme(r, dates: [r.filtres.date], groupes: 1, groupe: .aucun), groupe: 0)
        }
    }

    /// The counters by territory of the organisme formateur, by organisme or by formation, in key order
    /// (groups with no effectif counted are left out).
    public func compter(_ r: RequeteIndicateurs, par groupe: Regroupement) async -> [LigneIndicateurs] {
        await lecture { c in c.compter(r, par: groupe) }
    }

    /// Month by month from `debut` to `fin`: the counters at the last day of each month (today for the current
    /// month), in one pass over the rows.
    public func evolution(_ r: RequeteIndicateurs, debut: Jour, fin: Jour) async
        -> [(mois: String, date: Jour, compteurs: Compteurs)]
    {
        var dates: [Jour] = []
        var (y, m, _) = debut.components
        while Jour(year: y, month: m, day: 1) <= fin && dates.count < 240 {
            let dernier = Jour(year: m == 12 ? y + 1 : y, month: m == 12 ? 1 : m + 1, day: 1).adding(days: -1)
            dates.append(min(dernier, r.aujourdhui))
            (y, m) = m == 12 ? (y + 1, 1) : (y, m + 1)
        }
        let lesDates = dates
        let h = await lecture { c in c.histogramme(r, dates: lesDates, groupes: 1, groupe: .aucun) }
        return dates.indices.map { k in
            let (y, m, _) = dates[k].components
            return (
                mois: String(format: "%04d-%02d", y, m), date: dates[k], compteurs: Colonnes.compteurs(h, groupe: k)
            )
        }
    }
}

extension Colonnes {
    /// The counters by group, in key order (groups with no effectif counted are left out).
    func compter(_ r: RequeteIndicateurs, par groupe: Regroupement) -> [LigneIndicateurs] {
        let t = Territoires.france
        var cles: [String] = []
        var rang: [String: Int32] = [:]
        var table: [Int32] = []
        if groupe != .formation {
            table = organismes.map { o -> Int32 in
                let a = o.adresse
                let cle =
                    switch groupe {
                    case .region: a.region ?? ""
                    case .academie: a.academie ?? ""
                    case .organisme: o.id.description
                    default: a.departement ?? ""
                    }
                if let r = rang[cle] { return r }
                rang[cle] = Int32(cles.count)
                cles.append(cle)
                return Int32(cles.count - 1)
            }
        }
        let n = groupe == .formation ? formations.count : cles.count
        let h = histogramme(
            r, dates: [r.filtres.date], groupes: max(n, 1),
            groupe: groupe == .formation ? .parFormation : .parOrganisme(table))
        var lignes: [LigneIndicateurs] = []
        for g in 0..<n {
            let c = Self.compteurs(h, groupe: g)
            guard h[(g * 6)..<(g * 6 + 6)].contains(where: { $0 > 0 }) else { continue }
            switch groupe {
            case .formation:
                let f = formations[g]
                lignes.append(
                    LigneIndicateurs(
                        cle: "\(f.rncp ?? "")-\(f.cfd ?? "")", libelle: f.libelle ?? "", compteurs: c,
                        organisme: nil, niveau: f.niveau, cfd: f.cfd, rncp: f.rncp))
            case .organisme:
                let o = organismes[g]  // one group per organisme, in their order
                lignes.append(
                    LigneIndicateurs(
                        cle: cles[g], libelle: o.nom, compteurs: c, organisme: o, niveau: nil, cfd: nil,
                        rncp: nil))
            default:
                let cle = cles[g]
                let libelle =
                    groupe == .region
                    ? t.region(cle)?.nom : groupe == .academie ? t.academie(cle)?.nom : t.departement(cle)?.nom
                lignes.append(
                    LigneIndicateurs(
                        cle: cle, libelle: libelle ?? "inconnu", compteurs: c, organisme: nil, niveau: nil,
                        cfd: nil, rncp: nil))
            }
        }
        if groupe == .organisme {
            return lignes.sorted { ($0.organisme?.id.rawValue ?? 0) < ($1.organisme?.id.rawValue ?? 0) }
        }
        return lignes.sorted { $0.cle < $1.cle }
    }
}
