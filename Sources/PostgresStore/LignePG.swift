import Domain
import Foundation
import Outils
import PostgresNIO

/// A row read back, with what names it when one of its values cannot be read: its table and id. Every read of a
/// stored row goes through here: a value no write of ours produces (edited by hand, cut short…) is a thrown
/// `LigneIllisible`, never a force-unwrapped NULL.
struct LignePG: LigneStockee {
    let row: PostgresRandomAccessRow
    let table: String
    /// The column that identifies the row, or the identifier itself: read only when a value is illisible.
    private let colonneId: String
    private let identifiantDonne: String?

    /// `id`: the column that identifies the row in its table.
    init(_ row: PostgresRandomAccessRow, table: String, id colonne: String = "id") {
        self.row = row
        self.table = table
        colonneId = colonne
        identifiantDonne = nil
    }

    init(_ row: PostgresRandomAccessRow, table: String, identifiant: some CustomStringConvertible) {
        self.row = row
        self.table = table
        colonneId = "id"
        identifiantDonne = identifiant.description
    }

    var id: String { identifiantDonne ?? Self.identifiant(row, colonneId) }

    private static func identifiant(_ row: PostgresRandomAccessRow, _ colonne: String) -> String {
        guard row.contains(colonne) else { return "?" }
        if let i = try? row[colonne].decode(Int64.self) { return String(i) }
        if let t = try? row[colonne].decode(String.self) { return t }
        return "?"
    }

    func illisible(_ colonne: String) -> LigneIllisible { LigneIllisible(table: table, id: id, colonne: colonne) }

    /// The value of a column (an optional type accepts NULL).
    func exiger<T: PostgresDecodable>(_ colonne: String, _ type: T.Type = T.self) throws -> T {
        guard row.contains(colonne) else { throw illisible(colonne) }
        do { return try row[colonne].decode(T.self) } catch { throw illisible(colonne) }
    }

    func texteOuNul(_ colonne: String) throws -> String? { try exiger(colonne, String?.self) }

    func reelOuNul(_ colonne: String) throws -> Double? { try exiger(colonne, Double?.self) }
}
