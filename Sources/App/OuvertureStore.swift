import Domain
import Foundation
import Logging
import PostgresStore
import SQLiteStore

/// What the commands need of a store beyond the service's protocols.
public protocol StoreOuvert: Store {
    /// The national counters at a date by SQL alone, the yardstick of `tdb bench`.
    func compterEnSQL(date: Jour) async throws -> Compteurs
    /// The names of the schema migrations applied, in order.
    func migrationsAppliquees() async throws -> [String]
    /// Where the data lives, for people (a path, or an address without its password).
    var emplacement: String { get }
}

extension SQLiteStore: StoreOuvert {
    public var emplacement: String { "SQLite \(chemin)" }
}

extension PostgresStore: StoreOuvert {
    public var emplacement: String { "PostgreSQL \(adresse.hote):\(adresse.port)/\(adresse.base)" }
}

/// Opens the store the configuration names — PostgreSQL when `DATABASE_URL` (or `--database-url`) is set, else the
/// SQLite file — with its migrations applied, runs `corps`, then closes it. A PostgreSQL pool runs only meanwhile.
public func avecStore<T: Sendable>(_ config: AppConfig, _ corps: (any StoreOuvert) async throws -> T) async throws -> T
{
    if let url = config.databaseURL {
        return try await PostgresStore.avec(url: url) {
            $0.configurerSuivis(config.reglesSuivi)
            return try await corps($0)
        }
    }
    let store = try SQLiteStore(path: config.databasePath)
    store.configurerSuivis(config.reglesSuivi)
    return try await corps(store)
}
