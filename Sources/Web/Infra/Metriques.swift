import Domain
import Foundation
import Hummingbird
import IndexEffectifs
import Logging
import Prometheus

/// The service's measurements, exposed on `GET /metrics` in Prometheus text format: requests by route and status,
/// their latency, dossiers accepted and rejected, and the indicator index's size and lag behind the database.
public final class MetriquesService: Sendable {
    let registre = PrometheusCollectorRegistry()
    static let seuils: [Duration] = [
        .milliseconds(1), .milliseconds(5), .milliseconds(10), .milliseconds(25),
        .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500),
        .seconds(1), .milliseconds(2500), .seconds(5),
    ]

    public init() {}

    func requete(methode: String, route: String, statut: Int, duree: Duration) {
        let labels = [("method", methode), ("route", route), ("status", String(statut))]
        registre.makeCounter(
            descriptor: .init(
                metricName: "tdb_http_requests", unitName: "total",
                helpText: "Requêtes HTTP servies, par route et statut"), labels: labels
        ).increment()
        registre.makeDurationHistogram(
            descriptor: .init(
                metricName: "tdb_http_request_duration", unitName: "seconds",
                helpText: "Durée de traitement des requêtes HTTP"),
            labels: [("method", methode), ("route", route)], buckets: Self.seuils
        ).record(duree)
    }

    /// Counts the items of a transmission.
    public func dossiers(acceptes: Int, rejetes: Int) {
        let d = MetricNameDescriptor(
            metricName: "tdb_dossiers", unitName: "total", helpText: "Dossiers reçus par l'API v3")
        registre.makeCounter(descriptor: d, labels: [("verdict", "accepte")]).increment(by: Int64(acceptes))
        registre.makeCounter(descriptor: d, labels: [("verdict", "rejete")]).increment(by: Int64(rejetes))
    }

    /// Notes the size of the index and how far it stands behind the database.
    public func indexSuivi(_ index: IndexIndicateurs) {
        let retard = index.retard
        registre.makeGauge(
            descriptor: .init(
                metricName: "tdb_index_effectifs", unitName: "count",
                helpText: "Effectifs dans l'index des indicateurs")
        ).set(Double(index.nombreEffectifs))
        registre.makeGauge(
            descriptor: .init(
                metricName: "tdb_index_retard", unitName: "changes",
                helpText: "Écritures de la base pas encore dans l'index")
        ).set(Double(retard.changements))
        registre.makeGauge(
            descriptor: .init(
                metricName: "tdb_index_version", unitName: "number",
                helpText: "Dernier numéro de changement suivi par l'index")
        ).set(Double(retard.versionSuivie))
    }

    public func texte() -> String { registre.emitToString() }
}

/// Measures every request and writes one log line for it: its id, method, route pattern (never the path itself,
/// which may hold identifiers, nor the query), status and duration — no personal data.
struct MetriquesMiddleware<Context: RequestContext>: RouterMiddleware {
    let metriques: MetriquesService
    let logger: Logger

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        let debut = ContinuousClock.now
        var statut = 500
        defer {
            let duree = ContinuousClock.now - debut
            let route = context.endpointPath ?? "(aucune)"
            metriques.requete(methode: request.method.rawValue, route: route, statut: statut, duree: duree)
            logger.info(
                "requête",
                metadata: [
                    "id": .string(context.id), "methode": .string(request.method.rawValue), "route": .string(route),
                    "statut": .stringConvertible(statut),
                    "ms": .string(
                        String(
                            format: "%.1f",
                            Double(duree.components.attoseconds) / 1e15 + Double(duree.components.seconds) * 1000)),
                ])
        }
        do {
            let reponse = try await next(request, context)
            statut = Int(reponse.status.code)
            return reponse
        } catch let e as any HTTPResponseError {
            statut = Int(e.status.code)
            throw e
        }
    }
}
