import Domain
import Foundation
import Outils

/// The map of France drawn on the server (no script): départements or régions as SVG paths derived from IGN contours
/// (`Resources/carte.json`, made by `scripts/carte.py`), overseas and Île-de-France as insets, coloured in at most five
/// classes of an indicator.
///
/// The whole figure is one tab stop. Each shape can take the focus by a tap or a click (not by Tab: the same values
/// are in the table after the map), and the focused or hovered shape shows its name and value in a reading band at
/// the top of the figure (CSS only: `.carte__forme:focus + .carte__bulle`).
struct CarteFrance: Sendable {
    struct Forme: Sendable {
        let code: String
        let nom: String
        let d: String
        /// The shape's bounding box, read from `d` (for the zoom on a région).
        let cadre: Cadre
    }

    struct Cadre: Sendable, Equatable {
        var x0, y0, x1, y1: Double

        /// The box around every point of an SVG path made of `M`/`L` commands and `x,y` pairs.
        init(chemin d: String) {
            var xs: [Double] = []
            var ys: [Double] = []
            for paire in d.split(whereSeparator: { "MLZ".contains($0) }) {
                let c = paire.split(separator: ",")
                if c.count == 2, let x = Double(c[0]), let y = Double(c[1]) {
                    xs.append(x)
                    ys.append(y)
                }
            }
            self.init(x0: xs.min() ?? 0, y0: ys.min() ?? 0, x1: xs.max() ?? 0, y1: ys.max() ?? 0)
        }

        init(x0: Double, y0: Double, x1: Double, y1: Double) {
            self.x0 = x0
            self.y0 = y0
            self.x1 = x1
            self.y1 = y1
        }

        func union(_ c: Cadre) -> Cadre {
            Cadre(x0: min(x0, c.x0), y0: min(y0, c.y0), x1: max(x1, c.x1), y1: max(y1, c.y1))
        }
    }

    struct Encart: Sendable {
        let x, y, w, h: Double
        let libelle: String
        /// The shapes drawn enlarged in the inset (Île-de-France), by département code; none for overseas insets,
        /// whose only shape is drawn with the others.
        let formes: [Forme]
    }

    let largeur: Double
    let hauteur: Double
    let departements: [Forme]
    let regions: [Forme]
    let encarts: [Encart]
    let encartIleDeFrance: Encart?

    static let france: CarteFrance = {
        guard let url = Bundle.module.url(forResource: "carte", withExtension: "json", subdirectory: "Resources"),
            let data = try? Data(contentsOf: url), case .object(let o)? = try? AnalyseurJSON.analyser(Array(data))
        else { preconditionFailure("carte.json manquant dans les ressources de Web") }
        return lire(o)
    }()

    static func lire(_ o: [String: JSONValue]) -> CarteFrance {
        func nombre(_ v: JSONValue?) -> Double { if case .number(let n)? = v { n } else { 0 } }
        func texte(_ v: JSONValue?) -> String { if case .string(let s)? = v { s } else { "" } }
        func formes(_ v: JSONValue?, noms: [String: String] = [:]) -> [Forme] {
            guard case .array(let a)? = v else { return [] }
            return a.compactMap {
                guard case .object(let f) = $0 else { return nil }
                let code = texte(f["code"])
                let d = texte(f["d"])
                return Forme(code: code, nom: noms[code] ?? texte(f["nom"]), d: d, cadre: Cadre(chemin: d))
            }
        }
        func encart(_ e: [String: JSONValue], noms: [String: String]) -> Encart {
            Encart(
                x: nombre(e["x"]), y: nombre(e["y"]), w: nombre(e["w"]), h: nombre(e["h"]),
                libelle: texte(e["libelle"]), formes: formes(e["departements"], noms: noms))
        }
        let departements = formes(o["departements"])
        let noms = Dictionary(departements.map { ($0.code, $0.nom) }, uniquingKeysWith: { a, _ in a })
        var encarts: [Encart] = []
        if case .array(let a)? = o["encarts"] {
            for case .object(let e) in a { encarts.append(encart(e, noms: noms)) }
        }
        var idf: Encart?
        if case .object(let e)? = o["encartIleDeFrance"] { idf = encart(e, noms: noms) }
        return CarteFrance(
            largeur: nombre(o["largeur"]), hauteur: nombre(o["hauteur"]), departements: departements,
            regions: formes(o["regions"]), encarts: encarts, encartIleDeFrance: idf)
    }

    // MARK: - Classes and colours

    /// Shades of the French State's blue by number of classes, lightest first. Every shade has a contrast of at
    /// least 3:1 against white (the borders between territories and the page); neighbour classes are spread evenly in
    /// luminance between the lightest such blue and `#000091`. Neighbour classes cannot all be 3:1 apart beyond two
    /// classes: 3:1 against white leaves a relative luminance of at most 0.30, and two more steps of 3:1 would need
    /// (0.30 + 0.05) / 9 − 0.05 < 0. Values are also in the reading band and in the table.
    static let palettes: [[String]] = [
        ["#2842ee"],
        ["#7b8bf4", "#000091"],
        ["#7b8bf4", "#2842ee", "#000091"],
        ["#7b8bf4", "#465cf0", "#122cd9", "#000091"],
        ["#7b8bf4", "#5368f1", "#2842ee", "#1027c2", "#000091"],
    ]

    static func teintes(_ nombreDeClasses: Int) -> [String] {
        nombreDeClasses < 1 ? [] : palettes[min(nombreDeClasses, palettes.count) - 1]
    }

    /// A bound rounded to two significant digits (values under 100 as they are).
    static func arrondi(_ v: Int) -> Int {
        guard v >= 100 else { return v }
        let p = Int(pow(10, floor(log10(Double(v))) - 1))
        return (v + p / 2) / p * p
    }

    /// Upper bounds of the classes (at most five): about as many territories in each class (quantiles), bounds
    /// rounded to two significant digits, every class holding at least one value, no two classes alike; the last
    /// bound is the largest value. One class when every value is the same; none without values.
    static func classes(_ valeurs: [Int]) -> [Int] {
        let triees = valeurs.sorted()
        guard let maximum = triees.last else { return [] }
        let k = min(5, Set(triees).count)
        var bornes: [Int] = []
        for j in 1..<max(k, 1) {
            let quantile = triees[max(0, triees.count * j / k - 1)]
            // When many territories share a value the quantile repeats: the next distinct value then closes the class.
            let suivante = triees.first { $0 > (bornes.last ?? Int.min) } ?? maximum
            for candidat in [arrondi(quantile), quantile, suivante] {
                // Each class holds a value: some value above the previous bound and at most this one, some above it.
                let precedente = bornes.last ?? Int.min
                guard candidat > precedente, candidat < maximum,
                    triees.contains(where: { $0 > precedente && $0 <= candidat })
                else { continue }
                bornes.append(candidat)
                break
            }
        }
        return bornes + [maximum]
    }

    /// The class of a value among `bornes` (the first bound it does not exceed).
    static func classe(_ v: Int, _ bornes: [Int]) -> Int { bornes.firstIndex { v <= $0 } ?? max(bornes.count - 1, 0) }

    /// The legend's labels: `jusqu'à 1 200`, `1 201 à 2 500`, `plus de 2 500`; one class: its value.
    static func libelles(_ bornes: [Int]) -> [String] {
        guard bornes.count > 1 else { return bornes.map { nombre($0) } }
        return bornes.enumerated().map { k, haut in
            if k == 0 { return "jusqu'à \(nombre(haut))" }
            let bas = bornes[k - 1]
            if k == bornes.count - 1 { return "plus de \(nombre(bas))" }
            return bas + 1 == haut ? nombre(haut) : "\(nombre(bas + 1)) à \(nombre(haut))"
        }
    }

    /// The legend: the classes with their bounds (the hatching for no data is in the template).
    func legende(valeurs: [String: Int]) -> [CarteVue.Classe] {
        let bornes = Self.classes(Array(valeurs.values))
        return zip(Self.teintes(bornes.count), Self.libelles(bornes)).map {
            CarteVue.Classe(teinte: $0.0, libelle: $0.1)
        }
    }

    // MARK: - Figure

    /// The shapes drawn: every département or région, or only those of `zoom` (a région code) when it is set.
    func formes(regions parRegion: Bool, zoom: String?) -> [Forme] {
        guard let zoom else { return parRegion ? regions : departements }
        if parRegion { return regions.filter { $0.code == zoom } }
        let codes = Set(Territoires.france.departements.filter { $0.region == zoom }.map(\.code))
        return departements.filter { codes.contains($0.code) }
    }

    /// The part of the frame shown: the whole map, or the shapes of the zoom with a margin, at least as wide as high.
    func cadre(_ formes: [Forme], zoom: String?) -> Cadre {
        guard zoom != nil, let premier = formes.first?.cadre else {
            return Cadre(x0: 0, y0: 0, x1: largeur, y1: hauteur)
        }
        var c = formes.dropFirst().reduce(premier) { $0.union($1.cadre) }
        let marge = max(c.x1 - c.x0, c.y1 - c.y0) * 0.05 + 2
        c = Cadre(x0: c.x0 - marge, y0: c.y0 - marge, x1: c.x1 + marge, y1: c.y1 + marge)
        let manque = (c.y1 - c.y0) * largeur / hauteur - (c.x1 - c.x0)
        if manque > 0 {
            c.x0 -= manque / 2
            c.x1 += manque / 2
        }
        return c
    }

    /// The SVG figure. `valeurs` by code; a shape without a value is hatched grey ("aucune donnée"). `zoom`: a région
    /// code, to draw only that région (its départements) enlarged.
    func svg(
        regions parRegion: Bool, valeurs: [String: Int], indicateur: String, zoom: String? = nil,
        lien: ((String) -> String)? = nil
    ) -> String {
        let choisies = self.formes(regions: parRegion, zoom: zoom)
        let zoome = choisies.isEmpty ? nil : zoom
        let dessinees = zoome == nil ? (parRegion ? regions : departements) : choisies
        let bornes = Self.classes(Array(valeurs.values))
        let teintes = Self.teintes(bornes.count)
        let c = cadre(dessinees, zoom: zoome)
        // The reading band above the map: its size follows the zoom so that its text reads the same.
        let echelle = (c.x1 - c.x0) / largeur
        let bande = 72 * echelle
        let police = 30 * echelle
        let xTexte = c.x0 + 8 * echelle
        let yTexte = c.y0 - bande + 46 * echelle
        func n(_ v: Double) -> String { String(format: "%.1f", v) }
        let maille = parRegion ? "région" : "département"
        let nomZoom = zoome.flatMap { z in Territoires.france.regions.first { $0.code == z }?.nom }
        // The hatching keeps its size on screen when the map is zoomed.
        let h = n(4 * echelle)
        let cadreVu = "\(n(c.x0)) \(n(c.y0 - bande)) \(n(c.x1 - c.x0)) \(n(c.y1 - c.y0 + bande))"
        let titre = "\(echapper(indicateur)) par \(maille)" + (nomZoom.map { " — " + echapper($0) } ?? "")
        var s = """
            <svg class="carte__svg" viewBox="\(cadreVu)" role="group" tabindex="0" \
            aria-labelledby="carte-titre carte-description" xmlns="http://www.w3.org/2000/svg">
            <title id="carte-titre">\(titre)</title>
            <desc id="carte-description">Touchez, cliquez ou survolez un territoire pour lire sa valeur en haut de la \
            carte. Les mêmes valeurs sont dans le tableau qui suit.</desc>
            <defs><pattern id="hachures" width="\(h)" height="\(h)" patternUnits="userSpaceOnUse" \
            patternTransform="rotate(45)"><rect width="\(h)" height="\(h)" fill="#f6f6f6"/>\
            <line x1="0" y1="0" x2="0" y2="\(h)" stroke="#cecece" stroke-width="\(n(1.5 * echelle))"/></pattern></defs>
            <text class="carte__aide" x="\(n(xTexte))" y="\(n(yTexte))" font-size="\(n(police))">\
            Touchez un territoire pour lire sa valeur</text>

            """
        func forme(_ f: Forme, d: String) -> String {
            let v = valeurs[f.code]
            let teinte = v.map { teintes[min(Self.classe($0, bornes), teintes.count - 1)] } ?? "url(#hachures)"
            let libelle = "\(f.nom) (\(f.code)) : " + (v.map { nombre($0) } ?? "aucune donnée")
            let trace =
                "class=\"carte__forme\" d=\"\(d)\" fill=\"\(teinte)\" data-code=\"\(echapper(f.code))\""
            let bulle =
                "<text class=\"carte__bulle\" x=\"\(n(xTexte))\" y=\"\(n(yTexte))\" font-size=\"\(n(police))\">"
                + "\(echapper(libelle))</text>"
            let titre = "<title>\(echapper(libelle))</title>"
            if let lien {
                // The link takes the focus on a tap; the shape inside it only draws.
                return
                    "<a href=\"\(echapper(lien(f.code)))\" tabindex=\"-1\"><path \(trace)>\(titre)</path>\(bulle)</a>\n"
            }
            return "<path \(trace) tabindex=\"-1\">\(titre)</path>\(bulle)\n"
        }
        if zoome == nil {
            for e in encarts {
                s += "<rect class=\"carte__encart\" x=\"\(e.x)\" y=\"\(e.y)\" width=\"\(e.w)\" height=\"\(e.h)\" "
                s += "rx=\"2\"/>\n"
            }
        }
        for f in dessinees { s += forme(f, d: f.d) }
        if zoome == nil, !parRegion, let idf = encartIleDeFrance {
            s += """
                <rect class="carte__encart" x="\(idf.x)" y="\(idf.y)" width="\(idf.w)" height="\(idf.h)" rx="2"/>
                <text class="carte__encart-titre" x="\(n(idf.x + 4))" y="\(n(idf.y + 15))" font-size="13">\
                \(echapper(idf.libelle))</text>

                """
            for f in idf.formes { s += forme(f, d: f.d) }
        }
        s += "</svg>"
        return s
    }
}
