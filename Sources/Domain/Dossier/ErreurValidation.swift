/// One problem of one item, as the reference reports it: the French message and the path of field names.
public struct ErreurValidation: Hashable, Sendable, Codable {
    public let path: [String]
    public let message: String

    public init(path: [String], message: String) {
        self.path = path
        self.message = message
    }

    public init(_ champ: String, _ message: String) { self.init(path: [champ], message: message) }
}

/// The French messages of the API, in one place (domain §2.3–2.5, `dossier_apprenant_v3_champs.csv`).
public enum Message {
    public static let stringAttendu = "String attendu"
    /// Not in the reference: a text cannot hold U+0000 in PostgreSQL, so it is refused on every backend alike.
    public static let caractereNul = "Le texte contient un caractère nul (U+0000), interdit"
    public static let numberAttendu = "Number attendu"
    public static let integerAttendu = "Integer attendu"
    public static let booleanAttendu = "Boolean attendu"
    public static let objectAttendu = "Object attendu"
    public static let champObligatoire = "Champ obligatoire"
    public static let dateInvalide = "Date invalide"
    public static let invalidDate = "Invalid date"
    /// Not in the reference: the national API stores year 1 or 9999 as given; we refuse it on its field.
    public static let dateHorsPlage = "Date peu plausible : elle doit être \(Jour.plagePlausible)"
    public static let anneeScolaire =
        "Format invalide (format attendu : 2023-2024). Les années doivent être consécutives ou identiques (ex : 2023-2024 ou 2023-2023)"
    public static let statutApprenant = "Valeurs possibles: 0,2,3"
    public static let email = "Email non valide"
    public static let codePostal = "Le code postal doit faire 5 caractères numériques exactement"
    public static let formatInvalide = "Format invalide"
    public static let sexe = "M, H ou F attendu"
    public static let uai = "UAI invalide"
    public static let siret = "Siret invalide. Format attendu : 14 chiffres"
    public static let cfd = "Code CFD invalide"
    public static let rncp = "Code RNCP invalide"
    public static let anneeFormationMin = "Number must be greater than or equal to 0"
    public static let anneeFormationMax = "Le chiffre doit être inférieur ou égal à 5"
    public static let invalidInput = "Invalid input"
    public static let dernierOrganismeUAI = "UAI ou département"
    public static let telephoneInvalide = "Numéro de téléphone invalide"
    public static let telephoneSpecial = "Numéro de téléphone est un numéro spécial"
    public static let formateurNonTrouve = "organisme formateur non trouvé"
    public static let responsableNonTrouve = "organisme responsable non trouvé"
    public static let dateFinAvantEntree =
        "La date de fin de formation doit être supérieure à la date d'entrée en formation"
    public static let horsPerimetreCle =
        "La clé API ne permet pas de transmettre pour cet organisme formateur : il n'est ni l'organisme de la clé, ni un organisme formateur dont celui-ci est responsable"
    public static let responsableHorsPerimetreCle =
        "La clé API ne permet pas de déclarer cet organisme responsable : il n'est ni l'organisme de la clé, ni un de ses organismes formateurs, ni un responsable de l'organisme formateur du dossier"

    public static func minLength(_ n: Int) -> String { "String must contain at least \(n) character(s)" }

    public static func contratDebutManquant(_ suffixe: String) -> String {
        "Information de contrat incomplète : contrat_date_debut\(suffixe) manquant mais ce champ est renseigné"
    }
    public static func contratDebutRequis(_ suffixe: String) -> String {
        "Information de contrat incomplète : contrat_date_fin\(suffixe), cause_rupture_contrat\(suffixe) ou contrat_date_rupture\(suffixe) nécessite la présence de contrat_date_debut\(suffixe)"
    }
    public static func doublonDansLeLot(premier: Int) -> String {
        "Doublon dans le lot : cet apprenant (même id_erp_apprenant, même organisme formateur, même année scolaire) est déjà transmis à l'élément \(premier) de ce lot ; seul le premier est pris en compte"
    }
    public static func typeCfa(received: String) -> String {
        let expected = (1...10).map { "'\($0 < 10 ? "0" : "")\($0)'" }.joined(separator: " | ")
        return "Invalid enum value. Expected \(expected), received '\(received)'"
    }
}
