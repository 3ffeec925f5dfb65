import Domain
@_spi(Tests) import PostgresStore
@_spi(Tests) import SQLiteStore

/// Damages stored rows on purpose, as a hand edit or a cut-short write would: the statement runs on the store's own
/// database, outside its rules.
public func corrompre(_ store: any Store, _ sql: String) async throws {
    switch store {
    case let s as SQLiteStore: try await s.executerBrut(sql)
    case let s as PostgresStore: try await s.executerBrut(sql)
    default: preconditionFailure("corrompre : magasin inconnu \(type(of: store))")
    }
}

/// The `LigneIllisible` an operation throws, `nil` when it succeeds or throws something else.
public func ligneIllisible(_ operation: () async throws -> Void) async -> LigneIllisible? {
    do {
        try await operation()
        return nil
    } catch let erreur as LigneIllisible {
        return erreur
    } catch {
        return nil
    }
}
