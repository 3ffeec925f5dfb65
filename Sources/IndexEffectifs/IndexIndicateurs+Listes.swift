import Domain
import Foundation

extension IndexIndicateurs {
    /// The effectifs a request counts, with their status code at D, in id order: those whose code is in `codes`,
    /// or all of them (including those with no status yet) when `codes` is nil. Reads only the rows of the
    /// organismes the request may count.
    public func effectifs(_ r: RequeteIndicateurs, codes: Set<UInt8>?) async -> [(id: EffectifID, statut: UInt8)] {
        await lecture { c in c.effectifs(r, codes: codes) }
    }

    /// The organisme of the index with this id (its transmission dates as the index knows them). A lookup, not a
    /// scan: read in place.
    public func organisme(_ id: OrganismeID) -> Organisme? {
        consultation { c in c.rangOrganisme[id].map { c.organismes[Int($0)] } }
    }

    /// The change number of the last write of each of these effectifs the index holds (unknown ones left out): a
    /// copy of a record read at that number is current. A lookup, not a scan: read in place.
    public func versions(_ ids: some Sequence<EffectifID>) -> [EffectifID: Int64] {
        consultation { c in
            var resultat: [EffectifID: Int64] = [:]
            for id in ids {
                if let r = c.ligneParId[id.rawValue] { resultat[id] = c.versionLigne[Int(r)] }
            }
            return resultat
        }
    }

    /// The title and level of a formation, from the catalogue. A lookup, not a scan: read in place.
    public func formation(cfd: String?, rncp: String?) -> FormationCatalogue? {
        consultation { c in c.catalogue.formation(cfd: cfd, rncp: rncp) }
    }
}

extension Colonnes {
    func effectifs(_ r: RequeteIndicateurs, codes: Set<UInt8>?) -> [(id: EffectifID, statut: UInt8)] {
        let masque = masque(r)
        let filtre = filtreLignes(r)
        let filtrer = !filtre.estVide
        let d = r.filtres.date.rawValue
        let annees = AnneeScolaire.annees(pourIndicateursA: r.filtres.date).map(Self.cleAnnee)
        var accepte = [Bool](repeating: codes == nil, count: 256)
        for c in codes ?? [] { accepte[Int(c)] = true }
        var resultat: [(id: EffectifID, statut: UInt8)] = []
        debutEtapes.withUnsafeBufferPointer { debut in
            nbEtapes.withUnsafeBufferPointer { nb in
                jours.withUnsafeBufferPointer { etapes in
                    statuts.withUnsafeBufferPointer { valeurs in
                        for o in masque.indices where masque[o] {
                            for annee in annees {
                                guard let lignes = lignesParComptage[Self.cleComptage(idOrg[o], annee)] else {
                                    continue
                                }
                                for ligne in lignes {
                                    let i = Int(ligne)
                                    if filtrer && !filtre.accepte(self, i) { continue }
                                    // The status at D: the last step on or before D.
                                    var s: UInt8 = 0
                                    let k0 = Int(debut[i])
                                    for k in k0..<(k0 + Int(nb[i])) {
                                        if etapes[k] > d { break }
                                        s = valeurs[k]
                                    }
                                    if accepte[Int(s)] { resultat.append((EffectifID(idParLigne[i]), s)) }
                                }
                            }
                        }
                    }
                }
            }
        }
        return resultat.sorted { $0.id.rawValue < $1.id.rawValue }
    }
}
