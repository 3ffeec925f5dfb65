import Domain
import Mustache

/// What an organisme de formation sees instead of a map of France (section of `indicateurs`): its sites (the
/// establishments of its own company, same SIREN) and the organismes formateurs it is responsible for, each with
/// its counters — every organisme of its perimeter, those with no learner counted too.
struct SitesVue: Sendable {
    struct Ligne: Sendable {
        let id: String
        let nom: String
        let uai: String
        let siret: String
        let commune: String
        let nature: String
        let cellules: [String]
        /// The counters the cells show (for the download).
        let compteurs: Compteurs
    }

    let sites: [Ligne]
    let formateurs: [Ligne]
    let nombreSites: String
    let nombreFormateurs: String
    let entetes: [String]

    /// `propre`: the organisation's organisme; `organismes`: its perimeter; `parOrganisme`: the counters by organisme.
    static func construire(propre: OrganismeID?, organismes: [Organisme], parOrganisme: [LigneIndicateurs])
        -> SitesVue
    {
        let compteurs = Dictionary(
            parOrganisme.compactMap { l in l.organisme.map { ($0.id, l.compteurs) } }, uniquingKeysWith: { a, _ in a })
        let siren = organismes.first { $0.id == propre }.map { String($0.siret.rawValue.prefix(9)) }
        let lignes = organismes.sorted { ($0.id == propre ? 0 : 1, $0.nom) < ($1.id == propre ? 0 : 1, $1.nom) }
            .map { o in
                (
                    site: o.id == propre || String(o.siret.rawValue.prefix(9)) == siren,
                    ligne: Ligne(
                        id: o.id.description, nom: o.nom, uai: o.uai?.rawValue ?? "—", siret: o.siret.rawValue,
                        commune: [o.adresse.commune, o.adresse.departement.map { "(\($0))" }].compactMap { $0 }
                            .joined(separator: " "),
                        nature: o.nature.libelle,
                        cellules: TableauIndicateursVue.cellules(compteurs[o.id] ?? Compteurs()),
                        compteurs: compteurs[o.id] ?? Compteurs())
                )
            }
        let sites = lignes.filter(\.site).map(\.ligne)
        let formateurs = lignes.filter { !$0.site }.map(\.ligne)
        return SitesVue(
            sites: sites, formateurs: formateurs, nombreSites: nombre(sites.count),
            nombreFormateurs: nombre(formateurs.count), entetes: VueTableau.colonnes.map(\.libelle))
    }

    /// The rows of both tables for a download: kind, then the row.
    var toutes: [(genre: String, ligne: Ligne)] {
        sites.map { ("Site", $0) } + formateurs.map { ("Organisme formateur", $0) }
    }
}

extension SitesVue.Ligne: MustacheParent {
    func child(named champ: String) -> Any? {
        switch champ {
        case "id": id
        case "nom": nom
        case "uai": uai
        case "siret": siret
        case "commune": commune
        case "nature": nature
        case "cellules": cellules
        case "compteurs": compteurs
        default: nil
        }
    }
}
