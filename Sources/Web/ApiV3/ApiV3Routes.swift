import Domain
import Foundation
import Hummingbird
import Outils

/// API v3, compatible with the national service: ERPs send learner records and read back their effectifs.
struct ApiV3Routes {
    static let tailleMaximaleCorps = 10 * 1024 * 1024

    let deps: Dependances

    /// `POST /api/v3/dossiers-apprenants/test`: the key works.
    @Sendable func testerCle(_ request: Request, context: ContexteRequete, cle: CleApi) async throws -> Response {
        try .json(["msg": "ok"])
    }

    /// `POST /api/v3/dossiers-apprenants`: every item gets its final verdict in the response.
    @Sendable func recevoirDossiers(_ request: Request, context: ContexteRequete, cle: CleApi) async throws -> Response
    {
        let t0 = ContinuousClock.now
        // Counted while the batch is read and validated: on SQLite the count waits for the batch being written, and
        // must not hold back the validation of this one. Over the limit, nothing is written.
        let idCle = String(cle.id.rawValue)
        try deps.refusRecents.verifier(.apiV3Dossiers, cle: idCle, now: deps.horloge.now())
        async let limite: Void = deps.limiteur.compter(.apiV3Dossiers, [.cle: idCle])
        let items = try await lireLot(request)
        let t1 = ContinuousClock.now
        let ingestion = Ingestion(store: deps.store, horloge: deps.horloge, index: deps.index)
        let lot = try await ingestion.preparer(items, transmetteur: cle.organisme, cleApi: cle.id)
        let reponse = ReponseLot.preparer(lot, items: items)
        do { try await limite } catch let e as LimiteAtteinte {
            deps.refusRecents.noter(e, cle: idCle, now: deps.horloge.now())
            throw e
        }
        let resultat = try await ingestion.enregistrer(lot)
        let t2 = ContinuousClock.now
        let corps = reponse.ecrire(resultat)
        deps.metriques.dossiers(acceptes: items.count - resultat.nombreRejetes, rejetes: resultat.nombreRejetes)
        let d = resultat.durees
        deps.logger.info(
            "lot reçu",
            metadata: [
                "organisme": "\(cle.organisme)", "items": "\(items.count)", "rejetes": "\(resultat.nombreRejetes)",
                "ms_lecture": "\(ms(t1 - t0))", "ms_validation": "\(ms(d.preparation))",
                "ms_enregistrement": "\(ms(d.enregistrement))",
                "ms_index": "\(ms(d.index))", "ms_reponse": "\(ms(ContinuousClock.now - t2))",
            ])
        return .json(octets: corps)
    }

    /// The body must be a JSON array of at most 2000 items, within 10 Mo; otherwise nothing is stored.
    private func lireLot(_ request: Request) async throws -> [JSONValue] {
        if let length = request.headers[.contentLength].flatMap(Int.init), length > Self.tailleMaximaleCorps {
            throw ErreurApi.corpsTropGros
        }
        let buffer = try await request.body.collect(upTo: Self.tailleMaximaleCorps)
        let corps: JSONValue
        do {
            corps = try AnalyseurJSON.analyserEnParallele(buffer.readableBytesView)
        } catch {
            throw ErreurApi.validation([ErreurValidation(path: [], message: "JSON invalide : \(error)")])
        }
        guard case .array(let items) = corps else {
            throw ErreurApi.validation([ErreurValidation(path: [], message: "\"value\" must be an array")])
        }
        guard items.count <= Ingestion.tailleMaximaleLot else {
            throw ErreurApi.validation([
                ErreurValidation(
                    path: [],
                    message: "\"value\" must contain less than or equal to \(Ingestion.tailleMaximaleLot) items")
            ])
        }
        return items
    }

    /// `GET /api/v3/effectifs`: the effectifs of the key's organisme and of its formateurs, with their status at
    /// the date and their whole timeline, so that an ERP can reconcile its counts with ours.
    @Sendable func listerEffectifs(_ request: Request, context: ContexteRequete, cle: CleApi) async throws -> Response {
        try await deps.limiteur.compter(.apiV3Effectifs, [.cle: String(cle.id.rawValue)])
        let q = try ParametresEffectifs(request.uri.queryParameters, aujourdhui: Jour(deps.horloge.now()))
        let organismes = [cle.organisme] + (try await deps.store.formateurs(de: cle.organisme)).map(\.id)
        let page = try await deps.store.effectifs(
            organismes: organismes, annee: q.annee, page: q.page, limite: q.limite)
        return try .json(ListeEffectifs(page, date: q.date, numero: q.page, limite: q.limite))
    }
}

/// The answer of `GET /api/v3/effectifs`.
struct ListeEffectifs: Encodable {
    struct Effectif: Encodable {
        struct Etape: Encodable {
            let date: String
            let valeur: String
        }

        let idErpApprenant: String
        let anneeScolaire: String
        @OuNull var uai: String?
        let siret: String
        @OuNull var statut: String?
        let parcours: [Etape]

        enum CodingKeys: String, CodingKey {
            case idErpApprenant = "id_erp_apprenant"
            case anneeScolaire = "annee_scolaire"
            case uai, siret, statut, parcours
        }
    }

    struct Pagination: Encodable {
        let page: Int
        let limit: Int
        let total: Int
    }

    let data: [Effectif]
    let pagination: Pagination

    init(_ page: PageEffectifs, date: Jour, numero: Int, limite: Int) {
        data = page.lignes.map { l in
            Effectif(
                idErpApprenant: l.idErpApprenant, anneeScolaire: l.anneeScolaire.description, uai: l.uai?.rawValue,
                siret: l.siret.rawValue, statut: l.parcours.statut(a: date)?.rawValue,
                parcours: l.parcours.etapes.map {
                    Effectif.Etape(date: $0.date.description, valeur: $0.valeur.rawValue)
                })
        }
        pagination = Pagination(page: numero, limit: limite, total: page.total)
    }
}

/// Milliseconds, for logs.
func ms(_ d: Duration) -> Int { Int(d.components.seconds * 1000 + d.components.attoseconds / 1_000_000_000_000_000) }
