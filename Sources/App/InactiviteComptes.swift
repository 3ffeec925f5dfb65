import Domain
import Foundation
import Logging
import ServiceLifecycle

/// Applies the inactivity rule (`Inactivite`: warning at 11 months without sign-in, suspension at 12) a minute
/// after start-up, then once a day, for as long as the service runs. Several instances may run it: each warning
/// and suspension is taken by one conditional update, so none is done twice. `tdb users suspend-inactive` runs
/// the same code.
public struct InactiviteComptes: Service {
    let comptes: Comptes
    let logger: Logger
    var premierPassage: Duration = .seconds(60)
    var intervalle: Duration = .seconds(86_400)

    public func run() async throws {
        // Long waits: they end at once when the service stops (a plain sleep would hold the shutdown for a day).
        try? await cancelWhenGracefulShutdown { try await Task.sleep(for: premierPassage) }
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            do {
                let bilan = try await comptes.appliquerInactivite()
                if bilan.avertis + bilan.suspendus > 0 {
                    logger.info("comptes inactifs : \(bilan.avertis) prévenus, \(bilan.suspendus) suspendus")
                }
            } catch {
                logger.warning("comptes inactifs : la règle n'a pas pu être appliquée : \(error)")
            }
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: intervalle) }
        }
    }
}
