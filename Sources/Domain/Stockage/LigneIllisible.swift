/// A stored row that cannot be read back (a value no write of ours produces: edited by hand, cut short…). The
/// request that met it fails with this error instead of stopping the process; start-up reports it.
public struct LigneIllisible: Error, Sendable, CustomStringConvertible {
    public let table: String
    public let id: String
    public let colonne: String

    public init(table: String, id: some CustomStringConvertible, colonne: String) {
        self.table = table
        self.id = id.description
        self.colonne = colonne
    }

    public var description: String { "ligne illisible dans la table \(table) (id \(id)) : colonne \(colonne)" }
}

extension Optional {
    /// The value, or the error naming the row it should have come from.
    public func ou(_ erreur: @autoclosure () -> LigneIllisible) throws -> Wrapped {
        guard let self else { throw erreur() }
        return self
    }
}
