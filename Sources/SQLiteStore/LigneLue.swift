import Domain
import Foundation
import GRDB
import Outils

/// A row read back, with what names it when one of its values cannot be read: its table and id. GRDB's
/// non-optional subscripts stop the process on a NULL; every read of a stored row goes through here instead, and
/// a value no write of ours produces (edited by hand, cut short…) is a thrown `LigneIllisible`.
struct LigneLue {
    let row: Row
    let table: String
    let id: String

    /// `id`: the column that identifies the row in its table, or the identifier itself when the query does not
    /// select one.
    init(_ row: Row, table: String, id colonne: String = "id") {
        self.row = row
        self.table = table
        let v = row[colonne] as DatabaseValue?
        id = v.map { $0.isNull ? "?" : "\($0.storage.texte)" } ?? "?"
    }

    init(_ row: Row, table: String, identifiant: some CustomStringConvertible) {
        self.row = row
        self.table = table
        id = identifiant.description
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

    /// A text column read as a value of the domain (a school year, a day, an identifier…).
    func exiger<T>(_ colonne: String, _ convertir: (String) -> T?) throws -> T {
        try convertir(try exiger(colonne, String.self)).ou(illisible(colonne))
    }

    /// A nullable text column read as a value of the domain: NULL is `nil`, a text that does not convert an error.
    func optionnel<T>(_ colonne: String, _ convertir: (String) -> T?) throws -> T? {
        guard let texte = try exiger(colonne, String?.self) else { return nil }
        return try convertir(texte).ou(illisible(colonne))
    }

    /// An instant stored as seconds since 1970.
    func instant(_ colonne: String) throws -> Date { Date(timeIntervalSince1970: try exiger(colonne, Double.self)) }

    func instantOptionnel(_ colonne: String) throws -> Date? {
        try exiger(colonne, Double?.self).map(Date.init(timeIntervalSince1970:))
    }

    /// A JSON document stored in a TEXT column, read by `lire`.
    func json<T>(_ colonne: String, _ lire: (JSONValue) throws -> T) throws -> T {
        let texte = try exiger(colonne, String.self)
        do { return try lire(try document(texte)) } catch { throw illisible(colonne) }
    }

    /// A stored timeline.
    func parcours(_ colonne: String = "parcours") throws -> Parcours {
        let texte = try exiger(colonne, String.self)
        do { return try Parcours(texte: texte) } catch { throw illisible(colonne) }
    }
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
