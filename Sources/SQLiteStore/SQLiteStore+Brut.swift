import GRDB

extension SQLiteStore {
    /// Runs a statement as written, outside every rule of the store: for the tests that damage a row on purpose
    /// (`@_spi(Tests) import SQLiteStore`).
    @_spi(Tests) public func executerBrut(_ sql: String) async throws {
        try await pool.write { try $0.execute(sql: sql) }
    }
}
