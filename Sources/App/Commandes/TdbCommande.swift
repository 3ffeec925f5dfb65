import ArgumentParser
import Foundation

/// `tdb`: the service and its chores.
public struct TdbCommande: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "tdb",
        abstract: "Tableau de bord de l'apprentissage : collecte des effectifs des CFA, statuts et indicateurs.",
        subcommands: [
            Serve.self, Migrate.self, Import.self, ApiKey.self, Users.self, Emails.self, Demo.self, Bench.self,
            PurgeCommande.self, Backup.self, ApprenantCommande.self, Jobs.self,
        ])

    public init() {}
}

/// `--database-url postgres://…`, else `DATABASE_URL`: PostgreSQL; otherwise `--database PATH`, else `TDB_DATABASE`,
/// else `./data/tdb.sqlite`.
struct OptionBase: ParsableArguments {
    @Option(name: .long, help: "Fichier SQLite (défaut : TDB_DATABASE ou ./data/tdb.sqlite).")
    var database: String?
    @Option(
        name: .long, help: "Base PostgreSQL postgres://utilisateur:mot-de-passe@hôte:port/base (défaut : DATABASE_URL)."
    )
    var databaseUrl: String?

    func config() throws -> AppConfig {
        var env = ProcessInfo.processInfo.environment
        if let databaseUrl { env["DATABASE_URL"] = databaseUrl }
        // An explicit SQLite file wins over a PostgreSQL address from the environment.
        if database != nil && databaseUrl == nil { env["DATABASE_URL"] = nil }
        var c = try AppConfig.depuis(environnement: env)
        if let database { c.databasePath = database }
        return c
    }

    /// Runs `corps` with the store these options name.
    func avecStore<T: Sendable>(_ corps: (any StoreOuvert) async throws -> T) async throws -> T {
        try await App.avecStore(try config(), corps)
    }
}

/// Prints to standard error (messages for the person at the terminal, not results).
func erreur(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}
