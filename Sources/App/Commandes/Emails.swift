import ArgumentParser
import Domain
import Foundation

/// `tdb emails`: the outbox in full, for whoever runs the machine. Without `TDB_SMTP_URL` this is how a
/// single-machine install reads the e-mails waiting to be sent, links included (the /admin/emails page masks them).
struct Emails: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract:
            "Affiche les e-mails en attente d'envoi, liens compris (sans serveur SMTP, c'est ainsi qu'on les lit).")
    @OptionGroup var base: OptionBase
    @Option(help: "Nombre d'e-mails au plus (les plus anciens d'abord).") var limite = 20

    func run() async throws {
        let courriels = try await base.avecStore { store in try await store.courrielsAEnvoyer(limite: max(1, limite)) }
        if courriels.isEmpty { print("aucun e-mail en attente") }
        for c in courriels {
            print(
                """
                --- e-mail \(c.id) du \(ISO8601DateFormatter().string(from: c.creeLe))
                À : \(c.destinataire)
                Sujet : \(c.sujet)\(c.erreur.map { "\nDernière erreur d'envoi : \($0)" } ?? "")

                \(c.corps)

                """)
        }
    }
}
