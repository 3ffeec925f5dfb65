/// Parses JSON text into a `JSONValue`. Ingestion reads every request body with it: Foundation's `JSONDecoder`
/// can only learn a value's type by failing to decode it as each other type, which costs more than all the rest
/// of a 2000-item batch. Strict RFC 8259 grammar; duplicate keys keep the last value, as JavaScript does.
public struct AnalyseurJSON {
    public struct Erreur: Error, Equatable, CustomStringConvertible {
        public let position: Int
        public let raison: String
        public var description: String { "\(raison) (octet \(position))" }
    }

    static let profondeurMaximale = 256

    private let b: UnsafeBufferPointer<UInt8>
    var i = 0
    /// The expected number of fields of the objects at depth 1 (the items of a batch), to size them at once.
    var champsParElement = 0

    init(_ b: UnsafeBufferPointer<UInt8>) { self.b = b }

    public static func analyser<C: Collection>(_ bytes: C) throws(Erreur) -> JSONValue where C.Element == UInt8 {
        let array = Array(bytes)
        return try array.withUnsafeBufferPointer { (buffer) throws(Erreur) -> JSONValue in
            var p = AnalyseurJSON(buffer)
            p.espaces()
            let v = try p.valeur(profondeur: 0)
            p.espaces()
            guard p.i == buffer.count else { throw p.erreur("contenu inattendu après la valeur JSON") }
            return v
        }
    }

    public static func analyser(_ text: String) throws(Erreur) -> JSONValue { try analyser(Array(text.utf8)) }

    private func erreur(_ raison: String) -> Erreur { Erreur(position: i, raison: raison) }

    mutating func espaces() {
        while i < b.count, Self.estEspace(b[i]) { i += 1 }
    }

    /// JSON's white space: space, line feed, carriage return, tab.
    static func estEspace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 }

    mutating func valeur(profondeur: Int) throws(Erreur) -> JSONValue {
        guard profondeur < Self.profondeurMaximale else { throw erreur("imbrication trop profonde") }
        guard i < b.count else { throw erreur("fin de texte inattendue") }
        switch b[i] {
        case UInt8(ascii: "{"): return try objet(profondeur: profondeur)
        case UInt8(ascii: "["): return try liste(profondeur: profondeur)
        case UInt8(ascii: "\""): return .string(try chaine())
        case UInt8(ascii: "t"):
            try mot("true")
            return .bool(true)
        case UInt8(ascii: "f"):
            try mot("false")
            return .bool(false)
        case UInt8(ascii: "n"):
            try mot("null")
            return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try nombre())
        default: throw erreur("valeur JSON attendue")
        }
    }

    private mutating func mot(_ m: StaticString) throws(Erreur) {
        let n = m.utf8CodeUnitCount
        guard i + n <= b.count else { throw erreur("valeur JSON attendue") }
        for k in 0..<n where b[i + k] != m.utf8Start[k] { throw erreur("valeur JSON attendue") }
        i += n
    }

    private mutating func objet(profondeur: Int) throws(Erreur) -> JSONValue {
        i += 1
        var o = [String: JSONValue](minimumCapacity: profondeur == 1 ? champsParElement : 0)
        espaces()
        if i < b.count, b[i] == UInt8(ascii: "}") {
            i += 1
            return .object(o)
        }
        while true {
            espaces()
            guard i < b.count, b[i] == UInt8(ascii: "\"") else { throw erreur("nom de champ entre guillemets attendu") }
            let cle = try chaine()
            espaces()
            guard i < b.count, b[i] == UInt8(ascii: ":") else { throw erreur("« : » attendu") }
            i += 1
            espaces()
            o[cle] = try valeur(profondeur: profondeur + 1)
            espaces()
            guard i < b.count else { throw erreur("fin de texte inattendue") }
            if b[i] == UInt8(ascii: ",") {
                i += 1
                continue
            }
            if b[i] == UInt8(ascii: "}") {
                i += 1
                return .object(o)
            }
            throw erreur("« , » ou « } » attendu")
        }
    }

    private mutating func liste(profondeur: Int) throws(Erreur) -> JSONValue {
        i += 1
        var a: [JSONValue] = []
        espaces()
        if i < b.count, b[i] == UInt8(ascii: "]") {
            i += 1
            return .array(a)
        }
        while true {
            espaces()
            a.append(try valeur(profondeur: profondeur + 1))
            espaces()
            guard i < b.count else { throw erreur("fin de texte inattendue") }
            if b[i] == UInt8(ascii: ",") {
                i += 1
                continue
            }
            if b[i] == UInt8(ascii: "]") {
                i += 1
                return .array(a)
            }
            throw erreur("« , » ou « ] » attendu")
        }
    }

    private mutating func chaine() throws(Erreur) -> String {
        i += 1
        let debut = i
        while i < b.count, b[i] != UInt8(ascii: "\""), b[i] != UInt8(ascii: "\\"), b[i] >= 0x20 { i += 1 }
        guard i < b.count else { throw erreur("chaîne non terminée") }
        if b[i] == UInt8(ascii: "\"") {
            let s = String(decoding: UnsafeBufferPointer(rebasing: b[debut..<i]), as: UTF8.self)
            i += 1
            return s
        }
        var octets = Array(b[debut..<i])
        while true {
            guard i < b.count else { throw erreur("chaîne non terminée") }
            let c = b[i]
            if c == UInt8(ascii: "\"") {
                i += 1
                return String(decoding: octets, as: UTF8.self)
            }
            guard c >= 0x20 else { throw erreur("caractère de contrôle dans une chaîne") }
            if c != UInt8(ascii: "\\") {
                octets.append(c)
                i += 1
                continue
            }
            i += 1
            guard i < b.count else { throw erreur("chaîne non terminée") }
            let e = b[i]
            i += 1
            switch e {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): octets.append(e)
            case UInt8(ascii: "b"): octets.append(0x08)
            case UInt8(ascii: "f"): octets.append(0x0C)
            case UInt8(ascii: "n"): octets.append(0x0A)
            case UInt8(ascii: "r"): octets.append(0x0D)
            case UInt8(ascii: "t"): octets.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = try hex4()
                if (0xD800..<0xDC00).contains(scalar), i + 1 < b.count, b[i] == UInt8(ascii: "\\"),
                    b[i + 1] == UInt8(ascii: "u")
                {
                    i += 2
                    let low = try hex4()
                    if (0xDC00..<0xE000).contains(low) { scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00) }
                }
                octets.append(contentsOf: Array(String(Unicode.Scalar(scalar).map(Character.init) ?? "\u{FFFD}").utf8))
            default: throw erreur("échappement invalide dans une chaîne")
            }
        }
    }

    private mutating func hex4() throws(Erreur) -> UInt32 {
        guard i + 4 <= b.count else { throw erreur("échappement \\u incomplet") }
        var v: UInt32 = 0
        for _ in 0..<4 {
            let c = b[i]
            let d: UInt8
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): d = c - 48
            case UInt8(ascii: "a")...UInt8(ascii: "f"): d = c - 87
            case UInt8(ascii: "A")...UInt8(ascii: "F"): d = c - 55
            default: throw erreur("échappement \\u invalide")
            }
            v = v << 4 | UInt32(d)
            i += 1
        }
        return v
    }

    private mutating func nombre() throws(Erreur) -> Double {
        let debut = i
        if b[i] == UInt8(ascii: "-") { i += 1 }
        guard i < b.count, isDigit(b[i]) else { throw erreur("nombre invalide") }
        if b[i] == UInt8(ascii: "0") { i += 1 } else { while i < b.count, isDigit(b[i]) { i += 1 } }
        if i < b.count, b[i] == UInt8(ascii: ".") {
            i += 1
            guard i < b.count, isDigit(b[i]) else { throw erreur("nombre invalide") }
            while i < b.count, isDigit(b[i]) { i += 1 }
        }
        if i < b.count, b[i] == UInt8(ascii: "e") || b[i] == UInt8(ascii: "E") {
            i += 1
            if i < b.count, b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") { i += 1 }
            guard i < b.count, isDigit(b[i]) else { throw erreur("nombre invalide") }
            while i < b.count, isDigit(b[i]) { i += 1 }
        }
        let texte = String(decoding: UnsafeBufferPointer(rebasing: b[debut..<i]), as: UTF8.self)
        guard let d = Double(texte) else { throw erreur("nombre invalide") }
        return d
    }
}

@inline(__always) private func isDigit(_ c: UInt8) -> Bool { c >= 48 && c <= 57 }
