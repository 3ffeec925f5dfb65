import Domain
import Outils
import Foundation
import Hummingbird

/// API v3, compatible with the national service: ERPs send learner records and read back their effectifs.
struct ApiV3Routes {
    static let tailleMaximaleCorps = 10 * 1024 * 1024

    let deps: Dependances

    func ajouter(a router: Router<ContexteRequete>) {
        router.post("/api/v3/dossiers-apprenants", use: recevoirDossiers)
        router.post("/api/v3/dossiers-apprenants/test") { request, _ -> Response in
            _ = try await ClesApi.authentifier(request, deps: deps)
            return .json(#"{"msg":"ok"}"#)
        }
        router.get("/api/v3/effectifs", use: listerEffectifs)
    }

    /// `POST /api/v3/dossiers-apprenants`: every item gets its final verdict in the response.
    @Sendable func recevoirDossiers(_ request: Request, context: ContexteRequete) async throws -> Response {
        let t0 = ContinuousClock.now
        let cle = try await ClesApi.authentifier(request, deps: deps)
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
        deps.logger.info("lot reçu", metadata: [
            "organisme": "\(cle.organisme)", "items": "\(items.count)", "rejetes": "\(resultat.nombreRejetes)",
            "ms_lecture": "\(ms(t1 - t0))", "ms_validation": "\(ms(d.preparation))", "ms_enregistrement": "\(ms(d.enregistrement))",
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
            throw ErreurApi.validation([ErreurValidation(
                path: [], message: "\"value\" must contain less than or equal to \(Ingestion.tailleMaximaleLot) items")])
        }
        return items
    }

    /// `GET /api/v3/effectifs`: the effectifs of the key's organisme and of its formateurs, with their status at
    /// the date and their whole timeline, so that an ERP can reconcile its counts with ours.
    @Sendable func listerEffectifs(_ request: Request, context: ContexteRequete) async throws -> Response {
        let cle = try await ClesApi.authentifier(request, deps: deps)
        try await deps.limiteur.compter(.apiV3Effectifs, [.cle: String(cle.id.rawValue)])
        let q = try ParametresEffectifs(request.uri.queryParameters, aujourdhui: Jour(deps.horloge.now()))
        let organismes = [cle.organisme] + (try await deps.store.formateurs(de: cle.organisme)).map(\.id)
        let page = try await deps.store.effectifs(organismes: organismes, annee: q.annee, page: q.page, limite: q.limite)
        let data: [JSONTexte.Noeud] = page.lignes.map { l in
            .objet([
                ("id_erp_apprenant", .texte(l.idErpApprenant)), ("annee_scolaire", .texte(l.anneeScolaire.description)),
                ("uai", .texte(l.uai?.rawValue)), ("siret", .texte(l.siret.rawValue)),
                ("statut", .texte(l.parcours.statut(a: q.date)?.rawValue)),
                ("parcours", .liste(l.parcours.etapes.map { e in
                    .objet([("date", .texte(e.date.description)), ("valeur", .texte(e.valeur.rawValue))])
                })),
            ])
        }
        return .json(JSONTexte.ecrire(.objet([
            ("data", .liste(data)),
            ("pagination", .objet([("page", .entier(q.page)), ("limit", .entier(q.limite)), ("total", .entier(page.total))])),
        ])))
    }
}

/// Milliseconds, for logs.
func ms(_ d: Duration) -> Int { Int(d.components.seconds * 1000 + d.components.attoseconds / 1_000_000_000_000_000) }
