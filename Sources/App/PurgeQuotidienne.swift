import Domain
import Foundation
import Logging
import ServiceLifecycle
import Web

/// The retention policy applied every day by `tdb serve` (F22), and erased learners sent again looked for every
/// hour. The first purge waits `delaiInitial`, so that a restart loop does not purge in a loop. With several
/// instances each purges: the purge is idempotent, a second one finds nothing left.
public struct PurgeQuotidienne: Service {
    let store: any Store
    let horloge: Horloge
    let logger: Logger
    var delaiInitial: Duration = .seconds(600)
    var periodeRetours: Duration = .seconds(3600)
    var periodePurge: Duration = .seconds(86_400)

    /// Waits are long: a graceful shutdown cancels them rather than waiting up to an hour.
    public func run() async throws {
        try await cancelWhenGracefulShutdown { await self.boucle() }
    }

    func boucle() async {
        let donnees = DonneesApprenant(store: store, horloge: horloge, empreinte: SecretsServeur.sha256)
        var prochainePurge = ContinuousClock.now + delaiInitial
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            do {
                let n = try await donnees.surveillerRetours()
                if n > 0 {
                    logger.warning(
                        "données : \(n) apprenant(s) effacé(s) renvoyé(s) par un ERP (voir /admin/apprenants)")
                }
                if ContinuousClock.now >= prochainePurge {
                    let bilan = try await Purge(store: store, horloge: horloge).executer(simulation: false)
                    logger.info("purge des données : \(bilan.resume)")
                    prochainePurge = ContinuousClock.now + periodePurge
                }
            } catch {
                logger.warning("purge des données : échec, nouvel essai plus tard : \(error)")
            }
            try? await Task.sleep(for: min(periodeRetours, max(.seconds(1), prochainePurge - ContinuousClock.now)))
        }
    }
}
