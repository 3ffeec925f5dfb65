import Domain
import Foundation
import Outils

/// The map of France drawn on the server (no script): départements or régions as SVG paths derived from IGN contours
/// (`Resources/carte.json`, made by `scripts/carte.py`), overseas as insets, coloured in five classes of an
/// indicator, each shape focusable with its name and value as its accessible name and tooltip.
struct CarteFrance: Sendable {
    struct Forme: Sendable {
        let code: String
        let nom: String
        let d: String
    }

    struct Encart: Sendable {
        let x, y, w, h: Double
        let libelle: String
    }

    let largeur: Double
    let hauteur: Double
    let departements: [Forme]
    let regions: [Forme]
    let encarts: [Encart]

    static let france: CarteFrance = {
        guard let url = Bundle.module.url(forResource: "carte", withExtension: "json", subdirectory: "Resources"),
            let data = try? Data(contentsOf: url), case .object(let o)? = try? AnalyseurJSON.analyser(Array(data))
        else { preconditionFailure("carte.json manquant dans les ressources de Web") }
        func nombre(_ v: JSONValue?) -> Double { if case .number(let n)? = v { n } else { 0 } }
        func texte(_ v: JSONValue?) -> String { if case .string(let s)? = v { s } else { "" } }
        func formes(_ v: JSONValue?) -> [Forme] {
            guard case .array(let a)? = v else { return [] }
            return a.compactMap {
                if case .object(let f) = $0 {
                    Forme(code: texte(f["code"]), nom: texte(f["nom"]), d: texte(f["d"]))
                } else {
                    nil
                }
            }
        }
        var encarts: [Encart] = []
        if case .array(let a)? = o["encarts"] {
            for case .object(let e) in a {
                encarts.append(
                    Encart(
                        x: nombre(e["x"]), y: nombre(e["y"]), w: nombre(e["w"]), h: nombre(e["h"]),
                        libelle: texte(e["libelle"])))
            }
        }
        return CarteFrance(
            largeur: nombre(o["largeur"]), hauteur: nombre(o["hauteur"]), departements: formes(o["departements"]),
            regions: formes(o["regions"]), encarts: encarts)
    }()

    /// Five shades of the French State's blue, lightest first.
    static let teintes = ["#e8edff", "#b1c4f8", "#7a98ec", "#3f5fd3", "#000091"]

    /// Upper bounds of the five classes: quintiles of the values (each class holds about as many territories),
    /// rounded to two significant digits; the last one is the largest value.
    static func classes(_ valeurs: [Int]) -> [Int] {
        let triees = valeurs.sorted()
        guard let maximum = triees.last, maximum > 0 else { return [0, 0, 0, 0, 0] }
        func arrondi(_ v: Int) -> Int {
            guard v >= 100 else { return v }
            let p = Int(pow(10, floor(log10(Double(v))) - 1))
            return (v + p - 1) / p * p
        }
        var bornes: [Int] = []
        for k in 1...4 {
            let b = arrondi(triees[min(triees.count - 1, triees.count * k / 5)])
            bornes.append(max(b, (bornes.last ?? -1) + 1))
        }
        bornes.append(max(maximum, bornes.last! + 1))
        return bornes
    }

    /// The SVG figure. `valeurs` by code; a shape without a value is hatched grey ("aucune donnée").
    func svg(regions parRegion: Bool, valeurs: [String: Int], indicateur: String, lien: ((String) -> String)? = nil)
        -> String
    {
        let formes = parRegion ? regions : departements
        let bornes = Self.classes(Array(valeurs.values))
        var s = """
            <svg class="carte__svg" viewBox="0 0 \(Int(largeur)) \(Int(hauteur))" role="img" \
            aria-labelledby="carte-titre" xmlns="http://www.w3.org/2000/svg">
            <title id="carte-titre">\(echapper(indicateur)) par \(parRegion ? "région" : "département")</title>
            <defs><pattern id="hachures" width="4" height="4" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">\
            <rect width="4" height="4" fill="#f6f6f6"/><line x1="0" y1="0" x2="0" y2="4" stroke="#cecece" stroke-width="1.5"/>\
            </pattern></defs>

            """
        for e in encarts {
            s +=
                "<rect class=\"carte__encart\" x=\"\(e.x)\" y=\"\(e.y)\" width=\"\(e.w)\" height=\"\(e.h)\" rx=\"2\"/>\n"
        }
        for f in formes {
            let v = valeurs[f.code]
            let teinte = v.map { v in Self.teintes[bornes.firstIndex { v <= $0 } ?? 4] } ?? "url(#hachures)"
            let libelle = "\(f.nom) (\(f.code)) : " + (v.map { nombre($0) } ?? "aucune donnée")
            let titre = "<title>\(echapper(libelle))</title>"
            let trace = "class=\"carte__forme\" d=\"\(f.d)\" fill=\"\(teinte)\" data-code=\"\(echapper(f.code))\""
            if let lien {
                // The link is the focusable element; the shape inside it only draws.
                s +=
                    "<a href=\"\(echapper(lien(f.code)))\" aria-label=\"\(echapper(libelle))\"><path \(trace)>\(titre)</path></a>\n"
            } else {
                s += "<path \(trace) tabindex=\"0\" role=\"img\" aria-label=\"\(echapper(libelle))\">\(titre)</path>\n"
            }
        }
        s += "</svg>"
        return s
    }

    /// The legend: five classes with their bounds, and the hatching for no data.
    func legende(valeurs: [String: Int]) -> [CarteVue.Classe] {
        let bornes = Self.classes(Array(valeurs.values))
        var bas = 0
        var lignes: [CarteVue.Classe] = []
        for (k, haut) in bornes.enumerated() {
            lignes.append(
                CarteVue.Classe(
                    teinte: Self.teintes[k],
                    libelle: k == 0 ? "jusqu'à \(nombre(haut))" : "\(nombre(bas + 1)) à \(nombre(haut))"))
            bas = haut
        }
        return lignes
    }
}
