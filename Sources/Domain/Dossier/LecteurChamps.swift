import Outils

/// Reads the fields of one JSON item with the reference's rules, collecting one error per invalid field in the
/// order the fields are read. Top-level `null` is the same as absent (domain §2.1).
struct LecteurChamps {
    let champs: [String: JSONValue]
    private(set) var erreurs: [ErreurValidation] = []
    /// When set, each reading notes the field, how it is read and whether it is required (`DescriptionDossier`).
    let releve: ReleveChamps?

    init(_ champs: [String: JSONValue], releve: ReleveChamps? = nil) {
        self.champs = champs
        self.releve = releve
    }

    func valeur(_ champ: String) -> JSONValue? {
        guard let v = champs[champ], v != .null else { return nil }
        return v
    }

    /// `valeur`, for the decoder's own rules, noting how the field is read.
    func valeur(_ champ: String, lu nature: @autoclosure () -> NatureChamp) -> JSONValue? {
        releve?.noter(champ, nature(), requis: false)
        return valeur(champ)
    }

    mutating func erreur(_ champ: String, _ message: String) {
        erreurs.append(ErreurValidation(champ, message))
    }

    /// A string field (`String attendu` for any other type). `nombre` also accepts numbers, as `String(n)`.
    mutating func texte(_ champ: String, requis: Bool = false, nombre: Bool = false) -> String? {
        releve?.noter(champ, nombre ? .texteOuNombre : .texte, requis: requis)
        guard let v = valeur(champ) else {
            if requis { erreur(champ, Message.stringAttendu) }
            return nil
        }
        switch v {
        case .string(let s):
            if s.utf8.contains(0) {
                erreur(champ, Message.caractereNul)
                return nil
            }
            return s
        case .number where nombre: return v.javascriptString
        default:
            erreur(champ, Message.stringAttendu)
            return nil
        }
    }

    /// A trimmed string with a minimum length.
    mutating func texteNonVide(_ champ: String, min: Int = 1, requis: Bool = false) -> String? {
        releve?.noter(champ, .texteNonVide(min), requis: requis)
        guard let s = texte(champ, requis: requis)?.trimmingSpaces() else { return nil }
        guard s.count >= min else {
            erreur(champ, Message.minLength(min))
            return nil
        }
        return s
    }

    /// A string (or number) turned into a validated value; `message` when the rule fails.
    mutating func code<T>(
        _ champ: String, requis: Bool = false, nombre: Bool = true, message: String,
        _ make: (String) -> T?
    ) -> T? {
        releve?.noter(champ, nombre ? .codeOuNombre : .code, requis: requis)
        guard let s = texte(champ, requis: requis, nombre: nombre) else { return nil }
        guard let v = make(s) else {
            erreur(champ, message)
            return nil
        }
        return v
    }

    /// Like `code`, but an invalid value is silently dropped (SIRET employeur, code postal de naissance…).
    func codeRepare<T>(_ champ: String, _ make: (String) -> T?) -> T? {
        releve?.noter(champ, .codeIgnoreSiInvalide, requis: false)
        guard let v = valeur(champ), let s = v.javascriptString else { return nil }
        return make(s)
    }

    mutating func date(_ champ: String, requis: Bool = false) -> Jour? {
        releve?.noter(champ, .date, requis: requis)
        guard let v = valeur(champ) else {
            if requis { erreur(champ, Message.champObligatoire) }
            return nil
        }
        switch DateDossier.lire(v) {
        case .jour(let j): return j
        case .invalide: erreur(champ, Message.dateInvalide)
        case .impossible: erreur(champ, Message.invalidDate)
        case .horsPlage: erreur(champ, Message.dateHorsPlage)
        }
        return nil
    }

    mutating func booleen(_ champ: String) -> Bool? {
        releve?.noter(champ, .booleen, requis: false)
        guard let v = valeur(champ) else { return nil }
        guard case .bool(let b) = v else {
            erreur(champ, Message.booleanAttendu)
            return nil
        }
        return b
    }

    mutating func email(_ champ: String, trim: Bool = true) -> String? {
        releve?.noter(champ, .email, requis: false)
        guard let s = texte(champ) else { return nil }
        let v = trim ? s.trimmingSpaces() : s
        guard Email.estValide(v) else {
            erreur(champ, Message.email)
            return nil
        }
        return v
    }

    /// An integer read as JavaScript's `parseInt` reads a string; numbers must be integers.
    func entierParseInt(_ v: JSONValue) -> Int? {
        switch v {
        case .number(let n): return n == n.rounded() && abs(n) < 1e9 ? Int(n) : nil
        case .string(let s): return parseInt(s)
        default: return nil
        }
    }

    /// A duration silently dropped when empty, non-numeric, non-integer or out of range.
    func dureeReparee(_ champ: String, _ range: ClosedRange<Int>) -> Int? {
        releve?.noter(champ, .entierIgnoreSiInvalide(range), requis: false)
        guard let v = valeur(champ) else { return nil }
        let n: Double?
        switch v {
        case .number(let d): n = d
        case .string(let s): n = s.trimmingSpaces().isEmpty ? nil : Double(s.trimmingSpaces())
        default: n = nil
        }
        guard let n, n == n.rounded(), n >= Double(range.lowerBound), n <= Double(range.upperBound) else { return nil }
        return Int(n)
    }
}

/// JavaScript's `parseInt(s, 10)`: leading white space, an optional sign, then as many digits as there are.
func parseInt(_ s: String) -> Int? {
    var b = Array(s.trimmingSpaces().utf8)[...]
    var sign = 1
    if let f = b.first, f == UInt8(ascii: "-") || f == UInt8(ascii: "+") {
        sign = f == UInt8(ascii: "-") ? -1 : 1
        b = b.dropFirst()
    }
    let ds = b.prefix(while: isDigit)
    guard !ds.isEmpty, ds.count < 10 else { return nil }
    return sign * ds.reduce(0) { $0 * 10 + Int($1 - 48) }
}
