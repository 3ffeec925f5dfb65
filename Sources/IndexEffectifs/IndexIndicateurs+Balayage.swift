import Domain
import Foundation
import Outils

/// The scanning kernel: a histogram of status codes over the rows a request counts, by group, on every core.
/// Raw buffers and no closure per row: this loop is the whole cost of an indicator.
extension Colonnes {
    /// Where the group of a row comes from.
    enum Groupe {
        case aucun
        /// organisme rank → group number (territories, organismes)
        case parOrganisme([Int32])
        case parFormation
    }

    /// `dates × groupes × 6` counts: for each date (ascending) and group, how many rows have each status code.
    /// Each row's timeline is walked once for all its dates.
    func histogramme(_ r: RequeteIndicateurs, dates: [Jour], groupes: Int, groupe: Groupe) -> [Int] {
        let masque = masque(r).map { $0 ? UInt8(1) : 0 }
        let filtre = filtreLignes(r)
        let filtrer = !filtre.estVide
        let cles = dates.map { d in Set(AnneeScolaire.annees(pourIndicateursA: d).map(Self.cleAnnee)) }
        // Per year bucket: its rows, and the dates that count that year.
        let travaux: [([Int32], [Int])] = Set(cles.flatMap { $0 }).sorted().compactMap { cle in
            guard let lignes = lignesParAnnee[cle] else { return nil }
            return (lignes, cles.indices.filter { cles[$0].contains(cle) })
        }
        let total = travaux.reduce(0) { $0 + $1.0.count }
        // Adding up an organisme's counts costs about as much as scanning fifty rows: use them when organismes
        // hold more rows than that on average (a national volume), and nothing filters learners one by one.
        let organismesRetenus = masque.reduce(0) { $0 + Int($1) }
        let parComptages =
            switch mode {
            case .automatique: total > 50 * max(organismesRetenus, 1)
            case .balayage: false
            case .comptages: true
            }
        if !filtrer && parComptages && comptagesPerimes.isEmpty {
            switch groupe {
            case .aucun: return histogrammeParComptages(masque, dates: dates, groupes: groupes, table: [])
            case .parOrganisme(let t): return histogrammeParComptages(masque, dates: dates, groupes: groupes, table: t)
            case .parFormation: break
            }
        }
        let parts = total > 50_000 ? max(1, min(reserve.nombreDeFils, 8)) : 1
        let largeur = dates.count * groupes * 6
        let resultats = UnsafeMutableBufferPointer<Int>.allocate(capacity: parts * largeur)
        resultats.initialize(repeating: 0)
        defer { resultats.deallocate() }
        let jours = dates.map(\.rawValue)
        let table: [Int32]
        let parFormation: Bool
        switch groupe {
        case .aucun: (table, parFormation) = ([], false)
        case .parOrganisme(let t): (table, parFormation) = (t, false)
        case .parFormation: (table, parFormation) = ([], true)
        }
        org.withUnsafeBufferPointer { org in
            debutEtapes.withUnsafeBufferPointer { debut in
                nbEtapes.withUnsafeBufferPointer { nb in
                    self.jours.withUnsafeBufferPointer { etapes in
                        statuts.withUnsafeBufferPointer { statuts in
                            formation.withUnsafeBufferPointer { formation in
                                masque.withUnsafeBufferPointer { masque in
                                    table.withUnsafeBufferPointer { table in
                                        let t = Tampons(
                                            org: org, debut: debut, nb: nb, jours: etapes, statuts: statuts,
                                            formation: formation, masque: masque, table: table, resultats: resultats)
                                        reserve.enParallele(parts) { p in
                                            let h = t.resultats.baseAddress! + p * largeur
                                            for (liste, concernees) in travaux {
                                                let a = liste.count * p / parts
                                                let b = liste.count * (p + 1) / parts
                                                liste.withUnsafeBufferPointer { lignes in
                                                    for n in a..<b {
                                                        let i = Int(lignes[n])
                                                        let o = Int(t.org[i])
                                                        if o < 0 || t.masque[o] == 0 { continue }
                                                        if filtrer && !filtre.accepte(self, i) { continue }
                                                        let g =
                                                            parFormation
                                                            ? Int(t.formation[i])
                                                            : t.table.isEmpty ? 0 : Int(t.table[o])
                                                        var k = Int(t.debut[i])
                                                        let fin = k + Int(t.nb[i])
                                                        var s = 0
                                                        for d in concernees {
                                                            let jour = jours[d]
                                                            while k < fin && t.jours[k] <= jour {
                                                                s = Int(t.statuts[k])
                                                                k += 1
                                                            }
                                                            h[(d * groupes + g) * 6 + s] += 1
                                                        }
                                                    }
                                                }
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        var somme = [Int](repeating: 0, count: largeur)
        for p in 0..<parts { for k in 0..<largeur { somme[k] += resultats[p * largeur + k] } }
        return somme
    }

    /// The same histogram from the organismes' counts, for requests that filter only on organismes.
    func histogrammeParComptages(_ masque: [UInt8], dates: [Jour], groupes: Int, table: [Int32]) -> [Int] {
        let largeur = dates.count * groupes * 6
        let jours = dates.map(\.rawValue)
        let cles = dates.map { d in AnneeScolaire.annees(pourIndicateursA: d).map(Self.cleAnnee) }
        let annees = Set(cles.flatMap { $0 }).sorted()
        // The organismes are shared among the cores, each adding into its own histogram; the dictionary of counts is
        // only read meanwhile (lock held).
        let datesParAnnee = Dictionary(
            uniqueKeysWithValues: annees.map { a in (a, dates.indices.filter { cles[$0].contains(a) }) })
        let retenus = masque.indices.filter { masque[$0] != 0 }
        let parts = retenus.count > 1_000 ? max(1, min(reserve.nombreDeFils, 8)) : 1
        let resultats = UnsafeMutableBufferPointer<Int>.allocate(capacity: parts * largeur)
        resultats.initialize(repeating: 0)
        defer { resultats.deallocate() }
        reserve.enParallele(parts) { p in
            let h = resultats.baseAddress! + p * largeur
            for o in retenus[(retenus.count * p / parts)..<(retenus.count * (p + 1) / parts)] {
                let g = table.isEmpty ? 0 : Int(table[o])
                let id = idOrg[o]
                for annee in annees {
                    guard let c = comptages[Self.cleComptage(id, annee)] else { continue }
                    for d in datesParAnnee[annee] ?? [] {
                        let v = c.a(jours[d])
                        let b = (d * groupes + g) * 6
                        for s in 0..<6 { h[b + s] += Int(v[s]) }
                    }
                }
            }
        }
        var somme = [Int](repeating: 0, count: largeur)
        for p in 0..<parts { for k in 0..<largeur { somme[k] += resultats[p * largeur + k] } }
        return somme
    }

    static func compteurs(_ h: [Int], groupe g: Int) -> Compteurs {
        var c = Compteurs()
        let b = g * 6
        c.apprentis = h[b + Int(CodeStatut.apprenti)] + h[b + Int(CodeStatut.finDeFormation)]
        c.inscrits = h[b + Int(CodeStatut.inscrit)]
        c.rupturants = h[b + Int(CodeStatut.rupturant)]
        c.abandons = h[b + Int(CodeStatut.abandon)]
        c.apprenants = c.apprentis + c.inscrits + c.rupturants
        return c
    }
}

/// The raw columns a scan reads, shared by the threads of one scan (read-only, lock held; each thread writes
/// its own slice of `resultats`).
struct Tampons: @unchecked Sendable {
    let org: UnsafeBufferPointer<Int32>
    let debut: UnsafeBufferPointer<Int32>
    let nb: UnsafeBufferPointer<UInt8>
    let jours: UnsafeBufferPointer<Int32>
    let statuts: UnsafeBufferPointer<UInt8>
    let formation: UnsafeBufferPointer<Int32>
    let masque: UnsafeBufferPointer<UInt8>
    let table: UnsafeBufferPointer<Int32>
    let resultats: UnsafeMutableBufferPointer<Int>
}
