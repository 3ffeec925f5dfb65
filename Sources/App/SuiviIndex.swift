import Domain
import Foundation
import IndexEffectifs
import Logging
import ServiceLifecycle
import Web

/// Keeps this instance's indicator index up to date with what other instances (and commands such as
/// `tdb import`) write to the shared database: every `intervalle`, it reads the change numbers and applies the
/// effectifs written since the last one it followed (DESIGN §4: the database is the source of truth).
public struct SuiviIndex: Service {
    let store: any Store
    let index: IndexIndicateurs
    let intervalle: Duration
    let logger: Logger
    let metriques: MetriquesService?

    public func run() async throws {
        var enEchec = false
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            do {
                let n = try await index.rattraper(depuis: store)
                if n > 0 { logger.debug("index : \(n) effectifs écrits ailleurs appliqués") }
                if enEchec { logger.info("index : suivi de la base rétabli") }
                enEchec = false
                metriques?.indexSuivi(index)
            } catch {
                if !enEchec { logger.warning("index : la base ne répond pas au suivi des changements : \(error)") }
                enEchec = true
            }
            try? await Task.sleep(for: intervalle)
        }
    }
}
