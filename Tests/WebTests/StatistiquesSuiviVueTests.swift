import Foundation
import TestSupport
import Testing

@testable import Domain
@testable import Web

/// The statistics page and its CSV as functions: figures in French, names escaped, filters offered by perimeter.
struct StatistiquesSuiviVueTests {
    static let referentiel = [
        MissionLocale(code: "ML1", nom: "Mission locale <Côte & Mer>", departement: "80", region: "32"),
        MissionLocale(code: "ML2", nom: "Mission locale de Lyon", departement: "69", region: "84"),
    ]

    /// Three young people of ML1 (two reached after 1 and 4 days, one not processed), none for ML2.
    static func statistiques(_ missionsLocales: [MissionLocale] = referentiel) -> StatistiquesSuivis {
        func cas(_ id: Int64, _ rupture: String, _ resultat: ResultatContact?, _ le: String?) -> SuiviStocke {
            let p = Parcours(etapes("2024-09-01 APPRENTI, \(rupture) RUPTURANT"))
            return SuiviStocke(
                id: SuiviID(id),
                ligne: LigneSuivi(
                    effectif: EffectifID(id), missionLocale: "ML1", organisme: OrganismeID(1), rupture: j(rupture),
                    nom: "Nom\(id)", prenom: "P", dateDeNaissance: j("2005-01-01"), rqth: false,
                    communeInsee: nil, codePostal: nil, cfd: nil, rncp: nil, parcours: p),
                version: 1, creeLe: Date(timeIntervalSince1970: 0), dernierResultat: resultat,
                ruptureDuResultat: resultat == nil ? nil : j(rupture), resultatLe: le.map { j($0).date },
                premierResultatLe: le.map { j($0).date }, prisEnCharge: resultat != nil)
        }
        return StatistiquesSuivis.calculer(
            suivis: [
                cas(1, "2025-05-01", .joint(.rendezVousPris), "2025-05-02"),
                cas(2, "2025-05-10", .joint(.nouveauProjet), "2025-05-14"),
                cas(3, "2025-06-01", nil, nil),
            ], missionsLocales: missionsLocales, regles: ReglesSuivi(), aujourdhui: j("2025-06-15"),
            periode: .troisMois)
    }

    static func demande(_ p: Perimetre, _ du: [MissionLocale] = referentiel) -> StatistiquesSuivi.Demande {
        StatistiquesSuivi.Demande(
            periode: .troisMois, region: nil, missionLocale: nil, perimetre: p, duPerimetre: du, retenues: du)
    }

    func html(_ vue: StatistiquesSuiviVue) async throws -> String {
        try await Pages.charger().html(
            vue, layout: LayoutVue.construire(titre: "Statistiques", base: BasePage(identite: nil, csrf: "x")))
    }

    @Test func theNationalPageShowsFiguresInFrenchEscapesNamesAndOffersBothFilters() async throws {
        let page = try await html(StatistiquesSuiviVue.construire(Self.statistiques(), Self.demande(.national)))
        #expect(page.contains("Ruptures de contrat du 16 mars 2025 au 15 juin 2025"))
        #expect(page.contains("Mission locale &lt;Côte &amp; Mer&gt;") && !page.contains("<Côte"))
        // 3 young people, 2 processed, all reached, median of 1 and 4 days.
        #expect(page.contains(#"<p class="compteur__valeur">3</p>"#))
        #expect(page.contains("<p class=\"compteur__valeur\">100\u{202F}%</p>"))
        #expect(page.contains(#"<p class="compteur__valeur">2,5 jours</p>"#))
        #expect(page.contains("<td>50\u{202F}%</td>"))  // each of the two situations: half of the processed cases
        #expect(page.contains(#"name="region""#) && page.contains(#"name="mission_locale""#))
        #expect(page.contains("Par région") && page.contains("Hauts-de-France"))
        #expect(page.contains(#"<th scope="col">Région</th>"#))  // missions locales of several régions
        #expect(page.contains(#"href="/suivi/statistiques.csv?periode=3-mois""#))
        #expect(!page.contains("Nom1"))
    }

    @Test func aMissionLocaleSeesNoFilterAndNoRegionTable() async throws {
        let une = [Self.referentiel[0]]
        let page = try await html(
            StatistiquesSuiviVue.construire(Self.statistiques(une), Self.demande(.missionLocale("ML1"), une)))
        #expect(page.contains("Périmètre : <strong>Mission locale &lt;Côte &amp; Mer&gt;</strong>"))
        #expect(!page.contains(#"name="region""#) && !page.contains(#"name="mission_locale""#))
        // One mission locale: its figures are the tiles; no table by région or mission locale.
        #expect(!page.contains("Par région") && !page.contains("Par mission locale"))
    }

    @Test func withoutAnyProcessedCaseTheRatesAreDashes() async throws {
        let vide = StatistiquesSuivis.calculer(
            suivis: [], missionsLocales: Self.referentiel, regles: ReglesSuivi(), aujourdhui: j("2025-06-15"),
            periode: .tout)
        let page = try await html(StatistiquesSuiviVue.construire(vide, Self.demande(.region("32"))))
        #expect(page.contains("Aucun cas traité sur cette période."))
        #expect(page.contains(#"<p class="compteur__valeur">—</p>"#))
    }

    @Test func theCsvHasOneRowForTheTotalEachRegionAndEachMissionLocale() {
        let csv = String(decoding: StatistiquesSuivi.classeur(Self.statistiques()).csv(), as: UTF8.self)
        let lignes = csv.split(separator: "\r\n").map(String.init)
        #expect(lignes.count == 1 + 1 + 2 + 2)
        #expect(lignes[1].hasPrefix("Total;;Toutes les missions locales retenues;;3;2;2;100;2,5;2;1;1;0;"))
        #expect(
            lignes.contains {
                $0.hasPrefix("Mission locale;ML2;Mission locale de Lyon;Auvergne-Rhône-Alpes;0;0;0;;;0;")
            })
        #expect(
            lignes[0].hasSuffix("Non joint — Coordonnées erronées;Non joint — Injoignable;Non joint — Autre raison"))
    }

    @Test(arguments: [(0.5, "0,5"), (12.0, "12"), (66.666, "66,7"), (99.96, "100"), (2.25, "2,3")])
    func decimalsAreWrittenTheFrenchWay(v: Double, attendu: String) {
        #expect(StatistiquesSuivi.decimal(v) == attendu)
    }
}
