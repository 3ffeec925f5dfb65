import Domain
import Mustache

/// A table of grouped counters (`tableau-indicateurs`): sortable headers whose links keep the rest of the query, a
/// row per territory, organisme or formation, and the total.
struct TableauIndicateursVue: Sendable {
    struct Entete: Sendable {
        let libelle: String
        let lien: String
        /// `ascending` or `descending` on the sorted column.
        let tri: String?
    }

    struct Ligne: Sendable {
        let libelle: String
        let code: String
        let lien: String?
        /// The five figures, formatted.
        let cellules: [String]
    }

    let titre: String
    /// The anchor of the table, and its sort parameter.
    let id: String
    let entetes: [Entete]
    let lignes: [Ligne]
    let total: [String]
    let tronque: String?
    let vide: Bool

    /// Sorted as the query's `parametreTri` says (`libelle`, an indicator key, `-` in front for descending; an
    /// unknown value is a 400), at most `limite` rows.
    static func construire(
        _ lignes: [LigneIndicateurs], titre: String, premiereColonne: String, parametreTri: String,
        query: [(String, String)], chemin: String, lien: (LigneIndicateurs) -> String? = { _ in nil },
        limite: Int = 500
    ) throws -> TableauIndicateursVue {
        try VueTableau.verifierTri(query, parametreTri)
        let colonnes = VueTableau.colonnes
        let tri = query.first { $0.0 == parametreTri }?.1 ?? "-apprenants"
        let descendant = tri.hasPrefix("-")
        let cle = descendant ? String(tri.dropFirst()) : tri
        // Sort positions, not the lines themselves (a line may carry a whole organisme).
        let ordre: [Int]
        if let colonne = colonnes.first(where: { $0.cle == cle }) {
            let valeurs = lignes.map { colonne.valeur($0.compteurs) }
            ordre = lignes.indices.sorted { i, j in
                valeurs[i] == valeurs[j]
                    ? lignes[i].libelle < lignes[j].libelle
                    : (descendant ? valeurs[i] > valeurs[j] : valeurs[i] < valeurs[j])
            }
        } else {
            ordre = lignes.indices.sorted { i, j in
                descendant ? lignes[i].libelle > lignes[j].libelle : lignes[i].libelle < lignes[j].libelle
            }
        }
        func lienTri(_ k: String) -> String {
            let suivant = cle == k && !descendant ? "-\(k)" : (cle == k ? k : (k == "libelle" ? k : "-\(k)"))
            return VueTableau.adresse(
                chemin, query.filter { $0.0 != parametreTri } + [(parametreTri, suivant)],
                ancre: parametreTri)
        }
        func entete(_ k: String, _ libelle: String) -> Entete {
            Entete(libelle: libelle, lien: lienTri(k), tri: cle == k ? (descendant ? "descending" : "ascending") : nil)
        }
        let total = lignes.reduce(Compteurs()) { $0 + $1.compteurs }
        return TableauIndicateursVue(
            titre: titre, id: parametreTri,
            entetes: [entete("libelle", premiereColonne)] + colonnes.map { entete($0.cle, $0.libelle) },
            lignes: ordre.prefix(limite).map { k in
                let l = lignes[k]
                return Ligne(libelle: l.libelle, code: l.cle, lien: lien(l), cellules: cellules(l.compteurs))
            },
            total: cellules(total),
            tronque: lignes.count > limite
                ? "Les \(limite) premières lignes sur \(nombre(lignes.count)) sont affichées." : nil,
            vide: lignes.isEmpty)
    }

    /// The five figures of a row, formatted.
    static func cellules(_ c: Compteurs) -> [String] { VueTableau.colonnes.map { nombre($0.valeur(c)) } }
}

// Rows and headers without reflection (a national table has a hundred rows); an absent link or sort is `false`
// rather than missing, so the lookup stops at the row instead of climbing the whole page.
extension TableauIndicateursVue.Ligne: MustacheParent {
    func child(named champ: String) -> Any? {
        switch champ {
        case "libelle": libelle
        case "code": code
        case "lien": (lien as Any?) ?? false
        case "cellules": cellules
        default: nil
        }
    }
}

extension TableauIndicateursVue.Entete: MustacheParent {
    func child(named champ: String) -> Any? {
        switch champ {
        case "libelle": libelle
        case "lien": lien
        case "tri": (tri as Any?) ?? false
        default: nil
        }
    }
}
