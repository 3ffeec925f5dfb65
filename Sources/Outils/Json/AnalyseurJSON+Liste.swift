import Foundation

extension AnalyseurJSON {
    /// Parses a JSON text like `analyser`, but when it is an array its elements are parsed on every core: a quick
    /// scan finds where each element starts and ends (strings and nesting respected), then each element goes
    /// through the full parser. The result, and on bad input the error (found by the plain parser), are those of
    /// `analyser`.
    public static func analyserEnParallele<C: Collection>(_ bytes: C) throws(Erreur) -> JSONValue
    where C.Element == UInt8 {
        let array = Array(bytes)
        let valeurs: [JSONValue?]? = array.withUnsafeBufferPointer { b in
            var d = Decoupe(b)
            guard let bornes = d.elements(), bornes.count > 1 else { return nil }
            // Each element is parsed in place; the first one tells how many fields the others will likely have.
            let tampon = UncheckedSendable(b)
            let premier = AnalyseurJSON.element(tampon.valeur, bornes[0], champs: 0)
            let champs = premier.flatMap { if case .object(let o) = $0 { o.count } else { nil } } ?? 0
            return [premier]
                + Array(bornes.dropFirst()).carteParallele { r in
                    AnalyseurJSON.element(tampon.valeur, r, champs: champs)
                }
        }
        guard let valeurs else { return try analyser(array) }
        var elements: [JSONValue] = []
        elements.reserveCapacity(valeurs.count)
        for v in valeurs {
            guard let v else { return try analyser(array) }  // the plain parser says where and why
            elements.append(v)
        }
        return .array(elements)
    }
}

extension AnalyseurJSON {
    /// The value that exactly fills `r` in `b`, at depth 1; nil when it is not one valid JSON value.
    fileprivate static func element(_ b: UnsafeBufferPointer<UInt8>, _ r: Range<Int>, champs: Int) -> JSONValue? {
        var p = AnalyseurJSON(UnsafeBufferPointer(rebasing: b[..<r.upperBound]))
        p.i = r.lowerBound
        p.champsParElement = champs
        guard let v = try? p.valeur(profondeur: 1), p.i == r.upperBound else { return nil }
        return v
    }
}

/// Finds the byte range of each element of a top-level JSON array without building anything. It only has to be
/// right on valid JSON: every range is then parsed strictly, and any doubt sends the whole text to the plain parser.
private struct Decoupe {
    let b: UnsafeBufferPointer<UInt8>
    var i = 0

    init(_ b: UnsafeBufferPointer<UInt8>) { self.b = b }

    /// The elements' ranges, or nil when the text is not a well-delimited array.
    mutating func elements() -> [Range<Int>]? {
        espaces()
        guard i < b.count, b[i] == UInt8(ascii: "[") else { return nil }
        i += 1
        var bornes: [Range<Int>] = []
        espaces()
        if i < b.count, b[i] == UInt8(ascii: "]") {
            i += 1
            espaces()
            return i == b.count ? [] : nil
        }
        while true {
            espaces()
            let debut = i
            guard sauterValeur() else { return nil }
            bornes.append(debut..<i)
            espaces()
            guard i < b.count else { return nil }
            if b[i] == UInt8(ascii: ",") {
                i += 1
                continue
            }
            guard b[i] == UInt8(ascii: "]") else { return nil }
            i += 1
            espaces()
            return i == b.count ? bornes : nil
        }
    }

    private mutating func espaces() {
        while i < b.count, AnalyseurJSON.estEspace(b[i]) { i += 1 }
    }

    /// Moves past one value: a string, a nested object or array (up to its matching bracket), or a bare word.
    private mutating func sauterValeur() -> Bool {
        guard i < b.count else { return false }
        switch b[i] {
        case UInt8(ascii: "\""): return sauterChaine()
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            var profondeur = 0
            while i < b.count {
                switch b[i] {
                case UInt8(ascii: "\""):
                    guard sauterChaine() else { return false }
                    continue
                case UInt8(ascii: "{"), UInt8(ascii: "["): profondeur += 1
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    profondeur -= 1
                    if profondeur == 0 {
                        i += 1
                        return true
                    }
                default: break
                }
                i += 1
            }
            return false
        default:
            let debut = i
            while i < b.count, b[i] != UInt8(ascii: ","), b[i] != UInt8(ascii: "]"), b[i] > 0x20 { i += 1 }
            return i > debut
        }
    }

    private mutating func sauterChaine() -> Bool {
        i += 1
        while i < b.count {
            if b[i] == UInt8(ascii: "\"") {
                i += 1
                return true
            }
            i += b[i] == UInt8(ascii: "\\") ? 2 : 1
        }
        return false
    }
}
