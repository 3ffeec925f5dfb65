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

    static func construire(
        _ f: FiltresIndicateurs, perimetre: Perimetre, complets: Bool = true, territoires: Bool = true
    )
        -> FiltresVue
    {
        let t = Territoires.france
        return FiltresVue(
            date: f.date.description,
            regions: OptionVue.liste(t.regions.map { ($0.code, $0.nom) }, choisis: f.regions),
            departements: OptionVue.liste(
                t.departements.map { ($0.code, "\($0.code) — \($0.nom)") }, choisis: f.departements),
            academies: OptionVue.liste(t.academies.map { ($0.code, $0.nom) }, choisis: f.academies),
            reseaux: OptionVue.liste(Reseau.reference.map { ($0.cle, $0.nom) }, choisis: f.reseaux),
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
                && f.niveaux.isEmpty && f.tranchesAge.isEmpty && f.organismeRecherche == nil && f.cfds.isEmpty))
    }
}
