import PostgresNIO

extension PostgresStore {
    /// Runs a statement as written, outside every rule of the store: for the tests that damage a row on purpose
    /// (`@_spi(Tests) import PostgresStore`).
    @_spi(Tests) public func executerBrut(_ sql: String) async throws {
        try await client.query(PostgresQuery(unsafeSQL: sql), logger: logger)
    }
}
