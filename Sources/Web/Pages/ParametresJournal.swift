import Domain
import Foundation
import Hummingbird

/// The query of `/admin/journal` (and of its CSV), validated: an unknown or malformed parameter is a 400 naming
/// it. Empty values (a form sent with blank fields) mean "any".
struct ParametresJournal {
    static let pageMaximale = 100_000
    static let parPage = 50

    var filtre = FiltreJournal()
    var page = 1

    init(_ query: Parameters) throws {
        var erreurs: [ErreurValidation] = []
        var vus = Set<String>()
        for (cle, valeur) in query {
            let c = String(cle)
            let v = String(valeur).trimmingCharacters(in: .whitespaces)
            guard vus.insert(c).inserted else {
                erreurs.append(.init(c, "Paramètre donné plusieurs fois"))
                continue
            }
            if v.isEmpty && c != "page" && Self.connus.contains(c) { continue }
            switch c {
            case "action":
                if v.count <= 64,
                    v.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-" || $0 == "_") })
                {
                    filtre.action = v
                } else {
                    erreurs.append(
                        .init(
                            "action",
                            "Action invalide : lettres minuscules, chiffres, tirets et soulignés, 64 caractères au plus"
                        ))
                }
            case "utilisateur":
                if v.count <= 254 {
                    filtre.utilisateur = v
                } else {
                    erreurs.append(.init("utilisateur", "Adresse e-mail trop longue (254 caractères au plus)"))
                }
            case "organisation":
                if let n = Int64(v), n >= 1 {
                    filtre.organisation = OrganisationID(n)
                } else {
                    erreurs.append(.init("organisation", "Le numéro d'organisation doit être un entier positif"))
                }
            case "du":
                if let d = Jour(iso: v) {
                    filtre.du = d
                } else {
                    erreurs.append(.init("du", "Date invalide : format attendu AAAA-MM-JJ"))
                }
            case "au":
                if let d = Jour(iso: v) {
                    filtre.au = d
                } else {
                    erreurs.append(.init("au", "Date invalide : format attendu AAAA-MM-JJ"))
                }
            case "page":
                if let p = Int(v), (1...Self.pageMaximale).contains(p) {
                    page = p
                } else {
                    erreurs.append(.init("page", "La page doit être un entier de 1 à \(Self.pageMaximale)"))
                }
            default:
                erreurs.append(
                    .init(c, "Paramètre inconnu (acceptés : \(Self.connus.sorted().joined(separator: ", ")))"))
            }
        }
        if let du = filtre.du, let au = filtre.au, au < du {
            erreurs.append(.init("au", "La date de fin précède la date de début"))
        }
        if !erreurs.isEmpty { throw ErreurApi.parametres(erreurs) }
    }

    static let connus: Set<String> = ["action", "utilisateur", "organisation", "du", "au", "page"]

    /// The query string of these criteria, for links to other pages and to the CSV.
    func requete(page p: Int? = nil) -> String {
        var parts: [(String, String)] = []
        if let a = filtre.action { parts.append(("action", a)) }
        if let u = filtre.utilisateur { parts.append(("utilisateur", u)) }
        if let o = filtre.organisation { parts.append(("organisation", String(o.rawValue))) }
        if let d = filtre.du { parts.append(("du", d.description)) }
        if let d = filtre.au { parts.append(("au", d.description)) }
        if let p { parts.append(("page", String(p))) }
        return parts.map { "\($0.0)=\(Self.encoder($0.1))" }.joined(separator: "&")
    }

    static func encoder(_ s: String) -> String {
        var permis = CharacterSet.alphanumerics
        permis.insert(charactersIn: "-._~")
        return s.addingPercentEncoding(withAllowedCharacters: permis) ?? ""
    }
}
