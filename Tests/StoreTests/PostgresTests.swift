import Domain
import Foundation
import PostgresStore
import TestSupport
import Testing

/// What only PostgreSQL has: several instances starting together on one database, and its addresses.
@Suite(
    .enabled(
        if: Backend.postgresDisponible,
        "PostgreSQL absent (DATABASE_URL non définie) : la suite de contrat n'a tourné que sur SQLite"))
struct PostgresTests {
    @Test func instancesStartingTogetherMigrateOnce() async throws {
        let url = try await Backend.postgresql.nouvelleBase()
        // Four instances open the empty database at the same moment: one migrates, the others wait on the lock.
        let migrations = try await withThrowingTaskGroup(of: [String].self) { groupe in
            for _ in 0..<4 {
                groupe.addTask { try await PostgresStore.avec(url: url) { try await $0.migrationsAppliquees() } }
            }
            return try await groupe.reduce(into: []) { $0.append($1) }
        }
        #expect(migrations.count == 4)
        #expect(Set(migrations).count == 1)
        #expect(migrations[0].first == "0001-schema")
        let versions = try await PostgresStore.avec(url: url) { try await $0.versions() }
        #expect(versions == VersionsBase(effectifs: 0, organismes: 1))
    }
}

struct AdressePostgresTests {
    @Test func addressesAreReadOrRefusedWithAReason() throws {
        let a = try AdressePostgres("postgres://tdb:s%40cret@db.example:6543/tableau?sslmode=disable")
        #expect(a.hote == "db.example" && a.port == 6543 && a.utilisateur == "tdb" && a.motDePasse == "s@cret")
        #expect(a.base == "tableau" && a.tls == "disable")
        #expect(try AdressePostgres("postgresql://localhost/tdb").port == 5432)
        #expect(throws: AdressePostgres.Invalide.self) { try AdressePostgres("mysql://localhost/tdb") }
        #expect(throws: AdressePostgres.Invalide.self) { try AdressePostgres("postgres://localhost") }
        #expect(throws: AdressePostgres.Invalide.self) {
            try AdressePostgres("postgres://localhost/tdb?sslmode=verify")
        }
    }
}
