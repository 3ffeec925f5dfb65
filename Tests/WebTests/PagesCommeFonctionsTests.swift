import Foundation
import TestSupport
import Testing

@testable import Domain
@testable import Web

/// Pages as functions: a view model built from domain values, rendered by the real templates, without a server.
struct PagesCommeFonctionsTests {
    static let jour = Jour(year: 2024, month: 10, day: 15)

    /// The HTML of a page for a visitor who is not signed in.
    func html(_ vue: some VuePage, titre: String) async throws -> String {
        let pages = try await Pages.charger()
        return pages.html(
            vue, layout: LayoutVue.construire(titre: titre, base: BasePage(identite: nil, csrf: "jeton-csrf")))
    }

    static func ligne(_ cle: String, _ libelle: String, _ c: Compteurs) -> LigneIndicateurs {
        LigneIndicateurs(cle: cle, libelle: libelle, compteurs: c, organisme: nil, niveau: nil, cfd: nil, rncp: nil)
    }

    static let amiens = Organisme(
        id: OrganismeID(7), uai: OrganismesDeTest.amiens.uai, siret: OrganismesDeTest.amiens.siret,
        nom: "CFA d'Amiens & Somme",
        adresse: AdresseOrganisme(codePostal: "80000", commune: "Amiens", departement: "80", region: "32"),
        fiable: false)

    /// A learner of a list, rupturant since March 2025.
    static func apprenant(_ id: Int64, nom: String, prenom: String, courriel: String? = nil) -> ListesNominatives.Ligne
    {
        let parcours = Parcours([
            EtapeParcours(date: Jour(year: 2024, month: 9, day: 2), valeur: .apprenti),
            EtapeParcours(date: Jour(year: 2025, month: 3, day: 1), valeur: .rupturant),
        ])
        let e = EffectifDetaille(
            id: EffectifID(id), organisme: amiens.id, anneeScolaire: AnneeScolaire("2024-2025")!,
            idErpApprenant: "E\(id)",
            nom: nom, prenom: prenom, dateDeNaissance: Jour(year: 2005, month: 4, day: 1), cfd: "50022141", rncp: nil,
            courriel: courriel, telephone: nil, dateEntree: Jour(year: 2024, month: 9, day: 2),
            dateFin: Jour(year: 2026, month: 6, day: 30), parcours: parcours,
            transmisLe: Date(timeIntervalSince1970: 1_730_000_000))
        return ListesNominatives.Ligne(
            effectif: e, statut: CodeStatut.rupturant, organisme: amiens, formation: "BTS Cuisine")
    }

    @Test func nationalPageShowsFrenchCountersTheTableAndTheChosenRegion() async throws {
        var f = FiltresIndicateurs(date: Self.jour)
        f.regions = ["32"]
        let vue = try PageNationaleVue.construire(
            filtres: f,
            compteurs: Compteurs(apprenants: 1_234_567, apprentis: 1_000_000, inscrits: 200_000, rupturants: 34_567),
            territoires: [
                Self.ligne(
                    "80", "Somme", Compteurs(apprenants: 12_345, apprentis: 10_000, inscrits: 2_000, rupturants: 345)),
                Self.ligne("02", "Aisne", Compteurs(apprenants: 3, apprentis: 3)),
            ],
            regions: false, indicateur: "apprentis", query: [("organisme_regions", "32")],
            evolution: [
                (mois: "2024-09", date: Jour(year: 2024, month: 9, day: 30), compteurs: Compteurs(apprentis: 900_000)),
                (mois: "2024-10", date: Self.jour, compteurs: Compteurs(apprentis: 1_000_000)),
            ],
            couverture: [])
        let page = try await html(vue, titre: "Indicateurs nationaux")
        #expect(page.contains("<title>Indicateurs nationaux — Tableau de bord de l'apprentissage</title>"))
        #expect(page.contains("Situation au <strong>15 octobre 2024</strong>"))
        // Counters with a narrow no-break space between thousands.
        #expect(page.contains("<p class=\"compteur__valeur\">1\u{202F}234\u{202F}567</p>"))
        // The table sorted by learners, the Somme first, its figures as cells, and the total.
        #expect(
            page.contains(
                "<th scope=\"row\">Somme <span class=\"texte-secondaire\">(80)</span></th>"
                    + "<td>12\u{202F}345</td><td>10\u{202F}000</td><td>2\u{202F}000</td><td>345</td><td>0</td></tr>"))
        #expect(page.range(of: "Somme <span")!.lowerBound < page.range(of: "Aisne <span")!.lowerBound)
        #expect(page.contains("<tfoot><tr><th scope=\"row\">Total</th><td>12\u{202F}348</td><td>10\u{202F}003</td>"))
        // The region filter keeps its choice; the map names its values; the evolution table has its months.
        #expect(page.contains("<option value=\"32\" selected>Hauts-de-France</option>"))
        #expect(page.contains("<option value=\"84\">"))
        #expect(page.contains("Somme (80) : 10\u{202F}000"))
        #expect(page.contains("<th scope=\"row\">octobre 2024</th><td>0</td><td>1\u{202F}000\u{202F}000</td>"))
        #expect(page.contains("<a class=\"bouton bouton--secondaire\" href=\"?\">Effacer les filtres</a>"))
        #expect(!page.contains("Aucun effectif compté pour ces filtres."))
    }

    @Test func nationalPageWithoutLearnersSaysSo() async throws {
        let vue = try PageNationaleVue.construire(
            filtres: FiltresIndicateurs(date: Self.jour), compteurs: Compteurs(), territoires: [], regions: true,
            indicateur: "rupturants", query: [], evolution: [], couverture: [])
        let page = try await html(vue, titre: "Indicateurs nationaux")
        #expect(page.contains("Aucun effectif compté pour ces filtres."))
        #expect(page.contains("Rupturants par région"))
        #expect(!page.contains("Effacer les filtres"))
    }

    @Test func organismePageEscapesLearnerNamesAndOffersItsFilters() async throws {
        let ecran = ListesNominatives.Ecran(
            numero: 2, recherche: "", total: 120,
            lignes: [
                Self.apprenant(1, nom: "<script>alert(1)</script>", prenom: "Zoé & Léa", courriel: "zoe@exemple.fr")
            ])
        let apprenants = OrganismeVue.Apprenants(
            ecran: ecran, contacts: true, statut: "rupturant",
            formations: [(cfd: "50022141", libelle: "BTS Cuisine (50022141)")], telechargements: [.rupturants])
        var f = FiltresIndicateurs(date: Self.jour)
        f.cfds = ["50022141"]
        let vue = try OrganismeVue.construire(
            Self.amiens, filtres: f, compteurs: Compteurs(apprenants: 1_500, apprentis: 1_200, rupturants: 300),
            evolution: [],
            parFormation: [Self.ligne("50022141", "BTS Cuisine", Compteurs(apprenants: 1_500, apprentis: 1_200))],
            formateurs: nil, voitTransmissions: true, cles: false, apprenants: apprenants,
            query: [("formation_cfds", "50022141"), ("statut", "rupturant"), ("page", "2")],
            lienOrganisme: { "/organismes/\($0)" })
        let page = try await html(vue, titre: Self.amiens.nom)
        #expect(page.contains("<title>CFA d&#39;Amiens &amp; Somme — Tableau de bord de l'apprentissage</title>"))
        #expect(page.contains("<h1>CFA d&#39;Amiens &amp; Somme</h1>"))
        #expect(page.contains("<dd>Somme (80)</dd>"))
        // Not reliable: the notice says it is not counted in the territories.
        #expect(
            page.contains(
                "Cet organisme n'est pas compté dans les indicateurs des territoires (organisme non fiabilisé)"))
        #expect(page.contains("<p class=\"compteur__valeur\">1\u{202F}500</p>"))
        #expect(page.contains("<a href=\"/organismes/7/transmissions\">Transmissions de l'organisme</a>"))
        // The learner's name is text, never markup.
        #expect(page.contains("<th scope=\"row\">&lt;script&gt;alert(1)&lt;/script&gt; Zoé &amp; Léa</th>"))
        #expect(!page.contains("<script>alert(1)</script>"))
        #expect(page.contains("<td>zoe@exemple.fr<br></td>"))
        #expect(page.contains("<span class=\"statut statut--rupturant\">Rupturant</span>"))
        #expect(page.contains("<svg class=\"frise\""))
        // Filters keep their choice; pages 1 to 3 with the current one marked; downloads for this organisme.
        #expect(page.contains("<option value=\"rupturant\" selected>Rupturants</option>"))
        #expect(page.contains("<option value=\"50022141\" selected>BTS Cuisine (50022141)</option>"))
        #expect(page.contains("aria-current=\"page\" aria-label=\"Page 2, page courante\">2</a></li>"))
        #expect(page.contains("Page 2 sur 3"))
        #expect(
            page.contains("href=\"/organismes/7?formation_cfds=50022141&amp;statut=rupturant&amp;page=3#apprenants\""))
        #expect(page.contains("/listes/rupturants/telechargement?organisme=7&amp;date=2024-10-15&amp;format=xlsx"))
    }

    @Test func organismePageWithoutListPermissionShowsNoLearners() async throws {
        let vue = try OrganismeVue.construire(
            Self.amiens, filtres: FiltresIndicateurs(date: Self.jour), compteurs: Compteurs(), evolution: [],
            parFormation: [], formateurs: nil, voitTransmissions: false, cles: false, apprenants: nil, query: [],
            lienOrganisme: { _ in nil })
        let page = try await html(vue, titre: Self.amiens.nom)
        #expect(!page.contains("id=\"apprenants\""))
        #expect(!page.contains("Transmissions de l'organisme"))
        #expect(page.contains("Aucun effectif compté pour ces filtres."))
    }

    @Test func namedListShowsRowsContactsAndDownloadsThatKeepTheQuery() async throws {
        let ecran = ListesNominatives.Ecran(
            numero: 1, recherche: "dupont", total: 1,
            lignes: [Self.apprenant(3, nom: "Dupont", prenom: "Jeanne", courriel: "j.dupont@exemple.fr")])
        let vue = ListeNominativeVue.construire(
            ecran,
            demande: try Self.demande(
                .rupturants, perimetre: .departement("80"), query: [("organisme_departements", "80"), ("q", "dupont")]),
            contacts: true, explication: "", lienOrganisme: { "/organismes/\($0)" })
        let page = try await html(vue, titre: vue.titre)
        #expect(page.contains("<h1>Rupturants — Somme (80), au 15 octobre 2024</h1>"))
        #expect(page.contains("Liste nominative (département Somme) au <strong>15 octobre 2024</strong>"))
        #expect(page.contains("<p><strong>1</strong> apprenant(s).</p>"))
        #expect(page.contains("<th scope=\"row\">Dupont Jeanne</th>"))
        #expect(page.contains("<td>01/04/2005</td>"))
        #expect(page.contains("<a href=\"/organismes/7\">CFA d&#39;Amiens &amp; Somme</a>"))
        #expect(page.contains("<th scope=\"col\">Contact</th>"))
        #expect(page.contains("<td>j.dupont@exemple.fr<br></td>"))
        #expect(page.contains("<input type=\"search\" id=\"q\" name=\"q\" value=\"dupont\">"))
        #expect(page.contains("<input type=\"hidden\" name=\"organisme_departements\" value=\"80\">"))
        #expect(
            page.contains(
                "href=\"/listes/rupturants/telechargement?organisme_departements=80&amp;q=dupont&amp;format=csv\""))
        // One page: no pagination.
        #expect(!page.contains("aria-label=\"Pagination\""))
    }

    @Test func emptyNamedListHasNoTableAndNoContactsForOthers() async throws {
        let vue = ListeNominativeVue.construire(
            ListesNominatives.Ecran(numero: 1, recherche: "zz", total: 0, lignes: []),
            demande: try Self.demande(.abandons, perimetre: .national, query: [("q", "zz")]), contacts: false,
            explication: "", lienOrganisme: { "/organismes/\($0)" })
        let page = try await html(vue, titre: vue.titre)
        #expect(page.contains("<p><strong>0</strong> apprenant(s).</p>"))
        #expect(!page.contains("aria-label=\"Liste des apprenants\""))
        #expect(!page.contains("Contact"))
    }

    /// A list request as the list handler reads it (no organisme, no status), at `jour`.
    static func demande(_ indicateur: IndicateurListe, perimetre: Perimetre, query: [(String, String)]) throws
        -> ListesNominatives.Demande
    {
        let f = try FiltresIndicateurs.lire(query, aujourdhui: jour, autres: ListesNominatives.parametresPropres)
        return ListesNominatives.Demande(
            indicateur: indicateur, perimetre: perimetre,
            requete: RequeteIndicateurs(perimetre: perimetre, filtres: f, aujourdhui: jour), query: query,
            choix: ChoixDuPerimetre.de(perimetre) { [] }, statut: nil, lieu: nil)
    }

    @Test func layoutShowsTheSignedOutMenuAndCsrfValue() async throws {
        let page = try await html(ConnexionVue.construire(email: "a&b@exemple.fr"), titre: "Se connecter")
        #expect(page.contains("<a href=\"/connexion\">Se connecter</a>"))
        #expect(page.contains("<input type=\"hidden\" name=\"csrf\" value=\"jeton-csrf\">"))
        #expect(page.contains("value=\"a&amp;b@exemple.fr\""))
    }
}

/// Issue 13: links only to places the account may enter; footer pages; Paris time.
struct LiensEtPiedDePageTests {
    func html(_ vue: some VuePage, titre: String, chemin: String = "/") async throws -> String {
        try await Pages.charger().html(
            vue, layout: LayoutVue.construire(titre: titre, base: BasePage(identite: nil, csrf: "x", chemin: chemin)))
    }

    @Test func aNamedListDoesNotLinkAnOrganismeTheAccountCannotOpen() async throws {
        let ecran = ListesNominatives.Ecran(
            numero: 1, recherche: "", total: 1,
            lignes: [PagesCommeFonctionsTests.apprenant(3, nom: "Dupont", prenom: "Jeanne")])
        let vue = ListeNominativeVue.construire(
            ecran, indicateur: .rupturants, perimetre: .departement("80"), date: PagesCommeFonctionsTests.jour,
            contacts: false, query: [], lienOrganisme: { _ in nil })
        let page = try await html(vue, titre: "Rupturants")
        #expect(page.contains("<td>CFA d&#39;Amiens &amp; Somme</td>"))
        #expect(!page.contains("href=\"/organismes/7\""))
    }

    @Test func theFooterLinksTheStatementsAndMarksTheCurrentPage() async throws {
        let page = try await html(MentionsLegalesVue(contact: "equipe@exemple.fr"), titre: "Mentions légales",
            chemin: "/mentions-legales")
        #expect(page.contains("<a href=\"/accessibilite\">Accessibilité : non conforme</a>"))
        #expect(page.contains("<a href=\"/mentions-legales\" aria-current=\"page\">Mentions légales</a>"))
        #expect(page.contains("<a href=\"/donnees-personnelles\">Données personnelles</a>"))
        #expect(page.contains("mailto:equipe@exemple.fr"))
        let accueil = try await html(MentionsLegalesVue(contact: "e@x.fr"), titre: "Accueil", chemin: "/")
        #expect(accueil.contains("<a class=\"navigation__lien\" href=\"/\" aria-current=\"page\">Accueil</a>"))
        #expect(accueil.contains("<a class=\"navigation__lien\" href=\"/api/docs\">API</a>"))
    }

    @Test func personalDataDurationsComeFromTheRetentionPolicy() async throws {
        let page = try await html(
            DonneesPersonnellesVue.construire(.defaut, contact: "e@x.fr"), titre: "Données personnelles")
        let r = try #require(PolitiqueRetention.defaut.regle(.effectifsNominatifs))
        #expect(page.contains("pseudonymisés \(r.libelleDuree) après la fin de leur année scolaire"))
        #expect(page.contains("<td>90 jours</td>"))
        #expect(page.contains("sans connexion depuis 12 mois"))
    }

    @Test func instantsAreShownInParisTime() {
        // 2025-01-04 23:30 UTC is 5 January at 00:30 in Paris (winter, UTC+1).
        let hiver = Date(timeIntervalSince1970: 1_736_033_400)
        #expect(dateHeureFR(hiver) == "5 janvier 2025 à 00:30")
        // 2025-07-14 10:00 UTC is 12:00 in Paris (summer, UTC+2).
        let ete = Date(timeIntervalSince1970: 1_752_487_200)
        #expect(dateHeureFR(ete) == "14 juillet 2025 à 12:00")
        // The changes: last Sunday of March 2025 (30th) and of October (26th), at 01:00 UTC.
        #expect(HeureDeParis.decalage(Date(timeIntervalSince1970: 1_743_296_399)) == 3600)
        #expect(HeureDeParis.decalage(Date(timeIntervalSince1970: 1_743_296_400)) == 7200)
        #expect(HeureDeParis.decalage(Date(timeIntervalSince1970: 1_761_440_399)) == 7200)
        #expect(HeureDeParis.decalage(Date(timeIntervalSince1970: 1_761_440_400)) == 3600)
    }
}
