import Foundation
import Testing

@testable import Domain
@testable import Web

/// The map's classes, colours, insets and zoom, and the evolution chart's axis and month names, as pure functions.
struct CarteEtGraphiqueTests {
    // MARK: - Classes

    @Test(arguments: [
        // (values, expected upper bounds)
        ([Int](), [Int]()),
        ([7, 7, 7, 7], [7]),
        ([0, 0, 0], [0]),
        ([0, 5], [0, 5]),
        ([1, 2, 3], [1, 2, 3]),
        ([10, 10, 10, 10, 10, 10, 10, 10, 10, 200], [10, 200]),
        ([0, 0, 0, 0, 0, 0, 0, 0, 3, 4], [0, 3, 4]),
        (Array(1...100), [20, 40, 60, 80, 100]),
        ([120, 1_234, 2_468, 3_702, 4_936, 6_170, 7_404, 8_638, 9_872, 11_106], [1_200, 3_700, 6_200, 8_600, 11_106]),
    ])
    func classBoundsAreDistinctNonEmptyAndRounded(_ valeurs: [Int], _ attendu: [Int]) {
        let bornes = CarteFrance.classes(valeurs)
        #expect(bornes == attendu)
        // No duplicate, no empty class, the last bound is the largest value.
        #expect(bornes == bornes.sorted() && Set(bornes).count == bornes.count)
        var bas = Int.min
        for b in bornes {
            #expect(valeurs.contains { $0 > bas && $0 <= b }, "class up to \(b) is empty")
            bas = b
        }
        #expect(bornes.last == valeurs.max())
        #expect(CarteFrance.teintes(bornes.count).count == bornes.count)
    }

    @Test func legendLabelsSayWhatEachClassHolds() {
        #expect(CarteFrance.libelles([7]) == ["7"])
        #expect(CarteFrance.libelles([0, 5]) == ["jusqu'à 0", "plus de 0"])
        #expect(CarteFrance.libelles([1, 2, 3]) == ["jusqu'à 1", "2", "plus de 2"])
        #expect(
            CarteFrance.libelles([1_200, 3_700, 11_106])
                == ["jusqu'à 1\u{202F}200", "1\u{202F}201 à 3\u{202F}700", "plus de 3\u{202F}700"])
        let legende = CarteFrance.france.legende(valeurs: ["01": 4, "02": 4, "03": 4])
        #expect(legende.count == 1 && legende.first?.libelle == "4")
    }

    // MARK: - Contrast (WCAG 2 relative luminance)

    static func luminance(_ hex: String) -> Double {
        let h = Array(hex.dropFirst())
        func canal(_ i: Int) -> Double {
            let c = Double(Int(String(h[i..<i + 2]), radix: 16) ?? 0) / 255
            return c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4)
        }
        return 0.2126 * canal(0) + 0.7152 * canal(2) + 0.0722 * canal(4)
    }

    static func contraste(_ a: String, _ b: String) -> Double {
        let (la, lb) = (luminance(a), luminance(b))
        return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)
    }

    @Test func contrastFormulaMatchesKnownValues() {
        #expect(abs(Self.contraste("#000000", "#ffffff") - 21) < 0.01)
        #expect(abs(Self.contraste("#767676", "#ffffff") - 4.54) < 0.01)
    }

    @Test(arguments: 1...5)
    func everyClassStandsOutFromWhiteAndNeighboursAreEvenlySpread(_ k: Int) {
        let teintes = CarteFrance.teintes(k)
        #expect(teintes.count == k)
        for t in teintes { #expect(Self.contraste(t, "#ffffff") >= 3, "\(t) against white") }
        // Darker class after darker class.
        let l = teintes.map(Self.luminance)
        #expect(l == l.sorted(by: >))
        guard k > 1 else { return }
        let paires = zip(teintes, teintes.dropFirst()).map { Self.contraste($0, $1) }
        // 3:1 between neighbours holds for two classes; beyond, 3:1 against white caps the luminance at 0.30 and the
        // steps are spread evenly between that and the darkest blue (see `CarteFrance.palettes`).
        let attendu = pow(Self.contraste(teintes[0], teintes[k - 1]), 1 / Double(k - 1))
        for c in paires { #expect(c >= attendu * 0.97, "neighbour contrast \(c), expected about \(attendu)") }
        if k == 2 { #expect(paires[0] >= 3) }
    }

    // MARK: - Figure

    @Test func mapIsOneTabStopAndShowsTheValueOfTheShapeTouched() {
        let svg = CarteFrance.france.svg(regions: false, valeurs: ["69": 1_234, "75": 5], indicateur: "Apprentis")
        // One tab stop: the figure; the shapes take the focus only by a tap or a click.
        #expect(svg.components(separatedBy: "tabindex=\"0\"").count == 2)
        #expect(!svg.contains("tabindex=\"1\""))
        #expect(svg.components(separatedBy: "tabindex=\"-1\"").count - 1 == 101 + 8)
        // Each shape is followed by its reading, shown by the style sheet on focus or hover.
        #expect(svg.contains(#"<text class="carte__bulle""#))
        #expect(svg.contains("Rhône (69) : 1\u{202F}234</text>"))
        #expect(svg.contains("Paris (75) : 5</text>"))
        #expect(svg.contains("Aisne (02) : aucune donnée</text>"))
    }

    @Test func ileDeFranceHasItsInsetWithItsEightDepartements() throws {
        let idf = try #require(CarteFrance.france.encartIleDeFrance)
        #expect(Set(idf.formes.map(\.code)) == ["75", "77", "78", "91", "92", "93", "94", "95"])
        #expect(idf.formes.first { $0.code == "75" }?.nom == "Paris")
        for f in idf.formes {
            #expect(f.cadre.x0 >= idf.x && f.cadre.x1 <= idf.x + idf.w && f.cadre.y0 >= idf.y)
            #expect(f.cadre.y1 <= idf.y + idf.h)
        }
        // Paris is larger in the inset than on the map.
        let paris = try #require(CarteFrance.france.departements.first { $0.code == "75" })
        let parisEncart = try #require(idf.formes.first { $0.code == "75" })
        #expect(parisEncart.cadre.x1 - parisEncart.cadre.x0 > 1.5 * (paris.cadre.x1 - paris.cadre.x0))
        // The inset covers no point of a shape of the map.
        for f in CarteFrance.france.departements {
            for paire in f.d.split(whereSeparator: { "MLZ".contains($0) }) {
                let c = paire.split(separator: ",").compactMap { Double($0) }
                guard c.count == 2 else { continue }
                let dedans = c[0] >= idf.x && c[0] <= idf.x + idf.w && c[1] >= idf.y && c[1] <= idf.y + idf.h
                #expect(!dedans, "\(f.nom) under the inset at \(c)")
            }
        }
        let svg = CarteFrance.france.svg(regions: false, valeurs: ["75": 3], indicateur: "Apprentis")
        #expect(svg.components(separatedBy: "Paris (75) : 3</text>").count == 3)
        #expect(svg.contains(">Île-de-France</text>"))
        // Not with régions: the inset would show one shape.
        #expect(!CarteFrance.france.svg(regions: true, valeurs: [:], indicateur: "A").contains(">Île-de-France</text>"))
    }

    @Test func mapZoomsOnTheOnlyRegionOfTheFilter() throws {
        #expect(CarteVue.zoom([("organisme_regions", "84")]) == "84")
        #expect(CarteVue.zoom([("organisme_regions", "84,11")]) == nil)
        #expect(CarteVue.zoom([("organisme_regions", "99")]) == nil)
        #expect(CarteVue.zoom([("date", "2024-10-15")]) == nil)
        let formes = CarteFrance.france.formes(regions: false, zoom: "84")
        #expect(formes.count == 12 && formes.contains { $0.code == "69" } && !formes.contains { $0.code == "75" })
        let svg = CarteFrance.france.svg(regions: false, valeurs: ["69": 2], indicateur: "Apprentis", zoom: "84")
        #expect(svg.contains("Rhône (69) : 2") && !svg.contains("Paris (75)") && !svg.contains("carte__encart"))
        #expect(svg.contains("Apprentis par département — Auvergne-Rhône-Alpes"))
        // The view box is the région's, not the whole frame.
        let plein = CarteFrance.france.cadre(CarteFrance.france.departements, zoom: nil)
        let zoome = CarteFrance.france.cadre(formes, zoom: "84")
        #expect(zoome.x1 - zoome.x0 < (plein.x1 - plein.x0) / 2)
        #expect(zoome.x1 - zoome.x0 >= (zoome.y1 - zoome.y0) * 640 / 600 - 0.01)
    }

    @Test func mapSettingsAreKeptByTheFilterForm() async throws {
        let lignes = [PagesCommeFonctionsTests.ligne("69", "Rhône", Compteurs())]
        let carte = try CarteVue.construire(
            lignes, regions: true, indicateur: "rupturants",
            query: [("date", "2024-10-15"), ("carte", "regions"), ("indicateur", "rupturants")],
            chemin: "/indicateurs/national")
        #expect(carte.reglages.map(\.nom) == ["carte", "indicateur"])
        let vue = try PageNationaleVue.construire(
            filtres: FiltresIndicateurs(date: PagesCommeFonctionsTests.jour), compteurs: Compteurs(),
            territoires: lignes, regions: true, indicateur: "rupturants",
            query: [("carte", "regions"), ("indicateur", "rupturants")], evolution: [], couverture: [])
        let html = try await PagesCommeFonctionsTests().html(vue, titre: "Indicateurs nationaux")
        let formulaire = try #require(
            html.components(separatedBy: #"<form class="filtres""#).dropFirst().first?.components(
                separatedBy: "</form>"
            ).first)
        #expect(formulaire.contains(#"<input type="hidden" name="carte" value="regions">"#))
        #expect(formulaire.contains(#"<input type="hidden" name="indicateur" value="rupturants">"#))
        #expect(formulaire.contains(#"name="date""#))
    }

    // MARK: - Chart

    @Test(arguments: [
        // (min, max, target, ticks)
        (0, 0, 5, [0, 1]),
        (0, 1_000, 5, [0, 250, 500, 750, 1_000]),
        (0, 7, 5, [0, 2, 4, 6, 8]),
        (3, 1_234, 5, [0, 500, 1_000, 1_500]),
        // The smallest value above half the largest: the axis starts near it, not at 0.
        (9_500, 10_200, 5, [9_400, 9_600, 9_800, 10_000, 10_200]),
        (9_500, 10_200, 4, [9_500, 9_750, 10_000, 10_250]),
        (40, 44, 5, [40, 41, 42, 43, 44]),
    ])
    func axisTicksAreRoundAndFitTheData(_ minimum: Int, _ maximum: Int, _ cible: Int, _ attendu: [Int]) {
        let ticks = GraphiqueEvolution.graduations(minimum: minimum, maximum: maximum, cible: cible)
        #expect(ticks == attendu)
        #expect(ticks.first! <= minimum && ticks.last! >= maximum)
        let pas = Set(zip(ticks, ticks.dropFirst()).map { $1 - $0 })
        #expect(pas.count == 1)
    }

    @Test func monthsAreFrenchAbbreviations() {
        let attendus = [
            "janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc.",
        ]
        for (m, a) in attendus.enumerated() {
            #expect(GraphiqueEvolution.moisCourt(Jour(year: 2025, month: m + 1, day: 1)) == a)
        }
    }

    @Test func monthLabelsAreFewAndEndOnTheLastMonth() {
        #expect(GraphiqueEvolution.moisEtiquetes(24, etiquettes: 4) == [5, 11, 17, 23])
        #expect(GraphiqueEvolution.moisEtiquetes(24, etiquettes: 8) == [2, 5, 8, 11, 14, 17, 20, 23])
        #expect(GraphiqueEvolution.moisEtiquetes(3, etiquettes: 8) == [0, 1, 2])
        #expect(GraphiqueEvolution.moisEtiquetes(0, etiquettes: 4) == [])
    }

    @Test func chartHasANarrowDrawingWithFrenchMonthsAndFittedAxis() {
        let points = (0..<24).map { k -> (mois: String, date: Jour, compteurs: Compteurs) in
            let d = Jour(year: 2023 + (k + 10) / 12, month: (k + 10) % 12 + 1, day: 1)
            var c = Compteurs()
            c.apprentis = 9_500 + k * 30
            c.inscrits = 9_600
            c.rupturants = 9_550
            c.abandons = 9_700
            return (mois: d.description, date: d, compteurs: c)
        }
        let svg = GraphiqueEvolution.svg(points)
        #expect(svg.contains("graphique__svg--large") && svg.contains("graphique__svg--etroit"))
        #expect(svg.contains("<tspan>janv.</tspan>") || svg.contains("<tspan>févr.</tspan>"))
        #expect(!svg.contains(">2023-"))
        // The axis starts near the data, not at 0.
        #expect(!svg.contains(#"text-anchor="end">0</text>"#))
        let etroit = svg.components(separatedBy: "graphique__svg--etroit").last ?? ""
        #expect(etroit.components(separatedBy: "<tspan>").count - 1 == 4)
    }
}
