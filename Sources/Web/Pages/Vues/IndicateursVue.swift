import Domain
import Foundation

/// `GET /indicateurs` (`indicateurs`): the signed-in user's perimeter — counters, map, evolution, tables by
/// organisme and formation, links to the named lists, and the transmissions of its organismes when allowed.
struct IndicateursVue: VuePage {
    static let gabarit = "indicateurs"

    /// What the transmission sections show, for users who may see them.
    struct Transmissions {
        let couverture: [CouvertureOrganismes]
        let organismes: [Organisme]
        let maintenant: Date
        let etat: EtatTransmission?
    }

    let date: String
    let dateLongue: String
    let perimetre: String
    let compteurs: [CompteurVue]
    let carte: CarteVue
    let evolution: EvolutionVue
    let organismes: TableauIndicateursVue
    let formations: TableauIndicateursVue
    let couverture: CouvertureVue?
    let transmetteurs: TransmetteursVue?
    let listes: [LienVue]
    let filtres: FiltresVue

    static func construire(
        filtres f: FiltresIndicateurs, perimetre: Perimetre, compteurs: Compteurs,
        territoires: [LigneIndicateurs], regions: Bool, indicateur: String, query: [(String, String)],
        evolution: [(mois: String, date: Jour, compteurs: Compteurs)],
        parOrganisme: [LigneIndicateurs], parFormation: [LigneIndicateurs],
        transmissions: Transmissions?, listes: [IndicateurListe],
        lienOrganisme: @escaping (OrganismeID) -> String?
    ) throws -> IndicateursVue {
        let parametresListe = query.filter { FiltresIndicateurs.parametres.contains($0.0) }
        return IndicateursVue(
            date: f.date.description, dateLongue: Web.dateLongue(f.date), perimetre: perimetre.libelle,
            compteurs: CompteurVue.construire(compteurs),
            carte: try CarteVue.construire(
                territoires, regions: regions, indicateur: indicateur, query: query,
                chemin: "/indicateurs"),
            evolution: EvolutionVue.construire(evolution),
            organismes: try TableauIndicateursVue.construire(
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
            filtres: FiltresVue.construire(f, perimetre: perimetre))
    }
}
