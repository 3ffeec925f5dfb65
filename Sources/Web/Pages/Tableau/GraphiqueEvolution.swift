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

    /// A round step of about `brut`: 1, 2, 2.5 or 5 times a power of ten (2.5 only from 10 on: steps are integers).
    static func pasRond(_ brut: Double) -> Int {
        let puissance = pow(10, floor(log10(max(brut, 1))))
        let f = max(brut, 1) / puissance
        let facteur: Double = f <= 1 ? 1 : f <= 2 ? 2 : (f <= 2.5 && puissance >= 10) ? 2.5 : f <= 5 ? 5 : 10
        return max(1, Int((facteur * puissance).rounded()))
    }

    /// The ticks of the value axis, fitted to the data: round steps from a round value at or below the smallest
    /// value to one at or above the largest, about `cible` of them. The axis starts at 0 unless the smallest value is
    /// above half the largest: from 0 the curve would then be flat.
    static func graduations(minimum: Int, maximum: Int, cible: Int = 5) -> [Int] {
        let maximum = max(maximum, 0)
        let bas = minimum > maximum / 2 ? max(minimum, 0) : 0
        let pas = pasRond(Double(max(maximum - bas, 1)) / Double(max(cible - 1, 1)))
        let debut = bas / pas * pas
        var ticks = [debut]
        while let dernier = ticks.last, dernier < maximum { ticks.append(dernier + pas) }
        if ticks.count == 1 { ticks.append(debut + pas) }
        return ticks
    }

    /// `janv.`, `févr.`… as the French abbreviate months.
    static let moisAbreges = [
        "janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc.",
    ]

    static func moisCourt(_ j: Jour) -> String { moisAbreges[j.components.month - 1] }

    /// The indices of the months that carry a label: one every `pas` months counting back from the last, so that
    /// the latest month is always named and labels never crowd.
    static func moisEtiquetes(_ nombre: Int, etiquettes: Int) -> [Int] {
        guard nombre > 0 else { return [] }
        let pas = max(1, Int((Double(nombre) / Double(max(etiquettes, 1))).rounded(.up)))
        return stride(from: nombre - 1, through: 0, by: -pas).reversed()
    }

    /// Two drawings of the same chart: a wide one, and a narrow one for phones (fewer ticks and month labels, the
    /// same type size once scaled); the style sheet shows one of them.
    static func svg(_ points: [(mois: String, date: Jour, compteurs: Compteurs)]) -> String {
        dessin(points, largeur: 720, hauteur: 300, ticks: 5, etiquettes: 8, variante: "large")
            + dessin(points, largeur: 360, hauteur: 260, ticks: 4, etiquettes: 4, variante: "etroit")
    }

    static func dessin(
        _ points: [(mois: String, date: Jour, compteurs: Compteurs)], largeur: Double, hauteur: Double, ticks: Int,
        etiquettes: Int, variante: String
    ) -> String {
        let gauche = 56.0
        let droite = 30.0
        let haut = 16.0
        let bas = 44.0
        let valeurs = points.flatMap { p in series.map { $0.valeur(p.compteurs) } }
        let graduation = graduations(minimum: valeurs.min() ?? 0, maximum: valeurs.max() ?? 0, cible: ticks)
        let plancher = Double(graduation.first ?? 0)
        let plafond = Double(graduation.last ?? 1)
        let n = max(points.count - 1, 1)
        func f(_ v: Double) -> String { String(format: "%.1f", v) }
        func x(_ k: Int) -> Double { gauche + (largeur - gauche - droite) * Double(k) / Double(n) }
        func y(_ v: Int) -> Double {
            haut + (hauteur - haut - bas) * (1 - (Double(v) - plancher) / max(plafond - plancher, 1))
        }
        let titre = "graphique-titre-\(variante)"
        var s = """
            <svg class="graphique__svg graphique__svg--\(variante)" viewBox="0 0 \(Int(largeur)) \(Int(hauteur))" \
            role="img" aria-labelledby="\(titre)" xmlns="http://www.w3.org/2000/svg">
            <title id="\(titre)">Évolution mensuelle des effectifs (les chiffres sont dans le tableau qui suit)</title>

            """
        for v in graduation {
            s +=
                "<line class=\"graphique__grille\" x1=\"\(f(gauche))\" x2=\"\(f(largeur - droite))\" y1=\"\(f(y(v)))\" "
                + "y2=\"\(f(y(v)))\"/>"
            s +=
                "<text class=\"graphique__texte\" x=\"\(f(gauche - 6))\" y=\"\(f(y(v) + 4))\" text-anchor=\"end\">"
                + "\(nombre(v))</text>\n"
        }
        for k in moisEtiquetes(points.count, etiquettes: etiquettes) {
            let p = points[k]
            let xk = f(x(k))
            s += "<text class=\"graphique__texte\" x=\"\(xk)\" y=\"\(f(hauteur - bas + 18))\" text-anchor=\"middle\">"
            s += "<tspan>\(moisCourt(p.date))</tspan>"
            s += "<tspan x=\"\(xk)\" dy=\"15\">\(p.date.components.year)</tspan></text>\n"
        }
        for serie in series {
            let trace = points.enumerated().map { k, p in
                "\(k == 0 ? "M" : "L")\(f(x(k))),\(f(y(serie.valeur(p.compteurs))))"
            }.joined()
            s += "<path class=\"graphique__ligne\" d=\"\(trace)\" stroke=\"\(serie.couleur)\"/>\n"
            for (k, p) in points.enumerated() {
                let v = serie.valeur(p.compteurs)
                s +=
                    "<circle cx=\"\(f(x(k)))\" cy=\"\(f(y(v)))\" r=\"3\" fill=\"\(serie.couleur)\"><title>"
                    + "\(echapper(serie.libelle)), \(moisLong(p.date)) : \(nombre(v))</title></circle>"
            }
            s += "\n"
        }
        return s + "</svg>"
    }
}
