import Domain
import Foundation
import Hummingbird

/// The companies' searches and requests in figures (F18), as a page (`/entreprises/statistiques`) and JSON
/// (`/api/v1/entreprises/statistiques`): the same figures, for the caller's perimeter (`statistiques_entreprises` in
/// the permission table: a région or a département sees the searches made for places of its territory and the
/// requests to its CFAs; a network the requests to its CFAs and every search, which names no CFA; administrators
/// everything). No parameter: the last twelve months.
struct StatistiquesEntreprisesPage {
    let deps: Dependances

    static let titre = "Statistiques des entreprises qui recrutent"

    func statistiques(_ i: Identite) async throws -> (StatistiquesEntreprises, Perimetre) {
        let perimetre = i.droits.perimetre(.statistiquesEntreprises)
        guard !perimetre.estVide else { throw ErreurComptes.interdit }
        let aujourdhui = HeureDeParis.jour(deps.horloge.now())
        let mois = StatistiquesEntreprises.moisJusqua(aujourdhui)
        guard let premier = mois.first, let debut = Jour(iso: premier + "-01") else { throw ErreurComptes.interdit }
        let organismes: Set<OrganismeID>? =
            perimetre == .national ? nil : Set(await deps.index.organismes(dans: perimetre).map(\.id))
        // From the day before the first month (UTC): the months are Paris's, those outside the list are left out.
        let demandes = try await deps.store.statistiquesDemandes(
            organismes: organismes, depuis: Date(timeIntervalSince1970: Double(debut.rawValue - 1) * 86_400))
        let recherches = try await deps.store.recherchesEntreprises(depuis: premier)
        let arbre = ArbreMetiers.rome
        return (
            StatistiquesEntreprises.calculer(
                mois: mois, recherches: recherches, retenue: { Self.retenue($0, perimetre) }, demandes: demandes,
                libelleMetier: { arbre.libelle($0) }, libelleTerritoire: Self.libelle), perimetre
        )
    }

    /// Whether a search counts in a perimeter: made for a place of its territory (a région or a département); any
    /// search for a network or nationally.
    static func retenue(_ r: RechercheComptee, _ p: Perimetre) -> Bool {
        guard let t = territoire(r) else { return false }
        let e = t.emplacement()
        switch p {
        case .region(let code): return e.region == code
        case .departement(let code): return e.departement == code
        case .academie(let code): return e.departement.flatMap { Territoires.france.departement($0)?.academie } == code
        case .national, .reseau: return true
        case .organismes, .missionLocale, .aucun: return false
        }
    }

    static func territoire(_ r: RechercheComptee) -> TerritoireRecherche? {
        switch r.typeTerritoire {
        case "commune": .commune(r.codeTerritoire)
        case "zone_emploi": .zoneEmploi(r.codeTerritoire)
        case "departement": .departement(r.codeTerritoire)
        case "region": .region(r.codeTerritoire)
        case "france": .france
        default: nil
        }
    }

    /// « Rhône (69) », « Zone d'emploi de Lyon », « Commune 69123 », « France entière ».
    static func libelle(_ r: RechercheComptee) -> String {
        let c = r.codeTerritoire
        switch territoire(r) {
        case .commune: return "Commune \(c)"
        case .zoneEmploi:
            return Territoires.france.bassinsEmploi.first { $0.code == c }.map { "Zone d'emploi \($0.nom)" }
                ?? "Zone d'emploi \(c)"
        case .departement: return Territoires.france.departement(c).map { "\($0.nom) (\(c))" } ?? c
        case .region: return Territoires.france.region(c)?.nom ?? c
        case .france: return "France entière"
        case nil: return c
        }
    }

    /// `GET /entreprises/statistiques`.
    @Sendable func page(_ request: Request, context: ContexteRequete, identite i: Identite) async throws -> Response {
        let (s, p) = try await statistiques(i)
        return try await deps.page(StatistiquesEntreprisesVue.construire(s, perimetre: p), Self.titre, request, context)
    }

    /// `GET /api/v1/entreprises/statistiques`.
    @Sendable func api(_ request: Request, context: ContexteRequete, identite i: Identite) async throws -> Response {
        let (s, p) = try await statistiques(i)
        return try .json(StatistiquesEntreprisesJSON(s, perimetre: p))
    }
}

/// The answer of `GET /api/v1/entreprises/statistiques`.
struct StatistiquesEntreprisesJSON: Encodable {
    struct Mois: Encodable {
        let mois: String
        let recherches: Int
        let demandesEnvoyees: Int
        let demandesRepondues: Int
        let demandesPourvues: Int
        @OuNull var delaiMedianPremiereReponseHeures: Double?

        enum CodingKeys: String, CodingKey {
            case mois, recherches
            case demandesEnvoyees = "demandes_envoyees"
            case demandesRepondues = "demandes_repondues"
            case demandesPourvues = "demandes_pourvues"
            case delaiMedianPremiereReponseHeures = "delai_median_premiere_reponse_heures"
        }
    }

    struct Compte: Encodable {
        let code: String
        let libelle: String
        let recherches: Int
    }

    let perimetre: String
    let mois: [Mois]
    let metiers: [Compte]
    let territoires: [Compte]

    init(_ s: StatistiquesEntreprises, perimetre p: Perimetre) {
        perimetre = p.libelle
        mois = s.mois.map {
            Mois(
                mois: $0.mois, recherches: $0.recherches, demandesEnvoyees: $0.envoyees,
                demandesRepondues: $0.repondues, demandesPourvues: $0.pourvues,
                delaiMedianPremiereReponseHeures: $0.delaiMedianPremiereReponse.map { ($0 / 360).rounded() / 10 })
        }
        metiers = s.metiers.map { Compte(code: $0.code, libelle: $0.libelle, recherches: $0.nombre) }
        territoires = s.territoires.map { Compte(code: $0.code, libelle: $0.libelle, recherches: $0.nombre) }
    }
}
