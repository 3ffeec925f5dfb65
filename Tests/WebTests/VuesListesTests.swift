import Foundation
import TestSupport
import Testing

@testable import Domain
@testable import Web

/// Issue 13, items 3, 4 and 9: the view models of lists and filters as pure functions.
struct VuesListesTests {
    static let jour = Jour(year: 2025, month: 3, day: 15)

    @Test func aTitleSaysTheTerritoryTheFiltersAndTheDate() {
        var f = FiltresIndicateurs(date: Self.jour)
        f.regions = ["84"]
        f.niveaux = [4]
        #expect(
            IntituleFiltres.titre("Rupturants", f, perimetre: .national)
                == "Rupturants — Auvergne-Rhône-Alpes, niveau 4, au 15 mars 2025")
        #expect(
            IntituleFiltres.nomFichier("Rupturants", f, perimetre: .national, extension: "csv")
                == "rupturants-auvergne-rhone-alpes-niveau-4-2025-03-15.csv")
        // No territory filter: the perimeter names the list; every other filter follows.
        var g = FiltresIndicateurs(date: Jour(year: 2025, month: 1, day: 1))
        g.tranchesAge = [.moins18]
        g.reseaux = ["CCI"]
        g.organismeRecherche = "Somme"
        #expect(
            IntituleFiltres.titre("Inscrits sans contrat", g, perimetre: .departement("69"), statut: nil)
                == "Inscrits sans contrat — Rhône (69), réseau \(Reseau.nomme("CCI")?.nom ?? "CCI"), "
                + "organisme « Somme », moins de 18 ans, au 1er janvier 2025")
        #expect(
            IntituleFiltres.nomFichier("Sorties d'apprentissage", FiltresIndicateurs(date: Self.jour),
                perimetre: .national, extension: "xlsx")
                == "sorties-d-apprentissage-france-entiere-2025-03-15.xlsx")
        // A CFA's list is named after its organisation; a status narrows it.
        #expect(
            IntituleFiltres.titre(
                "Apprenants", FiltresIndicateurs(date: Self.jour), perimetre: .organismes([OrganismeID(1)]),
                lieu: "CFA d'Amiens", statut: "Rupturants")
                == "Apprenants — CFA d'Amiens, rupturants, au 15 mars 2025")
        // File names stay ASCII and bounded whatever the filters hold.
        var long = FiltresIndicateurs(date: Self.jour)
        long.departements = Set(Territoires.france.departements.prefix(40).map(\.code))
        let nom = IntituleFiltres.nomFichier("Apprentis", long, perimetre: .national, extension: "csv")
        #expect(nom.count <= 120 + "-2025-03-15.csv".count)
        #expect(nom.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber || "-.".contains($0)) })
        #expect(nom.hasSuffix("-2025-03-15.csv"))
    }

    /// Page numbers shown (0 = an ellipsis).
    @Test func paginationKeepsTheBoundsTheNeighboursAndAnEllipsisPerGap() {
        #expect(PaginationVue.construire(numero: 1, pages: 1) { "?page=\($0)" } == nil)
        #expect(PaginationVue.numeros(numero: 1, pages: 7) == [1, 2, 0, 7])
        #expect(PaginationVue.numeros(numero: 4, pages: 7) == [1, 2, 3, 4, 5, 6, 7])
        #expect(PaginationVue.numeros(numero: 7, pages: 7) == [1, 0, 6, 7])
        #expect(PaginationVue.numeros(numero: 1, pages: 20) == [1, 2, 0, 20])
        #expect(PaginationVue.numeros(numero: 5, pages: 20) == [1, 0, 4, 5, 6, 0, 20])
        #expect(PaginationVue.numeros(numero: 10, pages: 20) == [1, 0, 9, 10, 11, 0, 20])
        #expect(PaginationVue.numeros(numero: 20, pages: 20) == [1, 0, 19, 20])
        #expect(PaginationVue.numeros(numero: 3, pages: 20) == [1, 2, 3, 4, 0, 20])  // no "…" for one page
        #expect(PaginationVue.numeros(numero: 50, pages: 20) == [1, 0, 19, 20])  // past the end
        let p = try! #require(PaginationVue.construire(numero: 1, pages: 20) { "?page=\($0)" })
        #expect(p.precedente == nil && p.suivante == "?page=2")
        #expect(p.elements.filter(\.courante).map(\.numero) == [1])
        #expect(p.resume == "Page 1 sur 20")
        let fin = try! #require(PaginationVue.construire(numero: 20, pages: 20) { "?page=\($0)" })
        #expect(fin.precedente == "?page=19" && fin.suivante == nil)
    }

    @Test func paginationRendersLinksTheCurrentPageAndEllipses() async throws {
        let ecran = ListesNominatives.Ecran(
            numero: 5, recherche: "", total: 20 * ListesNominatives.parPage,
            lignes: [PagesCommeFonctionsTests.apprenant(1, nom: "Durand", prenom: "Zoé")])
        var f = FiltresIndicateurs(date: Self.jour)
        f.regions = ["84"]
        let query = [("date", "2025-03-15"), ("organisme_regions", "84"), ("page", "5")]
        let demande = ListesNominatives.Demande(
            indicateur: .rupturants, perimetre: .national,
            requete: RequeteIndicateurs(perimetre: .national, filtres: f, aujourdhui: Self.jour), query: query,
            choix: ChoixDuPerimetre(), statut: nil, lieu: nil)
        let vue = ListeNominativeVue.construire(ecran, demande: demande, contacts: true, explication: "Explication.")
        let html = try await PagesCommeFonctionsTests().html(vue, titre: vue.titre)
        #expect(html.contains("<h1>Rupturants — Auvergne-Rhône-Alpes, au 15 mars 2025</h1>"))
        #expect(html.contains("<title>Rupturants — Auvergne-Rhône-Alpes, au 15 mars 2025"))
        #expect(html.contains(#"<a href="/listes/rupturants?date=2025-03-15&amp;organisme_regions=84&amp;page=4" aria-label="Page 4">4</a>"#))
        #expect(html.contains(#"aria-current="page" aria-label="Page 5, page courante">5</a>"#))
        #expect(html.components(separatedBy: #"<span class="pagination__ellipse" aria-hidden="true">…</span>"#).count == 3)
        #expect(html.contains(#"aria-label="Page 20">20</a>"#))
        #expect(html.contains("Page 5 sur 20"))
        // Contacts allowed but none known on the page: no empty column.
        #expect(!html.contains(#"<th scope="col">Contact</th>"#))
        #expect(html.contains(#"<th scope="col">Formation</th>"#))
    }

    @Test func theCountOfAListIsExplained() {
        let egal = ExplicationCompteur.texte(
            indicateur: .rupturants, compteur: 12, total: 12, statut: nil, recherche: nil, perimetreListe: .region("84"),
            perimetreIndicateurs: .region("84"))
        #expect(egal == "Cette liste compte 12 apprenant(s), comme le compteur « Rupturants » de la page Indicateurs avec les mêmes filtres.")
        let partiels = ExplicationCompteur.texte(
            indicateur: .apprentis, compteur: 15, total: 12, statut: nil, recherche: nil,
            perimetreListe: .organismes([OrganismeID(1)]), perimetreIndicateurs: .organismes([OrganismeID(1), OrganismeID(2)]))
        #expect(partiels.contains("Les 3 apprenant(s) d'écart sont ceux des organismes formateurs dont vous partagez"))
        let recherche = ExplicationCompteur.texte(
            indicateur: .inscrits, compteur: 15, total: 2, statut: nil, recherche: "dup", perimetreListe: .national,
            perimetreIndicateurs: .national)
        #expect(recherche.hasPrefix("La recherche « dup » ne garde que 2 apprenant(s)"))
    }

    @Test func choicesOfEachPerimeterAndWhatFallsOutside() {
        let region = ChoixDuPerimetre.de(.region("84")) { [] }
        #expect(region.regions == ["84"])
        #expect(region.departements?.contains("69") == true && region.departements?.contains("80") == false)
        #expect(region.departements?.count == 12)
        #expect(region.academies == ["08", "10", "06"] || region.academies?.contains("10") == true)
        #expect(region.reseaux == nil)
        let ddets = ChoixDuPerimetre.de(.departement("69")) { [] }
        #expect(ddets.departements == ["69"] && ddets.regions == ["84"] && ddets.academies == ["10"])
        let academie = ChoixDuPerimetre.de(.academie("10")) { [] }
        #expect(academie.departements == ["01", "42", "69"])
        #expect(ChoixDuPerimetre.de(.national) { [] } == ChoixDuPerimetre())
        let o = Organisme(
            id: OrganismeID(3), uai: nil, siret: OrganismesDeTest.lyon.siret, nom: "CFA",
            adresse: AdresseOrganisme(departement: "69", region: "84", academie: "10"), reseaux: ["CCI"])
        let cfa = ChoixDuPerimetre.de(.organismes([OrganismeID(3)])) { [o, PagesCommeFonctionsTests.amiens] }
        #expect(cfa.departements == ["69"] && cfa.regions == ["84"] && cfa.reseaux == ["CCI"])
        var f = FiltresIndicateurs(date: Self.jour)
        f.departements = ["69", "80"]
        f.reseaux = ["CMA"]
        #expect(
            cfa.horsPerimetre(f, perimetre: .organismes([OrganismeID(3)])).map(\.path) == [
                ["organisme_departements"], ["organisme_reseaux"],
            ])
        #expect(
            region.horsPerimetre(f, perimetre: .region("84")).map(\.message)
                == ["Somme (80) : hors de votre périmètre (région Auvergne-Rhône-Alpes)"])
    }
}
