import Domain

/// `GET /indicateurs/national` (`national`): counters, map, evolution and coverage of the whole country.
struct PageNationaleVue: VuePage {
    static let gabarit = "national"

    let date: String
    let dateLongue: String
    let compteurs: [CompteurVue]
    let carte: CarteVue
    let evolution: EvolutionVue
    let couverture: CouvertureVue
    let filtres: FiltresVue

    /// `territoires`: the counters by région (`regions`) or département, for the map and its table.
    static func construire(
        filtres f: FiltresIndicateurs, compteurs: Compteurs, territoires: [LigneIndicateurs],
        regions: Bool, indicateur: String, query: [(String, String)],
        evolution: [(mois: String, date: Jour, compteurs: Compteurs)],
        couverture: [CouvertureOrganismes]
    ) throws -> PageNationaleVue {
        PageNationaleVue(
            date: f.date.description, dateLongue: Web.dateLongue(f.date), compteurs: CompteurVue.construire(compteurs),
            carte: try CarteVue.construire(
                territoires, regions: regions, indicateur: indicateur, query: query,
                chemin: "/indicateurs/national"),
            evolution: EvolutionVue.construire(evolution), couverture: CouvertureVue.construire(couverture),
            filtres: FiltresVue.construire(f, perimetre: .national, complets: false))
    }
}
