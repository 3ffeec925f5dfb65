import ArgumentParser
import Domain
import Foundation

struct Demo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Remplit la base avec un pays de démonstration (organismes réels, apprenants fictifs).")
    @OptionGroup var base: OptionBase
    @Option(help: "Nombre d'effectifs à créer.") var effectifs = 200_000
    @Option(help: "Graine (même graine, même pays).") var seed: UInt64 = 42

    func run() async throws {
        try await base.avecStore { store in
            guard try await store.nombreEffectifs() == 0 else {
                throw ValidationError("la base contient déjà des effectifs : utilisez une base vide (--database)")
            }
            let bilan = try await RemplissageDemo(store: store, graine: seed).remplir(effectifs: effectifs) { n in
                erreur("  \(n) dossiers envoyés…")
            }
            print(
                "démonstration : \(bilan.organismes) organismes (\(bilan.transmetteurs) transmettent), \(bilan.effectifs) effectifs, "
                    + "\(bilan.rejetes) dossiers rejetés, en \(bilan.duree)")
            let demandes = try await DemandesDemo(
                store: store, motDePasse: ProcessInfo.processInfo.environment["TDB_PASSWORD"] ?? "Demo-Tableau-2026!"
            ).creer()
            print("démonstration : \(demandes) demandes de compte à valider (…@demande.demo.tdb)")
        }
    }
}
