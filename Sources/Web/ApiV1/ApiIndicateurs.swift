import Domain
import IndexEffectifs
import Outils
import Foundation
import Hummingbird

/// Indicators at any date for the perimeter of the signed-in user (domain §7), computed by the in-memory index,
/// and the public national view. An unknown or malformed parameter is a 400 naming it.
struct ApiIndicateurs {
    let deps: Dependances

    func ajouter(a router: Router<ContexteRequete>) {
        router.get("/api/v1/indicateurs/effectifs") { request, context -> Response in
            let r = try requete(request, context)
            return .json(JSONTexte.ecrire(Self.compteurs(await deps.index.compter(r))))
        }
        for groupe in [Regroupement.departement, .region, .academie, .organisme, .formation] {
            router.get("/api/v1/indicateurs/effectifs/par-\(groupe.rawValue)") { request, context -> Response in
                let r = try requete(request, context)
                return .json(JSONTexte.ecrire(.liste(await deps.index.compter(r, par: groupe).map { Self.ligne($0, groupe) })))
            }
        }
        router.get("/api/v1/indicateurs/effectifs/evolution") { request, context -> Response in
            let r = try requete(request, context, autres: ["debut", "fin"])
            let q = Dictionary(request.uri.queryParameters.map { (String($0.key), String($0.value)) }, uniquingKeysWith: { a, _ in a })
            let aujourdhui = Jour(deps.horloge.now())
            let fin = try mois(q["fin"], "fin", defaut: aujourdhui, dernierJour: true)
            let debut = try mois(q["debut"], "debut", defaut: Jour(year: fin.year - 2, month: fin.month, day: 1).adding(days: 0),
                                 dernierJour: false)
            guard debut <= fin, fin - debut <= 366 * 10 else {
                throw ErreurApi.validation([ErreurValidation("debut", "La période doit aller de debut à fin, sur 10 ans au plus")])
            }
            return .json(JSONTexte.ecrire(.liste(await deps.index.evolution(r, debut: debut, fin: fin).map { e in
                .objet([("mois", .texte(e.mois)), ("date", .texte(e.date.description))] + Self.paires(e.compteurs))
            })))
        }
        router.get("/api/v1/indicateurs/organismes") { request, context -> Response in
            let i = try context.exigerIdentite()
            let perimetre = i.droits.perimetre(.voirTransmissions)
            guard !perimetre.estVide else { throw ErreurComptes.interdit }
            let f = try filtres(request)
            return .json(JSONTexte.ecrire(.liste(await deps.index.couverture(perimetre: perimetre, filtres: f, maintenant: deps.horloge.now())
                .map(Self.couverture))))
        }
        router.get("/api/v1/indicateurs/national") { request, _ -> Response in
            let f = try filtres(request, autorises: ["date", "organisme_regions", "organisme_departements", "organisme_academies",
                                                     "organisme_bassinsEmploi"])
            let maintenant = deps.horloge.now()
            let r = RequeteIndicateurs(perimetre: .national, filtres: f, aujourdhui: Jour(maintenant))
            return try await deps.cachePublic.reponse(request, generation: deps.index.generation, maintenant: maintenant) {
                let effectifs = await deps.index.compter(r, par: .departement).map { l in
                    JSONTexte.Noeud.objet([("departement", .texte(l.cle))] + Self.paires(l.compteurs))
                }
                let organismes = await deps.index.couverture(perimetre: .national, filtres: f, maintenant: maintenant).map(Self.couverture)
                let texte = JSONTexte.ecrire(.objet([
                    ("date", .texte(f.date.description)), ("indicateursEffectifs", .liste(effectifs)),
                    ("indicateursOrganismes", .liste(organismes)),
                ]))
                return (texte, "application/json; charset=utf-8")
            }
        }
    }

    func filtres(_ request: Request, autorises: [String] = FiltresIndicateurs.parametres, autres: [String] = []) throws
        -> FiltresIndicateurs
    {
        let query = request.uri.queryParameters.map { (String($0.key), String($0.value)) }
        do {
            return try FiltresIndicateurs.lire(query, aujourdhui: Jour(deps.horloge.now()), autorises: autorises, autres: autres)
        } catch {
            throw ErreurApi.validation(error.erreurs)
        }
    }

    /// The request of a signed-in user: their indicator perimeter (403 when they have none) and the filters.
    func requete(_ request: Request, _ context: ContexteRequete, autres: [String] = []) throws -> RequeteIndicateurs {
        let i = try context.exigerIdentite()
        let perimetre = i.droits.perimetre(.voirIndicateurs)
        guard !perimetre.estVide else { throw ErreurComptes.interdit }
        return RequeteIndicateurs(perimetre: perimetre, filtres: try filtres(request, autres: autres),
                                  aujourdhui: Jour(deps.horloge.now()))
    }

    /// `YYYY-MM` or `YYYY-MM-DD`.
    func mois(_ v: String?, _ champ: String, defaut: Jour, dernierJour: Bool) throws -> Jour {
        guard let v else { return defaut }
        if let j = Jour(parametre: v) { return j }
        let p = v.split(separator: "-")
        if p.count == 2, p[0].count == 4, p[1].count == 2, let y = Int(p[0]), let m = Int(p[1]), (1...12).contains(m),
            (1900...2100).contains(y)
        {
            let premier = Jour(year: y, month: m, day: 1)
            return dernierJour ? Jour(year: m == 12 ? y + 1 : y, month: m == 12 ? 1 : m + 1, day: 1).adding(days: -1) : premier
        }
        throw ErreurApi.validation([ErreurValidation(champ, "Mois invalide : format attendu AAAA-MM ou AAAA-MM-JJ, \(Jour.plagePlausible)")])
    }

    static func paires(_ c: Compteurs) -> [(String, JSONTexte.Noeud)] {
        [("apprenants", .entier(c.apprenants)), ("apprentis", .entier(c.apprentis)), ("inscrits", .entier(c.inscrits)),
         ("abandons", .entier(c.abandons)), ("rupturants", .entier(c.rupturants))]
    }

    static func compteurs(_ c: Compteurs) -> JSONTexte.Noeud { .objet(paires(c)) }

    static func ligne(_ l: LigneIndicateurs, _ g: Regroupement) -> JSONTexte.Noeud {
        switch g {
        case .organisme:
            let o = l.organisme!
            return .objet([("organisme_id", .texte(o.id.description)), ("uai", .texte(o.uai?.rawValue)),
                           ("siret", .texte(o.siret.rawValue)), ("nom", .texte(o.nom)), ("nature", .texte(o.nature.rawValue))]
                          + paires(l.compteurs))
        case .formation:
            return .objet([("rncp_code", .texte(l.rncp)), ("cfd_code", .texte(l.cfd)), ("intitule", .texte(l.libelle.isEmpty ? nil : l.libelle)),
                           ("niveau_europeen", .texte(l.niveau.map(String.init)))] + paires(l.compteurs))
        default:
            return .objet([(g.rawValue, .texte(l.cle)), ("libelle", .texte(l.libelle))] + paires(l.compteurs))
        }
    }

    static func couverture(_ c: CouvertureOrganismes) -> JSONTexte.Noeud {
        func nature(_ n: ParNature) -> JSONTexte.Noeud {
            .objet([("total", .entier(n.total)), ("responsables", .entier(n.responsables)),
                    ("responsablesFormateurs", .entier(n.responsablesFormateurs)), ("formateurs", .entier(n.formateurs)),
                    ("inconnues", .entier(n.inconnues))])
        }
        return .objet([
            ("departement", .texte(c.departement)), ("totalOrganismes", nature(c.totalOrganismes)),
            ("organismesTransmetteurs", nature(c.organismesTransmetteurs)),
            ("organismesNonTransmetteurs", .entier(c.organismesNonTransmetteurs)),
            ("tauxCouverture", .valeur(.number((c.tauxCouverture * 10).rounded() / 10))),
            ("derniereTransmission", .objet([("moins_1_mois", .entier(c.transmissionRecente)), ("1_3_mois", .entier(c.transmission1a3Mois)),
                                             ("plus_3_mois", .entier(c.transmissionArretee)), ("jamais", .entier(c.jamaisTransmis))])),
        ])
    }
}
