/// The territory and réseau filter values that make sense inside a perimeter: those that meet it. A DREETS is
/// offered its région, its départements and the académies that cover them; a DDETS its département (and the région
/// and académie that contain it); a réseau or an organisme de formation the territories where its organismes are.
/// `nil` means every value (the national perimeter).
public struct ChoixDuPerimetre: Sendable, Equatable {
    public var regions: Set<String>?
    public var departements: Set<String>?
    public var academies: Set<String>?
    public var reseaux: Set<String>?

    public init(
        regions: Set<String>? = nil, departements: Set<String>? = nil, academies: Set<String>? = nil,
        reseaux: Set<String>? = nil
    ) {
        self.regions = regions
        self.departements = departements
        self.academies = academies
        self.reseaux = reseaux
    }

    /// The choices of a perimeter. `organismes`: the organismes inside it, read only for a réseau or a set of
    /// organismes (territorial perimeters follow from the référentiel of territories).
    public static func de(_ p: Perimetre, organismes: () -> [Organisme]) -> ChoixDuPerimetre {
        let t = Territoires.france
        func territoires(_ deps: [Territoires.Departement], reseaux: Set<String>?) -> ChoixDuPerimetre {
            ChoixDuPerimetre(
                regions: Set(deps.map(\.region)), departements: Set(deps.map(\.code)),
                academies: Set(deps.map(\.academie)), reseaux: reseaux)
        }
        switch p {
        case .national: return ChoixDuPerimetre()
        case .region(let r): return territoires(t.departements.filter { $0.region == r }, reseaux: nil)
        case .departement(let d): return territoires(t.departements.filter { $0.code == d }, reseaux: nil)
        case .academie(let a): return territoires(t.departements.filter { $0.academie == a }, reseaux: nil)
        case .reseau, .organismes:
            let os = organismes().filter { p.inclut($0) }
            var choix = ChoixDuPerimetre(
                regions: Set(os.compactMap(\.adresse.region)),
                departements: Set(os.compactMap(\.adresse.departement)),
                academies: Set(os.compactMap(\.adresse.academie)), reseaux: Set(os.flatMap(\.reseaux)))
            if case .reseau(let r) = p { choix.reseaux?.insert(r) }
            return choix
        case .missionLocale, .aucun: return ChoixDuPerimetre(regions: [], departements: [], academies: [], reseaux: [])
        }
    }

    /// Every filter value outside the perimeter, named with its parameter: "hors de votre périmètre".
    public func horsPerimetre(_ f: FiltresIndicateurs, perimetre: Perimetre) -> [ErreurValidation] {
        let t = Territoires.france
        var erreurs: [ErreurValidation] = []
        func verifier(_ cle: String, _ valeurs: Set<String>, _ permis: Set<String>?, _ nom: (String) -> String?) {
            guard let permis else { return }
            for v in valeurs.sorted() where !permis.contains(v) {
                let libelle = nom(v).map { "\($0) (\(v))" } ?? v
                erreurs.append(
                    ErreurValidation(cle, "\(libelle) : hors de votre périmètre (\(perimetre.libelle))"))
            }
        }
        verifier("organisme_regions", f.regions, regions) { t.region($0)?.nom }
        verifier("organisme_departements", f.departements, departements) { t.departement($0)?.nom }
        verifier("organisme_academies", f.academies, academies) { t.academie($0)?.nom }
        verifier("organisme_reseaux", f.reseaux, reseaux) { Reseau.nomme($0)?.nom }
        return erreurs
    }
}
