import Domain
import Foundation
import GRDB
import Outils

/// A row read back, with what names it when one of its values cannot be read: its table and id. GRDB's
/// non-optional subscripts stop the process on a NULL; every read of a stored row goes through here instead, and
/// a value no write of ours produces (edited by hand, cut short…) is a thrown `LigneIllisible`.
struct LigneLue: LigneStockee {
    let row: Row
    let table: String
    /// The column that identifies the row, or the identifier itself: read only when a value is illisible (rows are
    /// read by the million at start-up).
    private let colonneId: String
    private let identifiant: String?

    /// `id`: the column that identifies the row in its table.
    init(_ row: Row, table: String, id colonne: String = "id") {
        self.row = row
        self.table = table
        colonneId = colonne
        identifiant = nil
    }

    /// For a query that does not select the row's identifier: the identifier itself.
    init(_ row: Row, table: String, identifiant: some CustomStringConvertible) {
        self.row = row
        self.table = table
        colonneId = "id"
        self.identifiant = identifiant.description
    }

    var id: String {
        if let identifiant { return identifiant }
        let v = row[colonneId] as DatabaseValue?
        return v.map { $0.isNull ? "?" : "\($0.storage.texte)" } ?? "?"
    }

    func illisible(_ colonne: String) -> LigneIllisible { LigneIllisible(table: table, id: id, colonne: colonne) }

    /// The value of a column (an optional type accepts NULL). Strict: a text where a number is expected, or a number
    /// where a text is, is an error (SQLite's own conversions would make `'hier'` a date of 1970).
    func exiger<T: DatabaseValueConvertible>(_ colonne: String, _ type: T.Type = T.self) throws -> T {
        guard row.hasColumn(colonne), let valeur = T.fromDatabaseValue((row[colonne] as DatabaseValue?) ?? .null) else {
            throw illisible(colonne)
        }
        return valeur
    }

    /// The value of a column by position, for the rows read by the million (the index at start-up).
    func exiger<T: DatabaseValueConvertible>(_ position: Int, _ colonne: String, _ type: T.Type = T.self) throws -> T {
        guard position < row.count, let valeur = T.fromDatabaseValue((row[position] as DatabaseValue?) ?? .null) else {
            throw illisible(colonne)
        }
        return valeur
    }

    /// The same, on SQLite's own fast path for the types that have one: NULL is an error for a non-optional type,
    /// but SQLite converts between numbers and texts there (these reads are the index's, by the million).
    func exiger<T: DatabaseValueConvertible & StatementColumnConvertible>(
        _ position: Int, _ colonne: String, _ type: T.Type = T.self
    ) throws -> T {
        guard position < row.count else { throw illisible(colonne) }
        do { return try row.decode(T.self, atIndex: position) } catch { throw illisible(colonne) }
    }

    func texteOuNul(_ colonne: String) throws -> String? { try exiger(colonne, String?.self) }

    func reelOuNul(_ colonne: String) throws -> Double? { try exiger(colonne, Double?.self) }
}

extension DatabaseValue.Storage {
    fileprivate var texte: String {
        switch self {
        case .null: "?"
        case .int64(let i): String(i)
        case .double(let d): String(d)
        case .string(let s): s
        case .blob(let b): "\(b.count) octets"
        }
    }
}

extension SQLiteStore {
    /// A stored record (the effectif's JSON document).
    static func effectif(record: String, id: some CustomStringConvertible) throws -> Effectif {
        do { return try Effectif(json: document(record)) } catch {
            throw LigneIllisible(table: "effectifs", id: id, colonne: "record")
        }
    }
}
