import Domain
import Foundation
import Hummingbird
import IndexEffectifs
import Outils

/// Indicators at any date for the perimeter of the signed-in user (domain §7), computed by the in-memory index,
/// and the public national view. An unknown or malformed parameter is a 400 naming it.
struct ApiIndicateurs {
    let deps: Dependances

    /// `GET /api/v1/indicateurs/effectifs`: the counters of the user's perimeter at a date.
    @Sendable func effectifs(_ request: Request, context: ContexteRequete, identite i: Identite) async throws
        -> Response
    {
        try .json(CompteursJSON(await deps.index.compter(try await requete(request, i))))
    }

    /// `GET /api/v1/indicateurs/effectifs/par-…`: the counters by territory, organisme or formation.
    func par(_ groupe: Regroupement) -> GroupeRoutes<Identite>.GestionnaireAppelant {
        { request, _, i in
            let lignes = await deps.index.compter(try await requete(request, i), par: groupe)
            return try .json(lignes.map { LigneIndicateursJSON($0, groupe) })
        }
    }

    /// `GET /api/v1/indicateurs/effectifs/evolution`: the counters at the end of each month from `debut` to `fin`.
    @Sendable func evolution(_ request: Request, context: ContexteRequete, identite i: Identite) async throws
        -> Response
    {
        let r = try await requete(request, i, autres: ["debut", "fin"])
        let q = Dictionary(
            request.uri.queryParameters.map { (String($0.key), String($0.value)) }, uniquingKeysWith: { a, _ in a })
        let aujourdhui = Jour(deps.horloge.now())
        let fin = try mois(q["fin"], "fin", defaut: aujourdhui, dernierJour: true)
        let debut = try mois(
            q["debut"], "debut", defaut: Jour(year: fin.year - 2, month: fin.month, day: 1).adding(days: 0),
            dernierJour: false)
        guard debut <= fin, fin - debut <= 366 * 10 else {
            throw ErreurApi.validationTdb([
                ErreurValidation("debut", "La période doit aller de debut à fin, sur 10 ans au plus")
            ])
        }
        return try .json(
            await deps.index.evolution(r, debut: debut, fin: fin).map { e in
                PointEvolution(mois: e.mois, date: e.date.description, compteurs: CompteursJSON(e.compteurs))
            })
    }

    /// `GET /api/v1/indicateurs/organismes`: the coverage of the organismes whose transmissions the user may see.
    @Sendable func organismes(_ request: Request, context: ContexteRequete, identite i: Identite) async throws
        -> Response
    {
        let perimetre = i.droits.perimetre(.voirTransmissions)
        let f = try filtres(request)
        _ = try await deps.index.choixVerifies(f, perimetre: perimetre)
        return try .json(
            await deps.index.couverture(perimetre: perimetre, filtres: f, maintenant: deps.horloge.now())
                .map(CouvertureJSON.init))
    }

    /// `GET /api/v1/indicateurs/national`: anyone; from the public cache.
    @Sendable func national(_ request: Request, context: ContexteRequete) async throws -> Response {
        let f = try filtres(
            request,
            autorises: [
                "date", "organisme_regions", "organisme_departements", "organisme_academies",
                "organisme_bassinsEmploi",
            ])
        let maintenant = deps.horloge.now()
        let r = RequeteIndicateurs(perimetre: .national, filtres: f, aujourdhui: Jour(maintenant))
        return try await deps.cachePublic.reponse(request, generation: deps.index.generation, maintenant: maintenant) {
            let national = IndicateursNationaux(
                date: f.date.description,
                indicateursEffectifs: await deps.index.compter(r, par: .departement).map {
                    LigneIndicateursJSON.territoire(
                        cle: "departement", valeur: $0.cle, libelle: nil,
                        compteurs: CompteursJSON($0.compteurs))
                },
                indicateursOrganismes: await deps.index.couverture(
                    perimetre: .national, filtres: f, maintenant: maintenant
                )
                .map(CouvertureJSON.init))
            return (try EncodeurJSON.texte(national), "application/json; charset=utf-8")
        }
    }

    func filtres(_ request: Request, autorises: [String] = FiltresIndicateurs.parametres, autres: [String] = []) throws
        -> FiltresIndicateurs
    {
        let query = request.uri.queryParameters.map { (String($0.key), String($0.value)) }
        do {
            return try FiltresIndicateurs.lire(
                query, aujourdhui: Jour(deps.horloge.now()), autorises: autorises, autres: autres)
        } catch {
            throw ErreurApi.validationTdb(error.erreurs)
        }
    }

    /// The request of a signed-in user: their indicator perimeter (never empty: `ExigeCapacite`) and the filters;
    /// a filter value outside the perimeter is a 400 (`hors_perimetre`) naming it.
    func requete(_ request: Request, _ i: Identite, autres: [String] = []) async throws -> RequeteIndicateurs {
        let perimetre = i.droits.perimetre(.voirIndicateurs)
        let f = try filtres(request, autres: autres)
        _ = try await deps.index.choixVerifies(f, perimetre: perimetre)
        return RequeteIndicateurs(perimetre: perimetre, filtres: f, aujourdhui: Jour(deps.horloge.now()))
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
            return dernierJour
                ? Jour(year: m == 12 ? y + 1 : y, month: m == 12 ? 1 : m + 1, day: 1).adding(days: -1) : premier
        }
        throw ErreurApi.validationTdb([
            ErreurValidation(champ, "Mois invalide : format attendu AAAA-MM ou AAAA-MM-JJ, \(Jour.plagePlausible)")
        ])
    }

}

/// The five counters, in the order of the national API.
struct CompteursJSON: Encodable {
    let apprenants: Int
    let apprentis: Int
    let inscrits: Int
    let abandons: Int
    let rupturants: Int

    init(_ c: Compteurs) {
        (apprenants, apprentis, inscrits, abandons, rupturants) = (
            c.apprenants, c.apprentis, c.inscrits, c.abandons,
            c.rupturants
        )
    }
}

/// A row of counters by territory, organisme or formation: what names the row, then its counters.
enum LigneIndicateursJSON: Encodable {
    /// `{"<departement|region|academie>": code, "libelle": nom, …}` (no `libelle` on the national answer).
    case territoire(cle: String, valeur: String, libelle: String?, compteurs: CompteursJSON)
    case organisme(OrganismeLigne, compteurs: CompteursJSON)
    case formation(FormationLigne, compteurs: CompteursJSON)

    struct OrganismeLigne: Encodable {
        let organismeId: String
        @OuNull var uai: String?
        @OuNull var siret: String?
        @OuNull var nom: String?
        @OuNull var nature: String?

        enum CodingKeys: String, CodingKey { case organismeId = "organisme_id", uai, siret, nom, nature }
    }

    struct FormationLigne: Encodable {
        @OuNull var rncpCode: String?
        @OuNull var cfdCode: String?
        @OuNull var intitule: String?
        @OuNull var niveauEuropeen: String?

        enum CodingKeys: String, CodingKey {
            case rncpCode = "rncp_code", cfdCode = "cfd_code", intitule, niveauEuropeen = "niveau_europeen"
        }
    }

    init(_ l: LigneIndicateurs, _ g: Regroupement) {
        let c = CompteursJSON(l.compteurs)
        switch g {
        case .organisme:
            let o = l.organisme
            self = .organisme(
                OrganismeLigne(
                    organismeId: o?.id.description ?? l.cle, uai: o?.uai?.rawValue,
                    siret: o?.siret.rawValue, nom: o?.nom, nature: o?.nature.rawValue), compteurs: c)
        case .formation:
            self = .formation(
                FormationLigne(
                    rncpCode: l.rncp, cfdCode: l.cfd, intitule: l.libelle.isEmpty ? nil : l.libelle,
                    niveauEuropeen: l.niveau.map(String.init)), compteurs: c)
        default:
            self = .territoire(cle: g.rawValue, valeur: l.cle, libelle: l.libelle, compteurs: c)
        }
    }

    func encode(to encoder: any Encoder) throws {
        switch self {
        case .territoire(let cle, let valeur, let libelle, let compteurs):
            var c = encoder.container(keyedBy: EncodeurJSON.Cle.self)
            try c.encode(valeur, forKey: EncodeurJSON.Cle(stringValue: cle))
            if let libelle { try c.encode(libelle, forKey: EncodeurJSON.Cle(stringValue: "libelle")) }
            try compteurs.encode(to: encoder)
        case .organisme(let o, let compteurs):
            try o.encode(to: encoder)
            try compteurs.encode(to: encoder)
        case .formation(let f, let compteurs):
            try f.encode(to: encoder)
            try compteurs.encode(to: encoder)
        }
    }
}

/// A month of `GET /api/v1/indicateurs/effectifs/evolution`: the month, its last day, the counters then.
struct PointEvolution: Encodable {
    let mois: String
    let date: String
    let compteurs: CompteursJSON

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: EncodeurJSON.Cle.self)
        try c.encode(mois, forKey: EncodeurJSON.Cle(stringValue: "mois"))
        try c.encode(date, forKey: EncodeurJSON.Cle(stringValue: "date"))
        try compteurs.encode(to: encoder)
    }
}

/// The coverage of a département's organismes (transmitting or not, by nature, by date of last transmission).
struct CouvertureJSON: Encodable {
    struct Natures: Encodable {
        let total: Int
        let responsables: Int
        let responsablesFormateurs: Int
        let formateurs: Int
        let inconnues: Int

        init(_ n: ParNature) {
            (total, responsables, responsablesFormateurs, formateurs, inconnues) = (
                n.total, n.responsables,
                n.responsablesFormateurs, n.formateurs,
                n.inconnues
            )
        }
    }

    struct DerniereTransmission: Encodable {
        let moins1Mois: Int
        let de1a3Mois: Int
        let plus3Mois: Int
        let jamais: Int

        enum CodingKeys: String, CodingKey {
            case moins1Mois = "moins_1_mois"
            case de1a3Mois = "1_3_mois"
            case plus3Mois = "plus_3_mois"
            case jamais
        }
    }

    let departement: String
    let totalOrganismes: Natures
    let organismesTransmetteurs: Natures
    let organismesNonTransmetteurs: Int
    /// Per cent, one decimal.
    let tauxCouverture: Double
    let derniereTransmission: DerniereTransmission

    init(_ c: CouvertureOrganismes) {
        departement = c.departement
        totalOrganismes = Natures(c.totalOrganismes)
        organismesTransmetteurs = Natures(c.organismesTransmetteurs)
        organismesNonTransmetteurs = c.organismesNonTransmetteurs
        tauxCouverture = (c.tauxCouverture * 10).rounded() / 10
        derniereTransmission = DerniereTransmission(
            moins1Mois: c.transmissionRecente, de1a3Mois: c.transmission1a3Mois,
            plus3Mois: c.transmissionArretee, jamais: c.jamaisTransmis)
    }
}

/// The answer of `GET /api/v1/indicateurs/national`.
struct IndicateursNationaux: Encodable {
    let date: String
    let indicateursEffectifs: [LigneIndicateursJSON]
    let indicateursOrganismes: [CouvertureJSON]
}
