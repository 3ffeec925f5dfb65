import Domain
import Foundation
import Logging
import ServiceLifecycle
import Web

/// Computes the missions locales' work lists and statistics of the day on this instance at start-up and again
/// when the day turns in Paris (lists and figures change with the day alone), so that no page waits for the first
/// computation of the day (about a second for the national statistics at 2,000,000 effectifs).
public struct PrechauffageSuivis: Service {
    let deps: Dependances
    let logger: Logger

    public func run() async throws {
        var fait: Jour?
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            let jour = HeureDeParis.jour(deps.horloge.now())
            if jour != fait {
                do {
                    let debut = ContinuousClock.now
                    let n = try await deps.suivis.prechauffer(
                        store: deps.store, regles: deps.reglesSuivi, aujourdhui: jour)
                    let duree = ContinuousClock.now - debut
                    logger.info(
                        "suivis : listes et statistiques du \(jour) calculées pour \(n) missions locales en \(duree)")
                    fait = jour
                } catch {
                    logger.warning("suivis : calcul des listes du jour impossible : \(error)")
                }
            }
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: .seconds(60)) }
        }
    }
}
