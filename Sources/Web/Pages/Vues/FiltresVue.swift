import Domain

/// The filter form of the indicator pages (`filtres`): current values selected, lists of territories, réseaux,
/// levels and age bands.
struct FiltresVue: Sendable {
    let date: String
    let regions: [OptionVue]
    let departements: [OptionVue]
    let academies: [OptionVue]
    let reseaux: [OptionVue]
    let niveaux: [OptionVue]
    let tranches: [OptionVue]
    let recherche: String
    let cfd: String
    let perimetre: String
    /// Every filter (réseau, level, age, formation, organisme), not only the date and territories.
    let complets: Bool
    let territoires: Bool
    /// Whether a filter is set (then "Effacer les filtres" is offered).
    let actifs: Bool
    /// A list's status filter (the statuses its indicator counts); empty elsewhere.
    let statuts: [OptionVue]
    /// Parameters of the page the form keeps (a list's organisme and search).
    let champsCaches: [ChampCacheVue]
    /// Where "Effacer les filtres" leads.
    let effacer: String

    /// The territories and réseaux offered are those of `choix` (the perimeter's), the chosen ones selected.
    static func construire(
        _ f: FiltresIndicateurs, perimetre: Perimetre, choix: ChoixDuPerimetre = ChoixDuPerimetre(),
        complets: Bool = true, territoires: Bool = true, statuts: [OptionVue] = [],
        champsCaches: [(String, String)] = [], effacer: String = "?"
    )
        -> FiltresVue
    {
        let t = Territoires.france
        func dans(_ permis: Set<String>?, _ code: String) -> Bool { permis?.contains(code) ?? true }
        return FiltresVue(
            date: f.date.description,
            regions: OptionVue.liste(
                t.regions.filter { dans(choix.regions, $0.code) }.map { ($0.code, $0.nom) }, choisis: f.regions),
            departements: OptionVue.liste(
                t.departements.filter { dans(choix.departements, $0.code) }.map { ($0.code, "\($0.code) — \($0.nom)") },
                choisis: f.departements),
            academies: OptionVue.liste(
                t.academies.filter { dans(choix.academies, $0.code) }.map { ($0.code, $0.nom) }, choisis: f.academies),
            reseaux: OptionVue.liste(
                Reseau.reference.filter { dans(choix.reseaux, $0.cle) }.map { ($0.cle, $0.nom) }, choisis: f.reseaux),
            niveaux: OptionVue.liste(
                FormationCatalogue.libellesNiveaux.sorted { $0.key < $1.key }.map { (String($0.key), $0.value) },
                choisis: Set(f.niveaux.map(String.init))),
            tranches: OptionVue.liste(
                FiltresIndicateurs.TrancheAge.allCases.map { ($0.rawValue, VueTableau.libelle($0)) },
                choisis: Set(f.tranchesAge.map(\.rawValue))),
            recherche: f.organismeRecherche ?? "",
            cfd: f.cfds.sorted().joined(separator: ","),
            perimetre: perimetre.libelle, complets: complets, territoires: territoires,
            actifs:
                !(f.regions.isEmpty && f.departements.isEmpty && f.academies.isEmpty && f.reseaux.isEmpty
                && f.niveaux.isEmpty && f.tranchesAge.isEmpty && f.organismeRecherche == nil && f.cfds.isEmpty)
                || statuts.contains(where: \.selectionne),
            statuts: statuts, champsCaches: ChampCacheVue.liste(champsCaches), effacer: effacer)
    }
}
