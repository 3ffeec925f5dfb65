import Domain
import Outils
import Foundation
import PostgresNIO

/// A row read back, with what names it when one of its values cannot be read: its table and id. Every read of a
/// stored row goes through here: a value no write of ours produces (edited by hand, cut short…) is a thrown
/// `LigneIllisible`, never a force-unwrapped NULL.
struct LignePG {
    let row: PostgresRandomAccessRow
    let table: String
    let id: String

    /// `id`: the column that identifies the row in its table.
    init(_ row: PostgresRandomAccessRow, table: String, id colonne: String = "id") {
        self.row = row
        self.table = table
        id = Self.identifiant(row, colonne)
    }

    init(_ row: PostgresRandomAccessRow, table: String, identifiant: some CustomStringConvertible) {
        self.row = row
        self.table = table
        id = identifiant.description
    }

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

    /// A text column read as a value of the domain (a school year, a day, an identifier…).
    func exiger<T>(_ colonne: String, _ convertir: (String) -> T?) throws -> T {
        try convertir(try exiger(colonne, String.self)).ou(illisible(colonne))
    }

    /// A nullable text column read as a value of the domain: NULL is `nil`, a text that does not convert an error.
    func optionnel<T>(_ colonne: String, _ convertir: (String) -> T?) throws -> T? {
        guard let texte = try exiger(colonne, String?.self) else { return nil }
        return try convertir(texte).ou(illisible(colonne))
    }

    /// An instant stored as epoch seconds.
    func instant(_ colonne: String) throws -> Date { Date(timeIntervalSince1970: try exiger(colonne, Double.self)) }

    func instantOptionnel(_ colonne: String) throws -> Date? {
        try exiger(colonne, Double?.self).map(Date.init(timeIntervalSince1970:))
    }

    /// A JSON document stored in a text column, read by `lire`.
    func json<T>(_ colonne: String, _ lire: (JSONValue) throws -> T) throws -> T {
        let texte = try exiger(colonne, String.self)
        do { return try lire(try AnalyseurJSON.analyser(Array(texte.utf8))) } catch { throw illisible(colonne) }
    }

    /// A stored timeline.
    func parcours(_ colonne: String = "parcours") throws -> Parcours {
        let texte = try exiger(colonne, String.self)
        do { return try Parcours(texte: texte) } catch { throw illisible(colonne) }
    }
}
