import ArgumentParser
import Domain
import Foundation
import Web

struct ApiKey: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "api-key", abstract: "Clés d'API des organismes (ERP).", subcommands: [Create.self, Revoke.self])

    struct Cible: ParsableArguments {
        @Option(help: "UAI de l'organisme.") var uai: String
        @Option(help: "SIRET de l'organisme.") var siret: String

        func cle() throws -> OrganismeCle {
            guard let u = UAI(uai) else {
                throw ValidationError("UAI invalide : \(uai) (7 chiffres et une lettre attendus)")
            }
            guard let s = SIRET(siret) else {
                throw ValidationError("SIRET invalide : \(siret) (14 chiffres attendus)")
            }
            return OrganismeCle(uai: u, siret: s)
        }
    }

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Crée une clé pour un organisme ; la clé est affichée une seule fois, sur la dernière ligne.")
        @OptionGroup var base: OptionBase
        @OptionGroup var cible: Cible

        func run() async throws {
            try await base.avecStore { store in
                let cle = try cible.cle()
                guard let organisme = try await store.organisme(cle: cle) else {
                    throw ValidationError("organisme inconnu : \(cle) (importez d'abord le référentiel)")
                }
                let nouvelle = ClesApi.nouvelle()
                let creee = try await store.creerCleApi(
                    organisme: organisme.id, nom: "Créée en ligne de commande",
                    prefixe: CleApi.prefixe(de: nouvelle.valeur), hash: nouvelle.hash, now: Date())
                try await journaliserCommande(
                    store, "cle_api_creee", "clé \(creee.id) de l'organisme \(organisme.id) (\(cle))")
                print("clé créée pour \(organisme.nom) (\(cle)) ; conservez-la, elle ne sera plus affichée :")
                print(nouvelle.valeur)
            }
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Révoque les clés actives d'un organisme, ou une clé donnée.")
        @OptionGroup var base: OptionBase
        @Option(help: "UAI de l'organisme.") var uai: String?
        @Option(help: "SIRET de l'organisme.") var siret: String?
        @Option(help: "La clé à révoquer.") var key: String?

        func run() async throws {
            try await base.avecStore { store in
                var organisme: OrganismeID?
                if let uai, let siret {
                    let cle = try Cible.parse(["--uai", uai, "--siret", siret]).cle()
                    guard let o = try await store.organisme(cle: cle) else {
                        throw ValidationError("organisme inconnu : \(cle)")
                    }
                    organisme = o.id
                } else if key == nil {
                    throw ValidationError("indiquez --uai et --siret, ou --key")
                }
                let n = try await store.revoquerClesApi(organisme: organisme, hash: key.map(ClesApi.hash), now: Date())
                let cible = organisme.map { "les clés actives de l'organisme \($0)" } ?? "la clé donnée"
                try await journaliserCommande(store, "cle_api_revoquee", "\(cible) : \(n) clé(s) révoquée(s)")
                print("\(n) clé(s) révoquée(s)")
            }
        }
    }
}
