import Domain
import Foundation

/// The monthly evolution drawn as an SVG line chart on the server: one line per indicator, a labelled axis, a dot per
/// month with its value as tooltip. The same figures are given in a table next to it for screen readers.
enum GraphiqueEvolution {
    struct Serie: Sendable {
        let libelle: String
        let couleur: String
        let valeur: @Sendable (Compteurs) -> Int
    }

    static let series = [
        Serie(libelle: "Apprentis", couleur: "#000091", valeur: { $0.apprentis }),
        Serie(libelle: "Inscrits sans contrat", couleur: "#009081", valeur: { $0.inscrits }),
        Serie(libelle: "Rupturants", couleur: "#c9191e", valeur: { $0.rupturants }),
        Serie(libelle: "Sorties d'apprentissage", couleur: "#716043", valeur: { $0.abandons }),
    ]

    /// Five equal, readable steps up to at least `maximum`.
    static func graduations(_ maximum: Int) -> [Int] {
        let pas = Double(max(maximum, 1)) / 5
        let puissance = pow(10, floor(log10(max(pas, 1))))
        let arrondi = max(1, Int((pas / puissance).rounded(.up) * puissance))
        return (1...5).map { $0 * arrondi }
    }

    static func svg(_ points: [(mois: String, date: Jour, compteurs: Compteurs)]) -> String {
        let largeur = 720.0
        let hauteur = 300.0
        let gauche = 64.0
        let droite = 40.0
        let haut = 16.0
        let bas = 40.0
        let maximum = max(1, points.flatMap { p in series.map { $0.valeur(p.compteurs) } }.max() ?? 1)
        let graduation = graduations(maximum)
        let plafond = Double(graduation.last ?? maximum)
        let n = max(points.count - 1, 1)
        func x(_ k: Int) -> Double { gauche + (largeur - gauche - droite) * Double(k) / Double(n) }
        func y(_ v: Int) -> Double { haut + (hauteur - haut - bas) * (1 - Double(v) / plafond) }
        var s = """
            <svg class="graphique__svg" viewBox="0 0 \(Int(largeur)) \(Int(hauteur))" role="img" \
            aria-labelledby="graphique-titre" xmlns="http://www.w3.org/2000/svg">
            <title id="graphique-titre">Évolution mensuelle des effectifs</title>

            """
        for v in [0] + graduation {
            s +=
                "<line class=\"graphique__grille\" x1=\"\(gauche)\" x2=\"\(largeur - droite)\" y1=\"\(y(v))\" y2=\"\(y(v))\"/>"
            s +=
                "<text class=\"graphique__texte\" x=\"\(gauche - 8)\" y=\"\(y(v) + 4)\" text-anchor=\"end\">\(nombre(v))</text>\n"
        }
        let pas = max(1, points.count / 8)
        for (k, p) in points.enumerated() where k % pas == 0 || k == points.count - 1 {
            s +=
                "<text class=\"graphique__texte\" x=\"\(x(k))\" y=\"\(hauteur - bas + 18)\" text-anchor=\"middle\">\(echapper(p.mois))</text>\n"
        }
        for serie in series {
            let trace = points.enumerated().map { k, p in "\(k == 0 ? "M" : "L")\(x(k)),\(y(serie.valeur(p.compteurs)))"
            }.joined()
            s += "<path class=\"graphique__ligne\" d=\"\(trace)\" stroke=\"\(serie.couleur)\"/>\n"
            for (k, p) in points.enumerated() {
                let v = serie.valeur(p.compteurs)
                s +=
                    "<circle cx=\"\(x(k))\" cy=\"\(y(v))\" r=\"3\" fill=\"\(serie.couleur)\"><title>\(echapper(serie.libelle)), "
                    + "\(echapper(p.mois)) : \(nombre(v))</title></circle>"
            }
            s += "\n"
        }
        return s + "</svg>"
    }
}
