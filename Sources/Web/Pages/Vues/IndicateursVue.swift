import Domain
import Foundation

/// `GET /indicateurs` (`indicateurs`): the signed-in user's perimeter — counters, then sections that fold
/// (`<details>`): the map (for an organisme de formation, its sites and formateurs instead), the evolution, tables by
/// organisme and formation, the transmissions of its organismes when allowed; each table downloadable as CSV.
struct IndicateursVue: VuePage {
    static let gabarit = "indicateurs"

    /// What the transmission sections show, for users who may see them.
    struct Transmissions {
        let couverture: [CouvertureOrganismes]
        let organismes: [Organisme]
        let maintenant: Date
        let etat: EtatTransmission?
    }

    /// Which sections are unfolded: the first one, and the one a link of the query is about (a sort, a state).
    struct Ouvertes: Sendable {
        let carte: Bool
        let evolution: Bool
        let organismes: Bool
        let formations: Bool
        let transmissions: Bool
    }

    /// The CSV download of each table, with the page's filters.
    struct Telechargements: Sendable {
        let territoires: String
        let evolution: String
        let organismes: String
        let formations: String
        let sites: String
        let couverture: String
        let transmetteurs: String
    }

    let date: String
    let dateLongue: String
    let perimetre: String
    let compteurs: [CompteurVue]
    let carte: CarteVue?
    let sites: SitesVue?
    let evolution: EvolutionVue
    let organismes: TableauIndicateursVue?
    let formations: TableauIndicateursVue
    let couverture: CouvertureVue?
    let transmetteurs: TransmetteursVue?
    let listes: [LienVue]
    let filtres: FiltresVue
    let ouvertes: Ouvertes
    let csv: Telechargements
    /// Why the figures are zero (an organisme search that matches nothing in the perimeter).
    let avertissement: String?

    /// `sites`: for an organisme de formation (a perimeter of organismes), its sites and formateurs, shown instead of
    /// the map and the table by organisme.
    static func construire(
        filtres f: FiltresIndicateurs, perimetre: Perimetre, choix: ChoixDuPerimetre = ChoixDuPerimetre(),
        compteurs: Compteurs, territoires: [LigneIndicateurs], regions: Bool, indicateur: String,
        query: [(String, String)], evolution: [(mois: String, date: Jour, compteurs: Compteurs)],
        parOrganisme: [LigneIndicateurs], parFormation: [LigneIndicateurs],
        transmissions: Transmissions?, listes: [IndicateurListe], sites: SitesVue? = nil, avertissement: String? = nil,
        lienOrganisme: @escaping (OrganismeID) -> String?
    ) throws -> IndicateursVue {
        let parametresListe = query.filter { FiltresIndicateurs.parametres.contains($0.0) }
        let cles = Set(query.map(\.0))
        func csv(_ tableau: String) -> String {
            VueTableau.adresse("/indicateurs/csv/\(tableau)", query.filter { $0.0 != "etat" || tableau == "transmetteurs" })
        }
        return IndicateursVue(
            date: f.date.description, dateLongue: Web.dateLongue(f.date), perimetre: perimetre.libelle,
            compteurs: CompteurVue.construire(compteurs),
            carte: sites != nil
                ? nil
                : try CarteVue.construire(
                    territoires, regions: regions, indicateur: indicateur, query: query, chemin: "/indicateurs"),
            sites: sites,
            evolution: EvolutionVue.construire(evolution),
            organismes: sites != nil
                ? nil
                : try TableauIndicateursVue.construire(
                    parOrganisme, titre: "Par organisme", premiereColonne: "Organisme", parametreTri: "tri_organismes",
                    query: query, chemin: "/indicateurs",
                    lien: { Int64($0.cle).map(OrganismeID.init).flatMap(lienOrganisme) }, limite: 100),
            formations: try TableauIndicateursVue.construire(
                parFormation, titre: "Par formation", premiereColonne: "Formation", parametreTri: "tri_formations",
                query: query, chemin: "/indicateurs", limite: 100),
            couverture: transmissions.map { CouvertureVue.construire($0.couverture) },
            transmetteurs: transmissions.map {
                TransmetteursVue.construire(
                    $0.organismes, maintenant: $0.maintenant, etat: $0.etat, query: query,
                    lien: { lienOrganisme($0.id) })
            },
            listes: listes.map {
                LienVue(url: VueTableau.adresse("/listes/\($0.rawValue)", parametresListe), libelle: $0.libelle)
            },
            filtres: FiltresVue.construire(f, perimetre: perimetre, choix: choix),
            ouvertes: Ouvertes(
                carte: true, evolution: false, organismes: cles.contains("tri_organismes"),
                formations: cles.contains("tri_formations"), transmissions: cles.contains("etat")),
            csv: Telechargements(
                territoires: csv("territoires"), evolution: csv("evolution"), organismes: csv("organismes"),
                formations: csv("formations"), sites: csv("sites"), couverture: csv("couverture"),
                transmetteurs: csv("transmetteurs")),
            avertissement: avertissement)
    }
}
