import ArgumentParser
import Foundation

/// `tdb`: the service and its chores.
public struct TdbCommande: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "tdb",
        abstract: "Tableau de bord de l'apprentissage : collecte des effectifs des CFA, statuts et indicateurs.",
        subcommands: [Serve.self, Migrate.self, Import.self, ApiKey.self, Users.self, Demo.self, Bench.self])

    public init() {}
}

/// `--database PATH`, else `TDB_DATABASE`, else `./data/tdb.sqlite`.
struct OptionBase: ParsableArguments {
    @Option(name: .long, help: "Fichier SQLite (défaut : TDB_DATABASE ou ./data/tdb.sqlite).")
    var database: String?

    func config() throws -> AppConfig {
        var c = try AppConfig.depuis(environnement: ProcessInfo.processInfo.environment)
        if let database { c.databasePath = database }
        return c
    }
}

/// Prints to standard error (messages for the person at the terminal, not results).
func erreur(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}
