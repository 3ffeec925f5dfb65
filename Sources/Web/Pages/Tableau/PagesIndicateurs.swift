import Domain
import Foundation
import Hummingbird
import IndexEffectifs

/// The indicator pages: the public national view (F5) and the view of a signed-in user's perimeter (F6).
struct PagesIndicateurs {
    let deps: Dependances

    var aujourdhui: Jour { Jour(deps.horloge.now()) }

    static let indicateursCarte = VueTableau.colonnes.map(\.cle)

    /// The map choices: `carte=departements|regions`, `indicateur=apprentis|…`.
    func choixCarte(_ query: [(String, String)]) throws -> (regions: Bool, indicateur: String) {
        let carte = query.first { $0.0 == "carte" }?.1 ?? "departements"
        let indicateur = query.first { $0.0 == "indicateur" }?.1 ?? "apprentis"
        var erreurs: [ErreurValidation] = []
        if !["departements", "regions"].contains(carte) {
            erreurs.append(ErreurValidation("carte", "Valeur attendue : departements ou regions"))
        }
        if !Self.indicateursCarte.contains(indicateur) {
            erreurs.append(
                ErreurValidation("indicateur", "Valeur attendue : \(Self.indicateursCarte.joined(separator: ", "))"))
        }
        if !erreurs.isEmpty { throw ErreurApi.parametres(erreurs) }
        return (carte == "regions", indicateur)
    }

    /// The monthly points of the evolution chart: the 24 months up to the request's date.
    func evolution(_ r: RequeteIndicateurs) async -> [(mois: String, date: Jour, compteurs: Compteurs)] {
        let fin = r.filtres.date
        let debut = Jour(year: fin.year - 2, month: fin.month, day: 1).adding(days: 31)
        return await deps.index.evolution(r, debut: Jour(year: debut.year, month: debut.month, day: 1), fin: fin)
    }

    /// `GET /indicateurs/national`: anyone, national perimeter, date and territory filters.
    @Sendable func national(_ request: Request, context: ContexteRequete) async throws -> Response {
        let query = VueTableau.requete(request)
        let f = try VueTableau.filtres(
            query, aujourdhui: aujourdhui,
            autorises: ["date", "organisme_regions", "organisme_departements", "organisme_academies"],
            autres: ["carte", "indicateur", "tri_territoires"])
        let (regions, indicateur) = try choixCarte(query)
        let r = RequeteIndicateurs(perimetre: .national, filtres: f, aujourdhui: aujourdhui)
        return try await deps.pagePublique("Indicateurs nationaux", request, context) {
            try await PageNationaleVue.construire(
                filtres: f, compteurs: deps.index.compter(r),
                territoires: deps.index.compter(r, par: regions ? .region : .departement),
                regions: regions, indicateur: indicateur, query: query, evolution: evolution(r),
                couverture: deps.index.couverture(perimetre: .national, filtres: f, maintenant: deps.horloge.now()))
        }
    }

    /// `GET /indicateurs`: the signed-in user's perimeter, every filter, tables by territory, organisme, formation
    /// (for an organisme de formation: its sites and formateurs instead of the map). A filter value outside the
    /// perimeter is a 400 that names it.
    @Sendable func perimetre(_ request: Request, context: ContexteRequete, identite i: Identite) async throws
        -> Response
    {
        let e = try await etat(request, i)
        let r = e.requete
        var transmissions: IndicateursVue.Transmissions?
        if i.droits.peut(.voirTransmissions) {
            let p = i.droits.perimetre(.voirTransmissions)
            let maintenant = deps.horloge.now()
            transmissions = await IndicateursVue.Transmissions(
                couverture: deps.index.couverture(perimetre: p, filtres: r.filtres, maintenant: maintenant),
                organismes: deps.index.organismesCouverts(perimetre: p, filtres: r.filtres), maintenant: maintenant,
                etat: e.etat)
        }
        let parOrganisme = await deps.index.compter(r, par: .organisme)
        let vue = try await IndicateursVue.construire(
            filtres: r.filtres, perimetre: r.perimetre, choix: e.choix, compteurs: deps.index.compter(r),
            territoires: e.sites == nil ? deps.index.compter(r, par: e.regions ? .region : .departement) : [],
            regions: e.regions, indicateur: e.indicateur, query: e.query, evolution: evolution(r),
            parOrganisme: parOrganisme, parFormation: deps.index.compter(r, par: .formation),
            transmissions: transmissions, listes: IndicateurListe.allCases.filter { i.peutVoirListe($0) },
            sites: sites(e, i, parOrganisme: parOrganisme), avertissement: e.avertissement,
            lienOrganisme: { id in deps.index.organisme(id).flatMap { Navigation.organisme($0, i) } },
            nomPerimetre: nomPerimetre(r.perimetre, i))
        return try await deps.page(vue, "Indicateurs", request, context)
    }

    /// What `/indicateurs` and its downloads read from the query: the request (perimeter and filters, checked against
    /// each other), the map choices, the transmission state.
    struct Etat {
        let requete: RequeteIndicateurs
        let choix: ChoixDuPerimetre
        let query: [(String, String)]
        let regions: Bool
        let indicateur: String
        let etat: EtatTransmission?
        /// An organisme de formation's perimeter (a set of organismes): sites and formateurs instead of a map.
        let sites: [Organisme]?
        /// Why the figures are zero, when `organisme_search` matches no organisme of the perimeter.
        let avertissement: String?
    }

    func etat(_ request: Request, _ i: Identite) async throws -> Etat {
        let perimetre = i.droits.perimetre(.voirIndicateurs)
        let query = VueTableau.requete(request)
        let f = try VueTableau.filtres(
            query, aujourdhui: aujourdhui,
            autres: ["carte", "indicateur", "tri_territoires", "tri_organismes", "tri_formations", "etat"])
        let (regions, indicateur) = try choixCarte(query)
        let etatTexte = query.first { $0.0 == "etat" }?.1
        let etat = etatTexte.flatMap(EtatTransmission.init(rawValue:))
        if etatTexte != nil && etat == nil {
            throw ErreurApi.parametre(
                "etat", "Valeur attendue : \(EtatTransmission.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let choix = try await deps.index.choixVerifies(f, perimetre: perimetre)
        var sites: [Organisme]?
        if case .organismes = perimetre { sites = await deps.index.organismes(dans: perimetre, filtres: f) }
        var avertissement: String?
        var retenus = sites
        if retenus == nil, f.organismeRecherche != nil {
            retenus = await deps.index.organismes(dans: perimetre, filtres: f)
        }
        if let q = f.organismeRecherche, retenus?.isEmpty == true {
            avertissement =
                "Aucun organisme de votre périmètre (\(perimetre.libelle)) ne correspond à « \(q) » avec ces filtres : "
                + "les chiffres ci-dessous sont nuls pour cette raison."
        }
        return Etat(
            requete: RequeteIndicateurs(perimetre: perimetre, filtres: f, aujourdhui: aujourdhui), choix: choix,
            query: query, regions: regions, indicateur: indicateur, etat: etat, sites: sites,
            avertissement: avertissement)
    }

    /// An organisme de formation's perimeter by its organisation's name ("CFA de la Somme et ses organismes
    /// formateurs"), not by a count of organismes.
    func nomPerimetre(_ p: Perimetre, _ i: Identite) -> String? {
        guard case .organismes(let ids) = p else { return nil }
        return ids.count > 1 ? "\(i.organisation.nom) et ses organismes formateurs" : i.organisation.nom
    }

    func sites(_ e: Etat, _ i: Identite, parOrganisme: [LigneIndicateurs]) -> SitesVue? {
        guard let organismes = e.sites else { return nil }
        return SitesVue.construire(propre: i.organisation.organisme, organismes: organismes, parOrganisme: parOrganisme)
    }
}
