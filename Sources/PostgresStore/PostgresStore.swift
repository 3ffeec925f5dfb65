import Domain
import Foundation
import Logging
import PostgresNIO

/// The shared store: one PostgreSQL database, reached through a pool of connections (`PostgresClient`). Several
/// instances of the service may use it at once. The client does nothing until `run()` runs (a service of the
/// application, or a task of a command: `PostgresStore.avec`).
public final class PostgresStore: Store {
    let client: PostgresClient
    let logger: Logger
    public let adresse: AdressePostgres
    /// The rules and coverage cases are derived under (`configurerSuivis`).
    let etatSuivis = EtatSuivis()

    public init(url: String, logger: Logger = Logger(label: "tdb.postgres")) throws {
        adresse = try AdressePostgres(url)
        self.client = PostgresClient(configuration: adresse.configuration, backgroundLogger: logger)
        self.logger = logger
    }

    /// Runs the connection pool until the task is cancelled.
    public func run() async { await client.run() }

    /// Runs `corps` with the pool running and the migrations applied, then stops the pool.
    public static func avec<T: Sendable>(url: String, _ corps: (PostgresStore) async throws -> T) async throws -> T {
        // The pool warns when used before `run()` has started, which the task below may not have yet: it only
        // queues the request, so a short-lived pool logs errors only.
        var logger = Logger(label: "tdb.postgres")
        logger.logLevel = .error
        let store = try PostgresStore(url: url, logger: logger)
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await store.run() }
            defer { group.cancelAll() }
            try await store.migrer()
            return try await corps(store)
        }
    }

    public func verifier() async throws {
        _ = try await valeur("SELECT 1::bigint", Int64.self)
    }

    // MARK: - Helpers

    /// Every row of a query, each read at once.
    func lignes<T>(_ q: PostgresQuery, _ lire: (PostgresRandomAccessRow) throws -> T) async throws -> [T] {
        var resultat: [T] = []
        for try await row in try await client.query(q, logger: logger) {
            resultat.append(try lire(row.makeRandomAccess()))
        }
        return resultat
    }

    func ligne<T>(_ q: PostgresQuery, _ lire: (PostgresRandomAccessRow) throws -> T) async throws -> T? {
        try await lignes(q, lire).first
    }

    func valeur<T: PostgresDecodable>(_ q: PostgresQuery, _ type: T.Type) async throws -> T? {
        try await ligne(q) { try $0[0].decode(T.self) }
    }

    func executer(_ q: PostgresQuery) async throws {
        try await client.query(q, logger: logger)
    }

    /// Runs a statement ending in `RETURNING …`; returns how many rows it changed.
    func nombreModifies(_ q: PostgresQuery) async throws -> Int {
        try await lignes(q) { _ in 0 }.count
    }

    /// Runs `corps` in one transaction on one connection; rolls back and rethrows its error as is.
    func transaction<T: Sendable>(_ corps: (Connexion) async throws -> T) async throws -> T {
        try await client.withConnection { connection in
            let c = Connexion(connection: connection, logger: logger)
            try await c.executer("BEGIN")
            do {
                let r = try await corps(c)
                try await c.executer("COMMIT")
                return r
            } catch {
                try? await c.executer("ROLLBACK")
                throw error
            }
        }
    }

    /// A connection inside a transaction.
    struct Connexion {
        let connection: PostgresConnection
        let logger: Logger

        func lignes<T>(_ q: PostgresQuery, _ lire: (PostgresRandomAccessRow) throws -> T) async throws -> [T] {
            var resultat: [T] = []
            for try await row in try await connection.query(q, logger: logger) {
                resultat.append(try lire(row.makeRandomAccess()))
            }
            return resultat
        }

        func valeur<T: PostgresDecodable>(_ q: PostgresQuery, _ type: T.Type) async throws -> T? {
            try await lignes(q) { try $0[0].decode(T.self) }.first
        }

        /// Runs a statement ending in `RETURNING …`; returns how many rows it changed.
        func nombreModifies(_ q: PostgresQuery) async throws -> Int {
            try await lignes(q) { _ in 0 }.count
        }

        func executer(_ q: PostgresQuery) async throws {
            for try await _ in try await connection.query(q, logger: logger) {}
        }
    }
}

extension Date {
    var epoch: Double { timeIntervalSince1970 }
}

extension PostgresStore {
    /// Creates an empty database next to the one `url` names (same server and user); returns its address.
    /// For tests and benchmarks that each need a database of their own.
    public static func creerBase(aCoteDe url: String, nom: String) async throws -> String {
        let adresse = try AdressePostgres(url)
        var logger = Logger(label: "tdb.postgres")
        logger.logLevel = .error
        let client = PostgresClient(configuration: adresse.configuration, backgroundLogger: logger)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await client.run() }
            defer { group.cancelAll() }
            try await client.query(PostgresQuery(unsafeSQL: "CREATE DATABASE \"\(nom)\""))
        }
        guard var c = URLComponents(string: url) else { return url }
        c.path = "/" + nom
        return c.string ?? url
    }
}
