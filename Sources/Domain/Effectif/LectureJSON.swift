import Foundation
import Outils

/// The fields of a JSON object being written, in order; a `nil` value leaves the field out.
struct ChampsJSON {
    /// The object's text so far, written as the fields are set (a stored learner is written at every change).
    private var texte: [UInt8] = [UInt8(ascii: "{")]

    init() { texte.reserveCapacity(256) }

    /// Adds a field (write-only: the text is not read back); nil and null values are left out.
    subscript(cle: String) -> JSONTexte.Noeud? {
        get { nil }
        set {
            guard let newValue else { return }
            if case .valeur(.null) = newValue { return }
            if texte.count > 1 { texte.append(UInt8(ascii: ",")) }
            JSONTexte.chaine(cle, into: &texte)
            texte.append(UInt8(ascii: ":"))
            JSONTexte.ecrire(newValue, into: &texte)
        }
    }

    var noeud: JSONTexte.Noeud { .ecrit(texte + [UInt8(ascii: "}")]) }
}

extension JSONTexte.Noeud {
    static func jour(_ j: Jour?) -> JSONTexte.Noeud { texte(j?.description) }
    static func booleen(_ b: Bool?) -> JSONTexte.Noeud { b.map { .valeur(.bool($0)) } ?? .valeur(.null) }
    /// Instants as seconds since 1970 (milliseconds kept).
    static func instant(_ d: Date) -> JSONTexte.Noeud {
        .valeur(.number((d.timeIntervalSince1970 * 1000).rounded() / 1000))
    }
}

/// A stored document that does not have the expected shape.
public struct ErreurLectureJSON: Error, CustomStringConvertible {
    public let champ: String
    public var description: String { "document stocké illisible : champ \(champ)" }
}

/// Reads the fields of a stored JSON object.
struct LectureJSON {
    let o: [String: JSONValue]

    init(_ v: JSONValue) throws {
        guard case .object(let o) = v else { throw ErreurLectureJSON(champ: "objet") }
        self.o = o
    }

    func valeur(_ k: String) -> JSONValue { o[k] ?? .null }

    func optionnel(_ k: String) -> String? {
        if case .string(let s) = o[k] { return s }
        return nil
    }

    func texte(_ k: String) throws -> String {
        guard let s = optionnel(k) else { throw ErreurLectureJSON(champ: k) }
        return s
    }

    func requis<T>(_ k: String, _ make: (String) -> T?) throws -> T {
        guard let v = optionnel(k).flatMap(make) else { throw ErreurLectureJSON(champ: k) }
        return v
    }

    func entierOptionnel(_ k: String) -> Int? {
        if case .number(let n) = o[k] { return Int(n) }
        return nil
    }

    func entier(_ k: String) throws -> Int {
        guard let n = entierOptionnel(k) else { throw ErreurLectureJSON(champ: k) }
        return n
    }

    func booleen(_ k: String) -> Bool? {
        if case .bool(let b) = o[k] { return b }
        return nil
    }

    func jourOptionnel(_ k: String) -> Jour? { optionnel(k).flatMap(Jour.init(iso:)) }
    func jour(_ k: String) throws -> Jour { try requis(k, Jour.init(iso:)) }

    func instant(_ k: String) throws -> Date {
        guard case .number(let n) = o[k] else { throw ErreurLectureJSON(champ: k) }
        return Date(timeIntervalSince1970: n)
    }

    func liste(_ k: String) throws -> [JSONValue] {
        switch o[k] {
        case .array(let a): return a
        case nil, .null: return []
        default: throw ErreurLectureJSON(champ: k)
        }
    }

    func objetOptionnel(_ k: String) -> JSONValue? {
        if case .object = o[k] { return o[k] }
        return nil
    }
}
