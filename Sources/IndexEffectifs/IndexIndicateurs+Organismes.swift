import Domain
import Foundation

extension IndexIndicateurs {
    /// The FIABLE, open organismes of a perimeter that the territory, réseau and `organisme_search` filters keep.
    public func organismesCouverts(perimetre: Perimetre, filtres f: FiltresIndicateurs) async -> [Organisme] {
        await lecture { c in
            c.organismes.indices.filter { i in
                let o = c.organismes[i]
                guard c.compteOrg[i], perimetre.inclut(o) else { return false }
                if !f.regions.isEmpty && !f.regions.contains(o.adresse.region ?? "") { return false }
                if !f.departements.isEmpty && !f.departements.contains(o.adresse.departement ?? "") { return false }
                if !f.academies.isEmpty && !f.academies.contains(o.adresse.academie ?? "") { return false }
                if !f.bassinsEmploi.isEmpty { return false }
                if !f.reseaux.isEmpty && f.reseaux.isDisjoint(with: o.reseaux) { return false }
                if let q = f.organismeRecherche?.uppercased() { return Colonnes.correspond(o, q) }
                return true
            }.map { c.organismes[$0] }
        }
    }

    /// Per département: FIABLE, open organismes of the perimeter and territory filters; transmitting = a first
    /// transmission on or before D (no recency condition).
    public func couverture(perimetre: Perimetre, filtres f: FiltresIndicateurs, maintenant: Date) async
        -> [CouvertureOrganismes]
    {
        let limiteD = f.date.adding(days: 1).date
        var parDepartement: [String: CouvertureOrganismes] = [:]
        for o in await organismesCouverts(perimetre: perimetre, filtres: f) {
            let dep = o.adresse.departement ?? ""
            var c = parDepartement[dep] ?? CouvertureOrganismes(departement: dep)
            c.totalOrganismes.ajouter(o.nature)
            if let premiere = o.firstTransmissionDate, premiere < limiteD {
                c.organismesTransmetteurs.ajouter(o.nature)
            }
            switch EtatTransmission.de(o, maintenant: maintenant) {
            case .jamais: c.jamaisTransmis += 1
            case .recente: c.transmissionRecente += 1
            case .unATroisMois: c.transmission1a3Mois += 1
            case .arretee: c.transmissionArretee += 1
            }
            parDepartement[dep] = c
        }
        return parDepartement.values.sorted { $0.departement < $1.departement }
    }
}
