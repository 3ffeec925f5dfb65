import ArgumentParser
import Domain
import Foundation
import Web

struct Users: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Comptes utilisateurs.",
        subcommands: [CreateAdmin.self, Suspend.self, Reactivate.self, Delete.self, SuspendInactive.self])

    struct CreateAdmin: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "create-admin",
            abstract:
                "Crée un administrateur du service (mot de passe lu dans TDB_PASSWORD, sinon sur l'entrée standard).")
        @OptionGroup var base: OptionBase
        @Argument(help: "Adresse e-mail de l'administrateur.") var email: String

        func run() async throws {
            let config = try base.config()
            let motDePasse =
                ProcessInfo.processInfo.environment["TDB_PASSWORD"] ?? readLine(strippingNewline: true) ?? ""
            do {
                let u = try await avecStore(config) { store in
                    try await Comptes(
                        store: store, secrets: SecretsServeur(coutBcrypt: config.coutBcrypt), horloge: .live,
                        urlPublique: config.urlPublique
                    ).creerAdministrateur(email: email, motDePasse: motDePasse)
                }
                print("administrateur créé : \(u.email)")
            } catch let e as ErreurComptes {
                throw ValidationError(e.message)
            } catch let e as ErreurSaisie {
                throw ValidationError(e.message)
            }
        }
    }
}
