import Domain
import Foundation
import Hummingbird

/// The pieces every dashboard page shows, as view models for the templates: counters, filters kept in the URL,
/// sortable tables, the evolution and its table.
enum VueTableau {
    /// The query of a page without its empty values (a form sends every field).
    static func requete(_ request: Request) -> [(String, String)] {
        request.uri.queryParameters.map { (String($0.key), String($0.value)) }.filter { !$0.1.isEmpty }
    }

    /// The indicator filters of a page; an unknown or malformed parameter is a 400 page that names it.
    static func filtres(_ query: [(String, String)], aujourdhui: Jour, autorises: [String] = FiltresIndicateurs.parametres,
                        autres: [String]) throws -> FiltresIndicateurs {
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
            throw ErreurApi.parametre(parametre, "Tri attendu : \(cles.joined(separator: ", ")), précédé de - pour l'ordre décroissant")
        }
    }

    /// The five counters as cards.
    static func compteurs(_ c: Compteurs) -> [[String: Any]] {
        [
            ["cle": "apprenants", "libelle": "Apprenants", "valeur": nombre(c.apprenants),
             "aide": "apprentis, inscrits sans contrat et rupturants"],
            ["cle": "apprentis", "libelle": "Apprentis", "valeur": nombre(c.apprentis), "aide": "avec un contrat en cours"],
            ["cle": "inscrits", "libelle": "Inscrits sans contrat", "valeur": nombre(c.inscrits), "aide": "en formation, sans contrat encore"],
            ["cle": "rupturants", "libelle": "Rupturants", "valeur": nombre(c.rupturants), "aide": "contrat rompu, toujours en formation"],
            ["cle": "abandons", "libelle": "Sorties d'apprentissage", "valeur": nombre(c.abandons), "aide": "ont quitté la formation"],
        ]
    }

    static let colonnes: [(cle: String, libelle: String, valeur: @Sendable (Compteurs) -> Int)] = [
        ("apprenants", "Apprenants", { $0.apprenants }), ("apprentis", "Apprentis", { $0.apprentis }),
        ("inscrits", "Inscrits sans contrat", { $0.inscrits }), ("rupturants", "Rupturants", { $0.rupturants }),
        ("abandons", "Sorties", { $0.abandons }),
    ]

    /// The value of an indicator by its key (`apprentis`…), for the map.
    static func valeur(_ c: Compteurs, _ cle: String) -> Int { colonnes.first { $0.cle == cle }?.valeur(c) ?? c.apprentis }

    /// A table of grouped counters, sorted as `tri` says (`libelle`, an indicator key, `-` in front for descending),
    /// with header links that keep the rest of the query.
    static func tableau(_ lignes: [LigneIndicateurs], titre: String, premiereColonne: String, parametreTri: String,
                        query: [(String, String)], chemin: String, lien: (LigneIndicateurs) -> String? = { _ in nil },
                        limite: Int = 500) throws -> [String: Any] {
        try verifierTri(query, parametreTri)
        let tri = query.first { $0.0 == parametreTri }?.1 ?? "-apprenants"
        let descendant = tri.hasPrefix("-")
        let cle = descendant ? String(tri.dropFirst()) : tri
        // Sort positions, not the lines themselves (a line may carry a whole organisme).
        let ordre: [Int]
        if let colonne = colonnes.first(where: { $0.cle == cle }) {
            let valeurs = lignes.map { colonne.valeur($0.compteurs) }
            ordre = lignes.indices.sorted { i, j in
                valeurs[i] == valeurs[j] ? lignes[i].libelle < lignes[j].libelle : (descendant ? valeurs[i] > valeurs[j] : valeurs[i] < valeurs[j])
            }
        } else {
            ordre = lignes.indices.sorted { i, j in descendant ? lignes[i].libelle > lignes[j].libelle : lignes[i].libelle < lignes[j].libelle }
        }
        let triees = ordre.prefix(limite).map { lignes[$0] }
        func lienTri(_ k: String) -> String {
            let suivant = cle == k && !descendant ? "-\(k)" : (cle == k ? k : (k == "libelle" ? k : "-\(k)"))
            return adresse(chemin, query.filter { $0.0 != parametreTri } + [(parametreTri, suivant)], ancre: parametreTri)
        }
        func entete(_ k: String, _ libelle: String) -> [String: Any] {
            var e: [String: Any] = ["cle": k, "libelle": libelle, "lien": lienTri(k)]
            if cle == k { e["tri"] = descendant ? "descending" : "ascending" }
            return e
        }
        let total = lignes.reduce(Compteurs()) { $0 + $1.compteurs }
        return [
            "titre": titre, "id": parametreTri,
            "entetes": [entete("libelle", premiereColonne)] + colonnes.map { entete($0.cle, $0.libelle) },
            "lignes": triees.map { l -> [String: Any] in
                var m: [String: Any] = ["libelle": l.libelle, "code": l.cle, "cellules": cellules(l.compteurs)]
                if let u = lien(l) { m["lien"] = u }
                return m
            },
            "total": cellules(total),
            "tronque": lignes.count > limite ? "Les \(limite) premières lignes sur \(nombre(lignes.count)) sont affichées." : "",
            "vide": lignes.isEmpty,
        ]
    }

    /// The five figures of a row as table cells, written at once (digits and spaces only: nothing to escape),
    /// which spares the template thousands of small sections on a national table.
    static func cellules(_ c: Compteurs) -> String {
        colonnes.map { "<td>\(nombre($0.valeur(c)))</td>" }.joined()
    }

    /// An address with a query, values percent-encoded.
    static func adresse(_ chemin: String, _ query: [(String, String)], ancre: String? = nil) -> String {
        var c = URLComponents()
        c.path = chemin
        if !query.isEmpty { c.queryItems = query.map { URLQueryItem(name: $0.0, value: $0.1) } }
        return (c.string ?? chemin) + (ancre.map { "#\($0)" } ?? "")
    }

    /// The monthly evolution: the chart and the same figures as a table.
    static func evolution(_ points: [(mois: String, date: Jour, compteurs: Compteurs)]) -> [String: Any] {
        [
            "svg": GraphiqueEvolution.svg(points),
            "legende": GraphiqueEvolution.series.map { ["libelle": $0.libelle, "couleur": $0.couleur] },
            "lignes": points.map { p in
                ["mois": moisLong(p.date), "cellules": cellules(p.compteurs)] as [String: Any]
            },
            "entetes": colonnes.map { ["libelle": $0.libelle] },
        ]
    }

    /// The filter form: current values selected, lists of territories, réseaux, levels and age bands.
    static func formulaireFiltres(_ f: FiltresIndicateurs, perimetre: Perimetre, complets: Bool = true, territoires: Bool = true)
        -> [String: Any]
    {
        let t = Territoires.france
        /// `<option>` elements written at once (escaped): a hundred départements are one string, not a hundred sections.
        func options(_ items: [(String, String)], _ choisis: Set<String>) -> String {
            items.map { "<option value=\"\(echapper($0.0))\"\(choisis.contains($0.0) ? " selected" : "")>\(echapper($0.1))</option>" }
                .joined()
        }
        var m: [String: Any] = [
            "date": f.date.description,
            "regions": options(t.regions.map { ($0.code, $0.nom) }, f.regions),
            "departements": options(t.departements.map { ($0.code, "\($0.code) — \($0.nom)") }, f.departements),
            "academies": options(t.academies.map { ($0.code, $0.nom) }, f.academies),
            "reseaux": options(Reseau.reference.map { ($0.cle, $0.nom) }, f.reseaux),
            "niveaux": options(FormationCatalogue.libellesNiveaux.sorted { $0.key < $1.key }.map { (String($0.key), $0.value) },
                               Set(f.niveaux.map(String.init))),
            "tranches": options(FiltresIndicateurs.TrancheAge.allCases.map { ($0.rawValue, libelle($0)) },
                                Set(f.tranchesAge.map(\.rawValue))),
            "recherche": f.organismeRecherche ?? "",
            "cfd": f.cfds.sorted().joined(separator: ","),
            "perimetre": perimetre.libelle,
            "complets": complets,
            "territoires": territoires,
        ]
        m["actifs"] = !(f.regions.isEmpty && f.departements.isEmpty && f.academies.isEmpty && f.reseaux.isEmpty
                        && f.niveaux.isEmpty && f.tranchesAge.isEmpty && f.organismeRecherche == nil && f.cfds.isEmpty)
        return m
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
