import Domain
import Foundation
import Hummingbird
import IndexEffectifs
import Logging
import NIOCore
import ServiceLifecycle
import Web

/// The composition root: builds the indicator index from the store and the HTTP application around it, with the
/// services that keep it company (index follower, mail sender, job runner).
/// `tdb serve` and the tests both use it; the store
/// is opened by the caller (`avecStore`) and must stay open while the application runs.
public func construireApplication(
    config: AppConfig, store: any Store, horloge: Horloge = .live,
    auDemarrage: @escaping @Sendable (_ adresse: String) async -> Void = { _ in }
) async throws -> some ApplicationProtocol {
    var logger = Logger(label: "tdb")
    logger.logLevel = config.logLevel
    store.configurerSuivis(config.reglesSuivi)
    let debutSuivis = ContinuousClock.now
    if let n = try await store.reconstruireSuivisSiNecessaire(now: horloge.now()) {
        logger.info(
            "suivis des missions locales reconstruits : \(n) effectifs relus en \(ContinuousClock.now - debutSuivis)")
    }
    let debut = ContinuousClock.now
    let journal = logger
    let index = try await IndexIndicateurs.construire(
        depuis: store,
        illisible: { erreur in
            journal.error("index des indicateurs : \(erreur) — effectif laissé de côté")
        }
    ) { n in
        journal.info("index des indicateurs : \(n) effectifs lus…")
    }
    logger.info("index des indicateurs prêt : \(index.nombreEffectifs) effectifs en \(ContinuousClock.now - debut)")
    let deps = Dependances(
        store: store, horloge: horloge, logger: logger, secrets: SecretsServeur(coutBcrypt: config.coutBcrypt),
        pages: try await Pages.charger(), urlPublique: config.urlPublique, cookiesSecurises: config.cookiesSecurises,
        index: index, jetonMetriques: config.jetonMetriques, proxiesDeConfiance: Set(config.proxiesDeConfiance),
        reglesLimites: ReglesLimites.reference.avec(limiteApiV3ParMinute: config.limiteApiV3ParMinute),
        contact: config.contact, reglesSuivi: config.reglesSuivi)
    let debutCatalogue = ContinuousClock.now
    let nombreSuivis = try await deps.suivis.rattraper(store)
    logger.info("suivis des missions locales en mémoire : \(nombreSuivis) en \(ContinuousClock.now - debutCatalogue)")
    var services: [any Service] = [
        SuiviIndex(
            store: store, index: index, intervalle: .milliseconds(config.suiviMillisecondes), logger: logger,
            metriques: deps.metriques)
    ]
    if config.tachesDeFond {
        services += [
            OrdonnanceurTaches(
                taches: TableDesTaches.taches(store: store, horloge: horloge, config: config, logger: logger),
                executeur: ExecuteurTaches(
                    store: store, horloge: horloge, titulaire: instanceTaches(), urlPublique: config.urlPublique),
                logger: logger) as any Service,
            PrechauffageSuivis(deps: deps, logger: logger),
        ]
    }
    if let url = config.smtpURL {
        services.append(try EnvoiCourriels(store: store, smtpURL: url, fichierCA: config.smtpCA, logger: logger))
    }
    return Application(
        router: construireRouteur(deps),
        server: .http1(
            configuration: .init(
                additionalChannelHandlers: [
                    ReponseContinue(), DelaiEntetes(delai: .seconds(Int64(config.delaiEntetes))),
                ],
                idleTimeout: .seconds(60))),
        configuration: .init(address: .hostname(config.host, port: config.port), serverName: "tdb"),
        services: services,
        onServerRunning: { channel in
            let port = channel.localAddress?.port ?? config.port
            await auDemarrage("http://\(config.host):\(port)")
        },
        logger: logger)
}
