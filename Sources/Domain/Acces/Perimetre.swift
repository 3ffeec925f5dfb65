/// What a query may see: every query that reads organismes or effectifs receives one, and there is no
/// "no perimeter" value — the widest is `.national`, the narrowest `.aucun`.
public enum Perimetre: Sendable, Equatable {
    case national
    case region(String)
    case departement(String)
    case academie(String)
    case reseau(String)
    case organismes(Set<OrganismeID>)
    /// The cases of one mission locale (its code in the référentiel): no organisme.
    case missionLocale(String)
    case aucun

    /// Whether an organisme is inside (territory and réseau of the organisme itself).
    public func inclut(_ o: Organisme) -> Bool {
        switch self {
        case .national: true
        case .region(let r): o.adresse.region == r
        case .departement(let d): o.adresse.departement == d
        case .academie(let a): o.adresse.academie == a
        case .reseau(let r): o.reseaux.contains(r)
        case .organismes(let ids): ids.contains(o.id)
        case .missionLocale, .aucun: false
        }
    }

    public var estVide: Bool {
        switch self {
        case .aucun: true
        case .organismes(let ids): ids.isEmpty
        default: false
        }
    }

    /// In words, for pages and the session API.
    public var libelle: String {
        switch self {
        case .national: "national"
        case .region(let r): "région \(Territoires.france.region(r)?.nom ?? r)"
        case .departement(let d): "département \(Territoires.france.departement(d)?.nom ?? d)"
        case .academie(let a): "académie \(Territoires.france.academie(a)?.nom ?? a)"
        case .reseau(let r): "réseau \(r)"
        case .organismes(let ids): ids.count == 1 ? "un organisme" : "\(ids.count) organismes"
        case .missionLocale(let code): "mission locale \(code)"
        case .aucun: "aucun"
        }
    }
}

/// The facts about an organisation that its perimeters depend on, read from the store.
public struct ContexteOrganisation: Sendable, Equatable {
    /// For an organisme de formation: the formateurs it is responsible for, with partial responsibility.
    public var formateurs: [(id: OrganismeID, partielle: Bool)]
    /// For a tête de réseau: whether its réseau is `responsable` (reseaux.csv).
    public var reseauResponsable: Bool

    public init(formateurs: [(id: OrganismeID, partielle: Bool)] = [], reseauResponsable: Bool = false) {
        self.formateurs = formateurs
        self.reseauResponsable = reseauResponsable
    }

    public static func == (l: Self, r: Self) -> Bool {
        l.reseauResponsable == r.reseauResponsable
            && l.formateurs.map(\.id) == r.formateurs.map(\.id)
            && l.formateurs.map(\.partielle) == r.formateurs.map(\.partielle)
    }
}

/// Who may see what: the perimeter of each capability for an organisation, from the permission table.
public struct Droits: Sendable, Equatable {
    public let organisation: Organisation
    public let perimetres: [Capacite: Perimetre]
    public let contactsDansListes: Bool

    public init(_ organisation: Organisation, contexte: ContexteOrganisation, table: TablePermissions = .reference) {
        self.organisation = organisation
        var perimetres: [Capacite: Perimetre] = [:]
        for c in Capacite.allCases {
            perimetres[c] = Droits.perimetre(table.portee(organisation.type, c), organisation, contexte)
        }
        self.perimetres = perimetres
        contactsDansListes = table.contactsDansListes(organisation.type)
    }

    public func perimetre(_ c: Capacite) -> Perimetre { perimetres[c] ?? .aucun }
    public func peut(_ c: Capacite) -> Bool { !perimetre(c).estVide }

    static func perimetre(_ portee: Portee, _ o: Organisation, _ ctx: ContexteOrganisation) -> Perimetre {
        let propre = o.organisme.map { Set([$0]) } ?? []
        switch portee {
        case .national: return .national
        case .region: return o.region.map(Perimetre.region) ?? .aucun
        case .departement: return o.departement.map(Perimetre.departement) ?? .aucun
        case .academie: return o.academie.map(Perimetre.academie) ?? .aucun
        case .reseau: return o.reseau.map(Perimetre.reseau) ?? .aucun
        case .reseauSiResponsable: return ctx.reseauResponsable ? o.reseau.map(Perimetre.reseau) ?? .aucun : .aucun
        case .organismeEtFormateurs:
            return propre.isEmpty ? .aucun : .organismes(propre.union(ctx.formateurs.map(\.id)))
        case .organismeEtFormateursComplets:
            return propre.isEmpty
                ? .aucun : .organismes(propre.union(ctx.formateurs.filter { !$0.partielle }.map(\.id)))
        case .organisme: return propre.isEmpty ? .aucun : .organismes(propre)
        case .missionLocale:
            return o.type == .missionLocale ? o.missionLocale.map(Perimetre.missionLocale) ?? .aucun : .aucun
        case .aucune: return .aucun
        }
    }
}
