import Foundation

/// A stored row as both stores read it back (`LigneLue` for SQLite, `LignePG` for PostgreSQL): a value that no write
/// of ours produces is a thrown `LigneIllisible` naming the table, the id and the column, never a stop of the
/// process. Each store reads its own types; the conversions into the field's values are written once, here.
public protocol LigneStockee {
    func illisible(_ colonne: String) -> LigneIllisible
    /// A text column; NULL is `nil`, any other type an error.
    func texteOuNul(_ colonne: String) throws -> String?
    /// A real column; NULL is `nil`, any other type an error.
    func reelOuNul(_ colonne: String) throws -> Double?
}

extension LigneStockee {
    /// A text column read as a value of the domain (a school year, a day, an identifier…).
    public func exiger<T>(_ colonne: String, _ convertir: (String) -> T?) throws -> T {
        try convertir(try texteOuNul(colonne).ou(illisible(colonne))).ou(illisible(colonne))
    }

    /// An instant stored as seconds since 1970.
    public func instant(_ colonne: String) throws -> Date {
        Date(timeIntervalSince1970: try reelOuNul(colonne).ou(illisible(colonne)))
    }

    public func instantOptionnel(_ colonne: String) throws -> Date? {
        try reelOuNul(colonne).map(Date.init(timeIntervalSince1970:))
    }

    /// A stored timeline.
    public func parcours(_ colonne: String = "parcours") throws -> Parcours {
        let texte = try texteOuNul(colonne).ou(illisible(colonne))
        do { return try Parcours(texte: texte) } catch { throw illisible(colonne) }
    }
}
