import Outils

/// How the decoder reads a field: what `LecteurChamps` notes when the decoder runs with a `ReleveChamps`.
public enum NatureChamp: Sendable, Equatable {
    case texte
    case texteOuNombre
    /// A text of at least this many characters once trimmed.
    case texteNonVide(Int)
    /// A code checked by a rule (UAI, SIRET, CFD…): a text.
    case code
    /// A code checked by a rule, given as a text or a number.
    case codeOuNombre
    /// A code dropped without error when it is not valid.
    case codeIgnoreSiInvalide
    case date
    case booleen
    case email
    case telephone
    /// An integer (or a text holding one) in this range.
    case entier(ClosedRange<Int>)
    /// An integer kept only when it is in this range, dropped without error otherwise.
    case entierIgnoreSiInvalide(ClosedRange<Int>)
    /// One of these values.
    case enumeration([String])
    /// A code of the SIFA table of last situations.
    case codeSIFA
    /// Any value, kept as text.
    case libre
    /// Read to know whether it is given, never stored.
    case nonConserve

    /// The JSON type, in French.
    public var type: String {
        switch self {
        case .texte, .texteNonVide, .code, .date, .email: "chaîne"
        case .texteOuNombre, .codeOuNombre, .codeIgnoreSiInvalide, .telephone, .libre: "chaîne ou nombre"
        case .booleen: "booléen"
        case .entier, .entierIgnoreSiInvalide, .enumeration, .codeSIFA: "entier ou chaîne"
        case .nonConserve: "quelconque"
        }
    }

    /// What the value looks like, in French.
    public var format: String {
        switch self {
        case .texte, .texteOuNombre, .code, .codeOuNombre, .libre: ""
        case .texteNonVide(let n): "au moins \(n) caractère\(n > 1 ? "s" : "") (espaces retirés)"
        case .codeIgnoreSiInvalide: "ignoré sans erreur s'il n'est pas valide"
        case .date: "AAAA-MM-JJ ou date-heure ISO 8601 (le jour des 10 premiers caractères)"
        case .booleen: "true ou false"
        case .email: "adresse électronique"
        case .telephone: "numéro français ou international (+33…)"
        case .entier(let r): "entier de \(r.lowerBound) à \(r.upperBound)"
        case .entierIgnoreSiInvalide(let r): "entier de \(r.lowerBound) à \(r.upperBound), ignoré sinon"
        case .enumeration(let v): v.joined(separator: ", ")
        case .codeSIFA: "code de la table SIFA des dernières situations (0 : absent)"
        case .nonConserve: "jamais enregistré ni renvoyé"
        }
    }
}

/// What one run of the decoder noted: each field in reading order, how it is read, whether it is required.
final class ReleveChamps {
    private(set) var ordre: [String] = []
    private(set) var natures: [String: NatureChamp] = [:]
    private(set) var requis: Set<String> = []

    /// The first reading of a field says how it is read (`code` notes before the `texte` it calls).
    func noter(_ champ: String, _ nature: NatureChamp, requis estRequis: Bool) {
        if natures[champ] == nil {
            natures[champ] = nature
            ordre.append(champ)
        }
        if estRequis { requis.insert(champ) }
    }
}

/// The fields of an API v3 dossier as the validation reads them (`DecodeurDossier`): the same code run on probe
/// values, not a second copy of the rules. For the documentation's field-by-field table.
public struct DescriptionChamp: Sendable, Equatable {
    public let nom: String
    public let nature: NatureChamp
    public let requis: Bool
    /// The messages the validation gives for this field, in the order the probes met them.
    public let messages: [String]
}

public enum DescriptionDossier {
    /// Values tried on each field, alone in an item: what the validation answers for them is the field's messages.
    static let sondes: [JSONValue] = [
        .object([:]), .array([]), .bool(true), .number(1.5), .number(-1), .number(99), .string(""), .string("?"),
        .string("2024-02-30"), .string("0001-01-01"), .string("x@"), .string("0712345678"), .string("0899123456"),
        .string("0"),
    ]

    public static let champs: [DescriptionChamp] = {
        let releve = ReleveChamps()
        let vide = DecodeurDossier.decoder(.object([:]), releve: releve)
        var messages: [String: [String]] = [:]
        func noter(_ erreurs: [ErreurValidation], champ: String) {
            for e in erreurs where e.path == [champ] && !(messages[champ] ?? []).contains(e.message) {
                messages[champ, default: []].append(e.message)
            }
        }
        for champ in releve.ordre {
            noter(vide.erreurs, champ: champ)
            for sonde in sondes {
                noter(DecodeurDossier.decoder(.object([champ: sonde])).erreurs, champ: champ)
            }
        }
        return releve.ordre.compactMap { champ in
            releve.natures[champ].map {
                DescriptionChamp(
                    nom: champ, nature: $0, requis: releve.requis.contains(champ), messages: messages[champ] ?? [])
            }
        }
    }()
}
