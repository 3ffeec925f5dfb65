import Foundation
import Testing

@testable import Domain
@testable import Web

/// Step 2 of the sign-up of a mission locale, as a function of the référentiel and the search (no server).
struct InscriptionMissionLocaleVueTests {
    func html(_ referentiel: [MissionLocale], recherche: String, choisie: String = "") async throws -> String {
        let vue = InscriptionVue.etapeOrganisation(
            .missionLocale, DemandeInscription(type: "MISSION_LOCALE", missionLocale: choisie),
            missionsLocales: referentiel, recherche: recherche)
        return try await PagesCommeFonctionsTests().html(vue, titre: "Créer un compte")
    }

    static func ml(_ i: Int, departement: String = "80") -> MissionLocale {
        MissionLocale(
            code: "ML-\(i)", nom: "Mission locale n° \(i)", commune: "Commune \(i)", departement: departement,
            region: "32", communes: [])
    }

    @Test func aWideSearchListsThirtyAndAsksForMorePrecision() async throws {
        let referentiel = (1...45).map { Self.ml($0) }
        let page = try await html(referentiel, recherche: "80")
        #expect(page.contains("45 missions locales correspondent à « 80 » : les 30 premières sont listées"))
        #expect(page.components(separatedBy: #"name="mission_locale""#).count - 1 == 30)
        #expect(page.contains(#"<input type="hidden" name="recherche" value="80">"#))
        #expect(page.contains("Commune 1, Somme (80)"))
        // The one chosen earlier stays listed, checked, whatever the search.
        let choisie = try await html(referentiel, recherche: "Marseille", choisie: "ML-44")
        #expect(choisie.contains(#"value="ML-44" checked"#))
        #expect(choisie.contains("Aucune mission locale ne correspond à « Marseille »"))
    }

    @Test func namesAndSearchesAreEscaped() async throws {
        var hostile = Self.ml(1)
        hostile.nom = "Mission locale <script>alert(1)</script>"
        let page = try await html([hostile], recherche: "\"><script>")
        #expect(!page.contains("<script>alert(1)"))
        #expect(!page.contains(#"value=""><script>"#))
        let liste = try await html([hostile], recherche: "mission")
        #expect(liste.contains("Mission locale &lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(liste.contains(#"value="ML-1" checked"#))
    }

    @Test func withoutSearchOnlyTheSearchFormIsShown() async throws {
        let page = try await html([Self.ml(1), Self.ml(2)], recherche: "")
        #expect(page.contains(#"role="search""#) && page.contains(#"name="recherche""#))
        #expect(!page.contains(#"name="mission_locale""#) && !page.contains(#"name="etape""#))
    }
}
