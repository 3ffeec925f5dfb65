import ArgumentParser
import Foundation
import Hummingbird

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Lance le service HTTP.")

    @OptionGroup var base: OptionBase
    @Option(help: "Adresse d'écoute (défaut : TDB_HOST ou 127.0.0.1).") var host: String?
    @Option(help: "Port d'écoute, 0 pour un port libre (défaut : TDB_PORT ou 8080).") var port: Int?
    @Flag(help: "Remplit d'abord une base sans effectifs avec un pays de démonstration.") var demo = false
    @Option(help: "Effectifs de démonstration (avec --demo).") var demoEffectifs = 200_000

    func run() async throws {
        var config = try base.config()
        if let host { config.host = host }
        if let port { config.port = port }
        try await avecStore(config) { store in
            if demo, try await store.nombreEffectifs() == 0 {
                erreur("base sans effectifs : création d'un pays de démonstration (\(demoEffectifs) effectifs)…")
                let bilan = try await RemplissageDemo(store: store).remplir(effectifs: demoEffectifs) { n in
                    erreur("  \(n)…")
                }
                erreur("démonstration prête : \(bilan.effectifs) effectifs en \(bilan.duree)")
            }
            let emplacement = store.emplacement
            let app = try await construireApplication(config: config, store: store) { adresse in
                FileHandle.standardOutput.write(Data("tdb écoute sur \(adresse) (\(emplacement))\n".utf8))
            }
            try await app.runService()
        }
    }
}

struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Crée ou met à jour le schéma de la base.")
    @OptionGroup var base: OptionBase

    func run() async throws {
        try await base.avecStore { store in
            for m in try await store.migrationsAppliquees() { print("appliquée : \(m)") }
            print("base à jour : \(store.emplacement)")
        }
    }
}
