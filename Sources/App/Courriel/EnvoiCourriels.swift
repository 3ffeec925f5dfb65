import Domain
import Foundation
import Logging
import NIOPosix
import ServiceLifecycle

/// Sends the outbox through SMTP, every few seconds, for as long as the service runs. Without
/// `TDB_SMTP_URL` it is not started: mails stay in the outbox, listed on /admin/emails.
public struct EnvoiCourriels: Service {
    let store: any Store
    let smtp: ClientSMTP
    let logger: Logger
    var intervalle: Duration = .seconds(5)

    public init(store: any Store, smtpURL: String, logger: Logger = Logger(label: "tdb.smtp")) throws {
        self.store = store
        smtp = try ClientSMTP(url: smtpURL)
        self.logger = logger
    }

    public func run() async throws {
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            _ = try? await envoyerEnAttente()
            try? await Task.sleep(for: intervalle)
        }
    }

    /// Sends what waits; returns how many were sent.
    @discardableResult
    public func envoyerEnAttente() async throws -> Int {
        var envoyes = 0
        for c in try await store.courrielsAEnvoyer(limite: 50) {
            let smtp = self.smtp
            do {
                try await NIOThreadPool.singleton.runIfActive {
                    try smtp.envoyer(a: c.destinataire, sujet: c.sujet, corps: c.corps)
                }
                try await store.marquer(courriel: c.id, envoyeLe: Date(), erreur: nil)
                envoyes += 1
            } catch {
                logger.warning("envoi d'e-mail impossible", metadata: ["courriel": "\(c.id)", "erreur": "\(error)"])
                try await store.marquer(courriel: c.id, envoyeLe: nil, erreur: "\(error)")
            }
        }
        return envoyes
    }
}
