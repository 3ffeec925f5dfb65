import Domain
import Foundation
import Hummingbird

/// What the dashboard pages share: the query and its filters (a malformed one is a 400 naming it), the page
/// number and sort of a table, the five indicator columns, addresses that keep a query. Their view models are in
/// `Pages/Vues`.
enum VueTableau {
    /// The query of a page without its empty values (a form sends every field).
    static func requete(_ request: Request) -> [(String, String)] {
        request.uri.queryParameters.map { (String($0.key), String($0.value)) }.filter { !$0.1.isEmpty }
    }

    /// The indicator filters of a page; an unknown or malformed parameter is a 400 page that names it.
    static func filtres(
        _ query: [(String, String)], aujourdhui: Jour, autorises: [String] = FiltresIndicateurs.parametres,
        autres: [String]
    ) throws -> FiltresIndicateurs {
        do {
            return try FiltresIndicateurs.lire(query, aujourdhui: aujourdhui, autorises: autorises, autres: autres)
        } catch {
            throw ErreurApi.parametres(error.erreurs)
        }
    }

    /// The highest page number of a paged list (50 000 000 rows at 50 a page: more than any list holds).
    static let pageMaximale = 1_000_000

    /// The page number of a paged list: absent is 1; anything but an integer from 1 to `pageMaximale` is a 400.
    static func numeroDePage(_ texte: String?, parametre: String = "page") throws -> Int {
        guard let texte else { return 1 }
        guard let n = Int(texte), (1...pageMaximale).contains(n) else {
            throw ErreurApi.parametre(parametre, "La page doit être un entier de 1 à \(pageMaximale)")
        }
        return n
    }

    /// The sort of a table (`libelle` or an indicator key, `-` in front for descending); anything else is a 400.
    static func verifierTri(_ query: [(String, String)], _ parametre: String) throws {
        guard let tri = query.first(where: { $0.0 == parametre })?.1 else { return }
        let cle = tri.hasPrefix("-") ? String(tri.dropFirst()) : tri
        guard cle == "libelle" || colonnes.contains(where: { $0.cle == cle }) else {
            let cles = ["libelle"] + colonnes.map(\.cle)
            throw ErreurApi.parametre(
                parametre, "Tri attendu : \(cles.joined(separator: ", ")), précédé de - pour l'ordre décroissant")
        }
    }

    static let colonnes: [(cle: String, libelle: String, valeur: @Sendable (Compteurs) -> Int)] = [
        ("apprenants", "Apprenants", { $0.apprenants }), ("apprentis", "Apprentis", { $0.apprentis }),
        ("inscrits", "Inscrits sans contrat", { $0.inscrits }), ("rupturants", "Rupturants", { $0.rupturants }),
        ("abandons", "Sorties", { $0.abandons }),
    ]

    /// The value of an indicator by its key (`apprentis`…), for the map.
    static func valeur(_ c: Compteurs, _ cle: String) -> Int {
        colonnes.first { $0.cle == cle }?.valeur(c) ?? c.apprentis
    }

    /// An address with a query, values percent-encoded.
    static func adresse(_ chemin: String, _ query: [(String, String)], ancre: String? = nil) -> String {
        var c = URLComponents()
        c.path = chemin
        if !query.isEmpty { c.queryItems = query.map { URLQueryItem(name: $0.0, value: $0.1) } }
        return (c.string ?? chemin) + (ancre.map { "#\($0)" } ?? "")
    }

    static func libelle(_ t: FiltresIndicateurs.TrancheAge) -> String {
        switch t {
        case .moins18: "Moins de 18 ans"
        case .de18a20: "18 à 20 ans"
        case .de21a25: "21 à 25 ans"
        case .plus26: "26 ans et plus"
        }
    }
}
