import Domain
import Mustache

/// The monthly evolution (`evolution`): the chart, its legend and the same figures as a table.
struct EvolutionVue: Sendable {
    struct Serie: Sendable {
        let libelle: String
        let couleur: String
    }

    struct Mois: Sendable {
        let mois: String
        let cellules: [String]
    }

    /// Written by `GraphiqueEvolution` (escaped there).
    let svg: String
    let legende: [Serie]
    let lignes: [Mois]
    let entetes: [String]

    static func construire(_ points: [(mois: String, date: Jour, compteurs: Compteurs)]) -> EvolutionVue {
        EvolutionVue(
            svg: GraphiqueEvolution.svg(points),
            legende: GraphiqueEvolution.series.map { Serie(libelle: $0.libelle, couleur: $0.couleur) },
            lignes: points.map {
                Mois(mois: moisLong($0.date), cellules: TableauIndicateursVue.cellules($0.compteurs))
            },
            entetes: VueTableau.colonnes.map(\.libelle))
    }
}

extension EvolutionVue.Mois: MustacheParent {
    func child(named champ: String) -> Any? {
        switch champ {
        case "mois": mois
        case "cellules": cellules
        default: nil
        }
    }
}
