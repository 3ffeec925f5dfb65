import Domain
import Foundation
import Logging
import ServiceLifecycle

/// Sends the outbox through SMTP, every few seconds, for as long as the service runs; a sent mail is kept without
/// its links (`LiensCourriel`). Without `TDB_SMTP_URL` it is not started: mails stay in the outbox, listed on
/// /admin/emails with their links masked, and in full by `tdb emails` for whoever runs the machine.
public struct EnvoiCourriels: Service {
    let store: any Store
    let smtp: ClientSMTP
    let logger: Logger
    var intervalle: Duration = .seconds(5)

    /// `fichierCA`: a PEM file of the authorities to trust instead of the system's (`TDB_SMTP_CA`).
    public init(store: any Store, smtpURL: String, fichierCA: String? = nil, logger: Logger = Logger(label: "tdb.smtp"))
        throws
    {
        self.store = store
        smtp = try ClientSMTP(url: smtpURL, fichierCA: fichierCA)
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
            do {
                try await smtp.envoyer(a: c.destinataire, sujet: c.sujet, corps: c.corps, html: c.html)
                // Sent: the single-use links it carried are of no use to the outbox any more (an HTML version that
                // carried one is dropped: its text version, links removed, stays).
                try await store.marquerEnvoye(
                    courriel: c.id, le: Date(), corps: LiensCourriel.retirer(c.corps),
                    html: c.html.flatMap { LiensCourriel.contientSecret($0) ? nil : $0 })
                envoyes += 1
            } catch {
                logger.warning("envoi d'e-mail impossible", metadata: ["courriel": "\(c.id)", "erreur": "\(error)"])
                try await store.marquer(courriel: c.id, envoyeLe: nil, erreur: "\(error)")
            }
        }
        return envoyes
    }
}
