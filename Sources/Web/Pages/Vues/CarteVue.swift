import Domain
import Foundation

/// The map of an indicator by département or région (`carte`): the figure, its legend, the choice of indicator and
/// mesh, and the same figures as a table.
struct CarteVue: Sendable {
    struct Classe: Sendable {
        let teinte: String
        let libelle: String
    }

    /// Written by `CarteFrance` (escaped there).
    let svg: String
    let legende: [Classe]
    /// The indicator's label (`Apprentis`…).
    let indicateur: String
    let choixIndicateurs: [OptionVue]
    let parRegion: Bool
    /// The rest of the query, kept by the form.
    let champsCaches: [ChampCacheVue]
    /// The map's own settings (`carte`, `indicateur`), kept by the filter form (`filtres`) when the date or a filter
    /// changes.
    let reglages: [ChampCacheVue]
    /// The région the map is zoomed on (the filter names one région), by name.
    let zoom: String?
    let tableau: TableauIndicateursVue

    /// `lignes`: the counters by région (`regions`) or by département; `indicateur`: a key of `VueTableau.colonnes`.
    static func construire(
        _ lignes: [LigneIndicateurs], regions: Bool, indicateur: String, query: [(String, String)],
        chemin: String, lien: ((String) -> String)? = nil
    ) throws -> CarteVue {
        let toutes = Dictionary(
            lignes.map { ($0.cle, VueTableau.valeur($0.compteurs, indicateur)) },
            uniquingKeysWith: { a, _ in a })
        let libelle = VueTableau.colonnes.first { $0.cle == indicateur }?.libelle ?? indicateur
        let zoom = Self.zoom(query)
        // Zoomed, the classes are those of the région's territories only.
        let visibles = zoom.map { z in Set(CarteFrance.france.formes(regions: regions, zoom: z).map(\.code)) }
        let valeurs = visibles.map { v in toutes.filter { v.contains($0.key) } } ?? toutes
        return CarteVue(
            svg: CarteFrance.france.svg(
                regions: regions, valeurs: valeurs, indicateur: libelle, zoom: zoom, lien: lien),
            legende: CarteFrance.france.legende(valeurs: valeurs),
            indicateur: libelle,
            choixIndicateurs: VueTableau.colonnes.map {
                OptionVue(valeur: $0.cle, libelle: $0.libelle, selectionne: $0.cle == indicateur)
            },
            parRegion: regions,
            champsCaches: ChampCacheVue.liste(query.filter { !["carte", "indicateur"].contains($0.0) }),
            reglages: ChampCacheVue.liste(query.filter { ["carte", "indicateur"].contains($0.0) }),
            zoom: zoom.flatMap { z in Territoires.france.regions.first { $0.code == z }?.nom },
            tableau: try TableauIndicateursVue.construire(
                lignes, titre: "\(libelle) par \(regions ? "région" : "département")",
                premiereColonne: regions ? "Région" : "Département", parametreTri: "tri_territoires", query: query,
                chemin: chemin))
    }

    /// The région to zoom on: the only one the filter `organisme_regions` names (the filters were checked before).
    static func zoom(_ query: [(String, String)]) -> String? {
        let codes = Set(
            query.filter { $0.0 == "organisme_regions" }.flatMap { $0.1.split(separator: ",") }.map {
                $0.trimmingCharacters(in: .whitespaces)
            }.filter { !$0.isEmpty })
        guard codes.count == 1, let code = codes.first, Territoires.france.regions.contains(where: { $0.code == code })
        else { return nil }
        return code
    }
}
