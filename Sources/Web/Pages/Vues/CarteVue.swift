import Domain

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
    let tableau: TableauIndicateursVue

    /// `lignes`: the counters by région (`regions`) or by département; `indicateur`: a key of `VueTableau.colonnes`.
    static func construire(
        _ lignes: [LigneIndicateurs], regions: Bool, indicateur: String, query: [(String, String)],
        chemin: String, lien: ((String) -> String)? = nil
    ) throws -> CarteVue {
        let valeurs = Dictionary(
            lignes.map { ($0.cle, VueTableau.valeur($0.compteurs, indicateur)) },
            uniquingKeysWith: { a, _ in a })
        let libelle = VueTableau.colonnes.first { $0.cle == indicateur }?.libelle ?? indicateur
        return CarteVue(
            svg: CarteFrance.france.svg(regions: regions, valeurs: valeurs, indicateur: libelle, lien: lien),
            legende: CarteFrance.france.legende(valeurs: valeurs),
            indicateur: libelle,
            choixIndicateurs: VueTableau.colonnes.map {
                OptionVue(valeur: $0.cle, libelle: $0.libelle, selectionne: $0.cle == indicateur)
            },
            parRegion: regions,
            champsCaches: ChampCacheVue.liste(query.filter { !["carte", "indicateur"].contains($0.0) }),
            tableau: try TableauIndicateursVue.construire(
                lignes, titre: "\(libelle) par \(regions ? "région" : "département")",
                premiereColonne: regions ? "Région" : "Département", parametreTri: "tri_territoires", query: query,
                chemin: chemin))
    }
}
