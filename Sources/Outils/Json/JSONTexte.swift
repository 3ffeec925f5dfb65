/// A small JSON writer that keeps the order of object keys, for documents whose field order matters to humans
/// (the echo of an item, the API responses written by hand).
public enum JSONTexte {
    /// An ordered JSON document.
    public enum Noeud: Sendable {
        case valeur(JSONValue)
        case objet([(String, Noeud)])
        case liste([Noeud])
        /// Already written JSON text.
        case ecrit([UInt8])

        public static func texte(_ s: String?) -> Noeud { s.map { .valeur(.string($0)) } ?? .valeur(.null) }
        public static func entier(_ n: Int?) -> Noeud { n.map { .valeur(.number(Double($0))) } ?? .valeur(.null) }
        public static func booleen(_ b: Bool) -> Noeud { .valeur(.bool(b)) }
    }

    public static func ecrire(_ n: Noeud) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(1024)
        ecrire(n, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    public static func ecrire(_ n: Noeud, into out: inout [UInt8]) {
        switch n {
        case .valeur(let v): ecrire(v, into: &out)
        case .ecrit(let texte): out.append(contentsOf: texte)
        case .liste(let items):
            out.append(UInt8(ascii: "["))
            for (i, item) in items.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                ecrire(item, into: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .objet(let pairs):
            out.append(UInt8(ascii: "{"))
            for (i, (k, v)) in pairs.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                chaine(k, into: &out)
                out.append(UInt8(ascii: ":"))
                ecrire(v, into: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    public static func ecrire(_ v: JSONValue, into out: inout [UInt8]) {
        switch v {
        case .null: out.append(contentsOf: "null".utf8)
        case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
        case .number(let d):
            out.append(contentsOf: (d.isNaN || d.isInfinite ? "null" : v.javascriptString ?? "null").utf8)
        case .string(let s): chaine(s, into: &out)
        case .array(let a): ecrire(.liste(a.map { .valeur($0) }), into: &out)
        case .object(let o):
            ecrire(.objet(o.sorted { $0.key < $1.key }.map { ($0.key, .valeur($0.value)) }), into: &out)
        }
    }

    private static let hex: [UInt8] = Array("0123456789abcdef".utf8)

    public static func chaine(_ s: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var s = s
        s.withUTF8 { bytes in
            // Fast path: nothing to escape, copy in one go.
            if !bytes.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
                out.append(contentsOf: bytes)
                return
            }
            for c in bytes {
                switch c {
                case UInt8(ascii: "\""): out.append(contentsOf: [UInt8(ascii: "\\"), c])
                case UInt8(ascii: "\\"): out.append(contentsOf: [c, c])
                case 0x0A: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
                case 0x0D: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
                case 0x09: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
                case 0..<0x20:
                    out.append(contentsOf: [
                        UInt8(ascii: "\\"), UInt8(ascii: "u"), 48, 48, hex[Int(c >> 4)], hex[Int(c & 15)],
                    ])
                default: out.append(c)
                }
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
