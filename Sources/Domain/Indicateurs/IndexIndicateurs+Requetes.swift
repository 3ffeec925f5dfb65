import Foundation

/// A question to the index: whose perimeter, which filters, and whether non-fiable organismes are left out.
public struct RequeteIndicateurs: Sendable {
    public var perimetre: Perimetre
    public var filtres: FiltresIndicateurs
    /// All views but the single-organisme summary count only FIABLE, open organismes (§7.2).
    public var fiablesSeulement: Bool
    /// Ages are computed against today, not D (§7.2).
    public var aujourdhui: Jour

    public init(perimetre: Perimetre, filtres: FiltresIndicateurs, fiablesSeulement: Bool = true, aujourdhui: Jour) {
        self.perimetre = perimetre
        self.filtres = filtres
        self.fiablesSeulement = fiablesSeulement
        self.aujourdhui = aujourdhui
    }
}

public enum Regroupement: String, Sendable, CaseIterable {
    case departement, region, academie, organisme, formation
}

/// One line of a grouped result.
public struct LigneIndicateurs: Sendable, Equatable {
    public let cle: String
    public let libelle: String
    public let compteurs: Compteurs
    /// For `.organisme`: the organisme; for `.formation`: the level and codes.
    public let organisme: Organisme?
    public let niveau: Int?
    public let cfd: String?
    public let rncp: String?
}

extension IndexIndicateurs {
    /// The organismes a request may count, as a mask over the index's organismes.
    func masque(_ r: RequeteIndicateurs) -> [Bool] {
        let f = r.filtres
        let recherche = f.organismeRecherche.map { $0.uppercased() }
        return organismes.map { oi in
            let o = oi.organisme
            if r.fiablesSeulement && !oi.compte { return false }
            if !r.perimetre.inclut(o) { return false }
            if !f.regions.isEmpty && !f.regions.contains(o.adresse.region ?? "") { return false }
            if !f.departements.isEmpty && !f.departements.contains(o.adresse.departement ?? "") { return false }
            if !f.academies.isEmpty && !f.academies.contains(o.adresse.academie ?? "") { return false }
            // Organismes carry no bassin d'emploi yet: as in the reference, this filter matches nothing (§7.2).
            if !f.bassinsEmploi.isEmpty { return false }
            if !f.reseaux.isEmpty && f.reseaux.isDisjoint(with: o.reseaux) { return false }
            if let q = recherche {
                // A UAI, a 14-digit SIRET, ≥ 3 digits (part of a SIRET), else the name.
                if UAI(q) != nil { return o.uai?.rawValue == q }
                if q.count == 14, q.allSatisfy(\.isNumber) { return o.siret.rawValue == q }
                if q.count >= 3, q.allSatisfy(\.isNumber) { return o.siret.rawValue.contains(q) }
                return o.nom.uppercased().contains(q)
            }
            return true
        }
    }

    /// The row-level filters, prepared once per request.
    struct FiltreLignes {
        let ages: [(Int32, Int32)]
        let anneesFormation: Set<Int8>
        let niveaux: Set<Int8>
        let cfds: Set<Int32>
        let aucunCfdConnu: Bool

        @inline(__always)
        func accepte(_ index: IndexIndicateurs, _ i: Int) -> Bool {
            if !ages.isEmpty {
                let n = index.naissance[i]
                if !ages.contains(where: { n >= $0.0 && n < $0.1 }) { return false }
            }
            if !anneesFormation.isEmpty && !anneesFormation.contains(index.anneeFormation[i]) { return false }
            if !niveaux.isEmpty && !niveaux.contains(index.niveau[i]) { return false }
            if aucunCfdConnu { return false }
            if !cfds.isEmpty && !cfds.contains(index.cfd[i]) { return false }
            return true
        }
    }

    func filtreLignes(_ r: RequeteIndicateurs) -> FiltreLignes {
        let f = r.filtres
        let (y, m, d) = r.aujourdhui.components
        // Born after today − max years (inclusive) and before today − min years (exclusive).
        let ages = f.tranchesAge.map { t in
            (Jour(year: y - t.bornes.max, month: m, day: d).rawValue, Jour(year: y - t.bornes.min, month: m, day: d).rawValue)
        }
        let cfds = Set(f.cfds.compactMap { rangCfd[$0] })
        return FiltreLignes(ages: ages, anneesFormation: Set(f.anneesFormation.map { Int8($0) }),
                            niveaux: Set(f.niveaux.map { Int8($0) }), cfds: cfds, aucunCfdConnu: !f.cfds.isEmpty && cfds.isEmpty)
    }

    /// Visits every counted row at day `d` with its status code.
    @inline(__always)
    func parcourir(_ r: RequeteIndicateurs, date d: Jour, _ visite: (Int, UInt8) -> Void) {
        let masque = masque(r)
        let filtre = filtreLignes(r)
        let jour = d.rawValue
        for a in AnneeScolaire.annees(pourIndicateursA: d) {
            guard let lignes = lignesParAnnee[Self.cleAnnee(a)] else { continue }
            for l in lignes {
                let i = Int(l)
                let o = org[i]
                guard o >= 0, masque[Int(o)], filtre.accepte(self, i) else { continue }
                visite(i, statut(i, jour))
            }
        }
    }

    /// The five counters.
    public func compter(_ r: RequeteIndicateurs) -> Compteurs {
        verrou.withLock {
            var c = Compteurs()
            parcourir(r, date: r.filtres.date) { _, s in c.ajouter(s) }
            return c
        }
    }

    /// The counters by territory of the organisme formateur, by organisme or by formation, in key order.
    public func compter(_ r: RequeteIndicateurs, par groupe: Regroupement) -> [LigneIndicateurs] {
        verrou.withLock {
            var parCle: [Int32: Compteurs] = [:]
            parcourir(r, date: r.filtres.date) { i, s in
                let cle: Int32 = groupe == .formation ? formation[i] : org[i]
                parCle[cle, default: Compteurs()].ajouter(s)
            }
            if groupe == .formation {
                return parCle.map { rang, c in
                    let f = formations[Int(rang)]
                    return LigneIndicateurs(cle: "\(f.rncp ?? "")-\(f.cfd ?? "")", libelle: f.libelle ?? "", compteurs: c,
                                            organisme: nil, niveau: f.niveau, cfd: f.cfd, rncp: f.rncp)
                }.sorted { $0.cle < $1.cle }
            }
            if groupe == .organisme {
                return parCle.map { rang, c in
                    let o = organismes[Int(rang)].organisme
                    return LigneIndicateurs(cle: o.id.description, libelle: o.nom, compteurs: c, organisme: o, niveau: nil,
                                            cfd: nil, rncp: nil)
                }.sorted { $0.organisme!.id.rawValue < $1.organisme!.id.rawValue }
            }
            var parTerritoire: [String: Compteurs] = [:]
            for (rang, c) in parCle {
                let a = organismes[Int(rang)].organisme.adresse
                let cle = (groupe == .region ? a.region : groupe == .academie ? a.academie : a.departement) ?? ""
                parTerritoire[cle] = (parTerritoire[cle] ?? Compteurs()) + c
            }
            let t = Territoires.france
            return parTerritoire.map { cle, c in
                let libelle = (groupe == .region ? t.region(cle)?.nom : groupe == .academie ? t.academie(cle)?.nom : t.departement(cle)?.nom)
                return LigneIndicateurs(cle: cle, libelle: libelle ?? "inconnu", compteurs: c, organisme: nil, niveau: nil, cfd: nil,
                                        rncp: nil)
            }.sorted { $0.cle < $1.cle }
        }
    }

    /// Month by month from `debut` to `fin`: the counters at the last day of each month (today for the current
    /// month), in one pass over the rows.
    public func evolution(_ r: RequeteIndicateurs, debut: Jour, fin: Jour) -> [(mois: String, date: Jour, compteurs: Compteurs)] {
        var dates: [Jour] = []
        var (y, m, _) = debut.components
        while Jour(year: y, month: m, day: 1) <= fin && dates.count < 240 {
            let dernier = Jour(year: m == 12 ? y + 1 : y, month: m == 12 ? 1 : m + 1, day: 1).adding(days: -1)
            dates.append(min(dernier, r.aujourdhui))
            (y, m) = m == 12 ? (y + 1, 1) : (y, m + 1)
        }
        let cles = dates.map { d in Set(AnneeScolaire.annees(pourIndicateursA: d).map(Self.cleAnnee)) }
        return verrou.withLock {
            var resultats = [Compteurs](repeating: Compteurs(), count: dates.count)
            let masque = masque(r)
            let filtre = filtreLignes(r)
            for cleAnnee in Set(cles.flatMap { $0 }) {
                guard let lignes = lignesParAnnee[cleAnnee] else { continue }
                let concernees = cles.indices.filter { cles[$0].contains(cleAnnee) }
                for l in lignes {
                    let i = Int(l)
                    let o = org[i]
                    guard o >= 0, masque[Int(o)], filtre.accepte(self, i) else { continue }
                    for k in concernees { resultats[k].ajouter(statut(i, dates[k].rawValue)) }
                }
            }
            return dates.indices.map { k in
                let (y, m, _) = dates[k].components
                return (mois: String(format: "%04d-%02d", y, m), date: dates[k], compteurs: resultats[k])
            }
        }
    }
}
