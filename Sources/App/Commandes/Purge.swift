import ArgumentParser
import Domain
import Foundation

/// `tdb purge [--dry-run]`: applies the retention policy once (the service also runs it every day).
struct PurgeCommande: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "purge",
        abstract:
            "Applique la politique de conservation des données : pseudonymise, vide, supprime ce qui a dépassé sa durée.",
        discussion:
            "Écrit le nombre de données traitées par genre au journal et l'affiche. --dry-run compte sans rien modifier."
    )
    @OptionGroup var base: OptionBase
    @Flag(name: .customLong("dry-run"), help: "Compte ce qui serait purgé, sans rien modifier.") var simulation = false

    func run() async throws {
        try await base.avecStore { store in
            let bilan = try await Purge(store: store, horloge: .live).executer(simulation: simulation)
            print(Self.tableau(bilan))
        }
    }

    /// One line per kind: its name, its rule, how many.
    static func tableau(_ bilan: Purge.Bilan, politique: PolitiqueRetention = .defaut) -> String {
        let titre = bilan.simulation ? "à traiter (simulation, rien n'est modifié)" : "traitées"
        var lignes = [("genre", "règle", titre)]
        for (genre, n) in bilan.lignes {
            let r = politique.regle(genre)
            lignes.append((genre.rawValue, r.map { "\($0.libelleDuree) → \($0.action.rawValue)" } ?? "", String(n)))
        }
        let l0 = lignes.map(\.0.count).max() ?? 0
        let l1 = lignes.map(\.1.count).max() ?? 0
        func pad(_ s: String, _ n: Int) -> String { s + String(repeating: " ", count: max(0, n - s.count)) }
        return lignes.map { "\(pad($0.0, l0))  \(pad($0.1, l1))  \($0.2)" }.joined(separator: "\n")
    }
}
