import Domain
import Foundation
import PostgresStore
import SQLiteStore

/// The backends a test runs against: SQLite always, PostgreSQL when `DATABASE_URL` names a server (CI starts one:
/// `scripts/avec-postgres.sh`).
public enum Backend: String, Sendable, CaseIterable, CustomStringConvertible {
    case sqlite
    case postgresql

    public var description: String { rawValue }

    /// The address of the PostgreSQL server given to the tests, if any.
    public static var urlPostgres: String? {
        ProcessInfo.processInfo.environment["DATABASE_URL"].flatMap { $0.isEmpty ? nil : $0 }
    }

    public static var postgresDisponible: Bool { urlPostgres != nil }

    /// The backends available here.
    public static var actifs: [Backend] { postgresDisponible ? [.sqlite, .postgresql] : [.sqlite] }

    /// A fresh, empty database of this backend: a file path for SQLite, an address for PostgreSQL.
    public func nouvelleBase() async throws -> String {
        let nom = "tdb_test_\(UUID().uuidString.lowercased().prefix(12))"
        switch self {
        case .sqlite:
            return FileManager.default.temporaryDirectory.appendingPathComponent("\(nom)/test.sqlite").path
        case .postgresql:
            return try await PostgresStore.creerBase(aCoteDe: Backend.urlPostgres!, nom: nom)
        }
    }

    /// Runs `corps` with a store on a fresh database.
    public func avecStore<T: Sendable>(_ corps: (any Store) async throws -> T) async throws -> T {
        let base = try await nouvelleBase()
        switch self {
        case .sqlite: return try await corps(try SQLiteStore(path: base))
        case .postgresql: return try await PostgresStore.avec(url: base) { try await corps($0) }
        }
    }
}
