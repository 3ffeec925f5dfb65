/// A small JSON writer that keeps the order of object keys, for documents whose field order matters to humans
/// (the echo of an item, the API responses written by hand).
public enum JSONTexte {
    /// An ordered JSON document.
    public indirect enum Noeud: Sendable {
        case valeur(JSONValue)
        case objet([(String, Noeud)])
        case liste([Noeud])

        public static func texte(_ s: String?) -> Noeud { s.map { .valeur(.string($0)) } ?? .valeur(.null) }
        public static func entier(_ n: Int?) -> Noeud { n.map { .valeur(.number(Double($0))) } ?? .valeur(.null) }
        public static func booleen(_ b: Bool) -> Noeud { .valeur(.bool(b)) }
    }

    public static func ecrire(_ n: Noeud) -> String {
        var out = ""
        out.reserveCapacity(256)
        ecrire(n, into: &out)
        return out
    }

    public static func ecrire(_ n: Noeud, into out: inout String) {
        switch n {
        case .valeur(let v): ecrire(v, into: &out)
        case .liste(let items):
            out.append("[")
            for (i, item) in items.enumerated() {
                if i > 0 { out.append(",") }
                ecrire(item, into: &out)
            }
            out.append("]")
        case .objet(let pairs):
            out.append("{")
            for (i, (k, v)) in pairs.enumerated() {
                if i > 0 { out.append(",") }
                chaine(k, into: &out)
                out.append(":")
                ecrire(v, into: &out)
            }
            out.append("}")
        }
    }

    public static func ecrire(_ v: JSONValue, into out: inout String) {
        switch v {
        case .null: out.append("null")
        case .bool(let b): out.append(b ? "true" : "false")
        case .number(let d):
            if d.isNaN || d.isInfinite { out.append("null") } else { out.append(v.javascriptString ?? "null") }
        case .string(let s): chaine(s, into: &out)
        case .array(let a): ecrire(.liste(a.map { .valeur($0) }), into: &out)
        case .object(let o): ecrire(.objet(o.sorted { $0.key < $1.key }.map { ($0.key, .valeur($0.value)) }), into: &out)
        }
    }

    static func chaine(_ s: String, into out: inout String) {
        out.append("\"")
        for u in s.unicodeScalars {
            switch u {
            case "\"": out.append("\\\"")
            case "\\": out.append("\\\\")
            case "\n": out.append("\\n")
            case "\r": out.append("\\r")
            case "\t": out.append("\\t")
            case _ where u.value < 0x20 || u.value == 0x2028 || u.value == 0x2029:
                let hex = String(u.value, radix: 16)
                out.append("\\u" + String(repeating: "0", count: 4 - hex.count) + hex)
            default: out.unicodeScalars.append(u)
            }
        }
        out.append("\"")
    }
}
