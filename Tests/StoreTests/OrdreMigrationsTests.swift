import GRDB
import Testing

@testable import PostgresStore
@testable import SQLiteStore

/// The migrations live in several files (by concept); put together, each backend applies them in number order, each
/// name once.
struct OrdreMigrationsTests {
    func enOrdre(_ noms: [String]) -> Bool {
        let numeros = noms.compactMap { Int($0.prefix(4)) }
        return numeros.count == noms.count && zip(numeros, numeros.dropFirst()).allSatisfy { $0 < $1 }
    }

    @Test func bothBackendsApplyTheirMigrationsInNumberOrder() {
        let sqlite = Migrations.migrator.migrations
        #expect(enOrdre(sqlite), "\(sqlite)")
        #expect(sqlite.first == "0001-organismes-effectifs-transmissions-cles" && sqlite.last == "0021-suivis-non-lus")
        let postgres = MigrationsPostgres.liste.map(\.nom)
        #expect(enOrdre(postgres), "\(postgres)")
        #expect(postgres.first == "0001-schema" && postgres.last == "0018-suivis-non-lus")
    }
}
