import ArgumentParser
import Domain
import Foundation
import Web

/// `tdb users suspend|reactivate|delete EMAIL` and `tdb users suspend-inactive`: the same operations as the
/// administration pages, journaled as done "par la ligne de commande".
extension Users {
    /// Runs an account operation on the configured store; domain refusals become a clear command-line error.
    static func avecComptes<T: Sendable>(_ base: OptionBase, _ corps: @Sendable (Comptes) async throws -> T)
        async throws -> T
    {
        let config = try base.config()
        do {
            return try await avecStore(config) { store in
                try await corps(
                    Comptes(
                        store: store, secrets: SecretsServeur(coutBcrypt: config.coutBcrypt), horloge: .live,
                        urlPublique: config.urlPublique))
            }
        } catch let e as ErreurComptes {
            throw ValidationError(e.message)
        } catch let e as ErreurSaisie {
            throw ValidationError(e.message)
        }
    }

    struct Suspend: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Suspend un compte : ses sessions sont fermées et il ne peut plus se connecter.")
        @OptionGroup var base: OptionBase
        @Argument(help: "Adresse e-mail du compte.") var email: String

        func run() async throws {
            try await Users.avecComptes(base) { try await $0.suspendre(email: email) }
            print("compte suspendu : \(email)")
        }
    }

    struct Reactivate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Réactive un compte suspendu.")
        @OptionGroup var base: OptionBase
        @Argument(help: "Adresse e-mail du compte.") var email: String

        func run() async throws {
            try await Users.avecComptes(base) { try await $0.reactiver(email: email) }
            print("compte réactivé : \(email)")
        }
    }

    struct Delete: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Supprime un compte : ses données personnelles sont effacées, ses sessions et ses liens fermés.")
        @OptionGroup var base: OptionBase
        @Argument(help: "Adresse e-mail du compte.") var email: String

        func run() async throws {
            try await Users.avecComptes(base) { try await $0.supprimer(email: email) }
            print("compte supprimé : \(email)")
        }
    }

    struct SuspendInactive: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "suspend-inactive",
            abstract:
                "Prévient les comptes sans connexion depuis 11 mois et suspend ceux sans connexion depuis 12 mois (tdb serve le fait chaque jour)."
        )
        @OptionGroup var base: OptionBase

        func run() async throws {
            let bilan = try await Users.avecComptes(base) { try await $0.appliquerInactivite() }
            print("comptes prévenus : \(bilan.avertis), comptes suspendus : \(bilan.suspendus)")
        }
    }
}
