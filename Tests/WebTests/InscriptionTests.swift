import App
import Domain
import Foundation
import HTTPTypes
import HummingbirdTesting
import TestSupport
import Testing

@testable import Web

/// Issue 13, items 2 and 7: the sign-up that follows the type, its validation by an administrator, the référentiel
/// searched and impersonated, the journal in French and Paris time.
@Suite(.serialized)
struct InscriptionTests {
    let comptes = ComptesTests()
    let mdp = ComptesTests.motDePasse

    func personne(_ email: String) -> [String: String] {
        ["email": email, "nom": "Martin", "prenom": "Léa", "mot_de_passe": mdp, "confirmation": mdp]
    }

    @Test func eachStepShowsOnlyWhatTheTypeNeeds() async throws {
        let banc = try await Banc()
        try await banc.test { client in
            let nav = Navigateur(client)
            // Step 1: every type one can sign up for, each with what it can see.
            let etape1 = try await nav.get("/inscription")
            #expect(etape1.status == .ok)
            for t in TypeOrganisation.inscriptibles {
                #expect(etape1.corps.contains(#"type="radio" id="type-\#(t.rawValue)" name="type""#), "\(t)")
            }
            #expect(!etape1.corps.contains("ADMINISTRATEUR"))
            #expect(etape1.corps.contains("listes nominatives des inscrits sans contrat, rupturants et abandons"))
            #expect(!etape1.corps.contains(#"name="identifiant""#) && !etape1.corps.contains(#"name="email""#))

            // Step 2 for a DREETS: the région only.
            let dreets = try await nav.get("/inscription?type=DREETS")
            #expect(dreets.status == .ok)
            #expect(dreets.corps.contains(#"name="region""#))
            for champ in ["identifiant", "departement", "academie", "reseau", "mission_locale", "email"] {
                #expect(!dreets.corps.contains(#"name="\#(champ)""#), "\(champ)")
            }
            let sansRegion = try await nav.get("/inscription?type=DREETS&etape=verifier&region=")
            #expect(sansRegion.status == .badRequest)
            #expect(sansRegion.corps.contains("Choisissez la région de votre organisation"))
            let inconnu = try await nav.get("/inscription?type=PIRATE")
            #expect(inconnu.status == .badRequest && inconnu.corps.contains("Type d&#39;organisation : choisissez"))

            // Step 3: the organisation found, then the person's fields.
            let confirmation = try await nav.get("/inscription?type=DREETS&etape=verifier&region=84")
            #expect(confirmation.status == .ok)
            #expect(confirmation.corps.contains("Organisation trouvée : DREETS Auvergne-Rhône-Alpes"))
            #expect(confirmation.corps.contains(#"name="region" value="84""#))
            #expect(
                confirmation.corps.contains(#"name="email""#)
                    && confirmation.corps.contains("n&#39;a pas encore de compte"))

            // Other types: their own field only.
            #expect(try await nav.get("/inscription?type=DDETS").corps.contains(#"name="departement""#))
            #expect(try await nav.get("/inscription?type=ACADEMIE").corps.contains(#"name="academie""#))
            #expect(try await nav.get("/inscription?type=TETE_DE_RESEAU").corps.contains(#"name="reseau""#))
            let national = try await nav.get("/inscription?type=CARIF_OREF_NATIONAL")
            #expect(national.corps.contains("Organisation trouvée : CARIF-OREF national"))
            #expect(national.corps.contains("France entière"))

            // The request is created by the last step only.
            #expect(try await banc.store.utilisateurs(recherche: "", limite: 10).isEmpty)
            let envoi = try await nav.post(
                "/inscription",
                personne("anne@dreets.test").merging(["type_organisation": "DREETS", "region": "84"]) { a, _ in a })
            #expect(envoi.status == .ok && envoi.corps.contains("Vérifiez votre messagerie"))
            let anne = try #require(try await banc.store.utilisateur(email: "anne@dreets.test"))
            #expect(try await banc.store.organisation(id: anne.organisation)?.region == "84")
        }
    }

    @Test func organismesSharingAUaiAreListedToChooseFrom() async throws {
        let banc = try await Banc()
        let csv = """
            uai,siret,nom,nature,code_postal,code_commune_insee,departement,region,academie,reseaux,commune
            0691234B,55555555500019,Lycée Ampère,formateur,69002,69382,69,84,10,,Lyon 2e
            """
        _ = try await banc.store.importer(organismes: ImportOrganismes.lire(FichierCSV(texte: csv)).organismes)
        let ampere = try #require(try await banc.store.rechercherOrganismes("55555555500019", limite: 1).first)
        try await banc.test { client in
            let nav = Navigateur(client)
            let choix = try await nav.get("/inscription?type=ORGANISME_FORMATION&etape=verifier&identifiant=0691234B")
            #expect(choix.status == .ok)
            #expect(choix.corps.contains("Plusieurs organismes partagent cet UAI"))
            #expect(choix.corps.contains("CFA du Rhône") && choix.corps.contains("Lycée Ampère"))
            #expect(choix.corps.contains("Lyon 2e, SIRET 55555555500019"))
            #expect(choix.corps.contains(#"name="organisme" value="\#(ampere.id)""#))
            #expect(!choix.corps.contains(#"name="email""#))

            let confirmation = try await nav.get(
                "/inscription?type=ORGANISME_FORMATION&etape=verifier&identifiant=0691234B&organisme=\(ampere.id)")
            #expect(confirmation.corps.contains("Organisation trouvée : Lycée Ampère"))
            #expect(confirmation.corps.contains("69002 Lyon 2e — Rhône (69), Auvergne-Rhône-Alpes"))
            #expect(confirmation.corps.contains("55555555500019"))

            // An organisme that does not share the UAI is refused, and the list shown again.
            let amiens = try #require(banc.ids[OrganismesDeTest.amiens])
            let faux = try await nav.get(
                "/inscription?type=ORGANISME_FORMATION&etape=verifier&identifiant=0691234B&organisme=\(amiens)")
            #expect(faux.status == .badRequest && faux.corps.contains("Lycée Ampère"))

            let envoi = try await nav.post(
                "/inscription",
                personne("paul@ampere.test").merging([
                    "type_organisation": "ORGANISME_FORMATION", "identifiant": "0691234B",
                    "organisme": String(ampere.id.rawValue),
                ]) { a, _ in a })
            #expect(envoi.status == .ok)
            let paul = try #require(try await banc.store.utilisateur(email: "paul@ampere.test"))
            #expect(try await banc.store.organisation(id: paul.organisation)?.organisme == ampere.id)
        }
    }

    static let missionsLocales = [
        MissionLocale(
            code: "ML-69-LYON", nom: "Mission locale de Lyon", commune: "Lyon", departement: "69", region: "84",
            communes: ["69123"]),
        MissionLocale(
            code: "ML-69-VIL", nom: "Mission locale de Villefranche", commune: "Villefranche-sur-Saône",
            departement: "69", region: "84", communes: ["69264"]),
        MissionLocale(
            code: "ML-42-SE", nom: "Mission locale de Saint-Étienne", commune: "Saint-Étienne", departement: "42",
            region: "84", communes: ["42218"]),
    ]

    @Test func aMissionLocalePicksItFromTheReferentiel() async throws {
        let banc = try await Banc()
        try await banc.test { client in
            let nav = Navigateur(client)
            // None known yet: the page says why, and offers no form.
            let vide = try await nav.get("/inscription?type=MISSION_LOCALE")
            #expect(vide.corps.contains("Aucune mission locale n'est encore enregistrée"))
            #expect(!vide.corps.contains(#"name="mission_locale""#) && !vide.corps.contains(#"name="recherche""#))
            // A name typed creates nothing.
            let libre = try await nav.post(
                "/inscription",
                personne("ml@ml.test").merging([
                    "type_organisation": "MISSION_LOCALE", "mission_locale": "Mission locale inventée",
                ]) { a, _ in a })
            #expect(libre.status == .badRequest)
            #expect(try await banc.store.organisations(type: .missionLocale).isEmpty)

            _ = try await banc.store.importer(missionsLocales: Self.missionsLocales, now: Banc.maintenant)
            // A search form first, no list of every mission locale.
            let accueil = try await nav.get("/inscription?type=MISSION_LOCALE")
            #expect(accueil.status == .ok)
            #expect(accueil.corps.contains(#"name="recherche""#) && accueil.corps.contains(#"role="search""#))
            #expect(!accueil.corps.contains(#"name="mission_locale""#))
            // By département name: the two of the Rhône, as radio buttons carrying their code.
            let rhone = try await nav.get("/inscription?type=MISSION_LOCALE&recherche=Rh%C3%B4ne")
            #expect(rhone.corps.contains("2 missions locales correspondent à « Rhône »"))
            #expect(rhone.corps.contains(#"name="mission_locale" value="ML-69-LYON""#))
            #expect(rhone.corps.contains(#"name="mission_locale" value="ML-69-VIL""#))
            #expect(!rhone.corps.contains("ML-42-SE"))
            #expect(rhone.corps.contains("Lyon, Rhône (69)"))
            // By commune: the only match is chosen already.
            let commune = try await nav.get("/inscription?type=MISSION_LOCALE&recherche=saint-etienne")
            #expect(commune.corps.contains(#"value="ML-42-SE" checked"#))
            // Nothing found: said, and no form to check an organisation.
            let rien = try await nav.get("/inscription?type=MISSION_LOCALE&recherche=Marseille")
            #expect(rien.corps.contains("Aucune mission locale ne correspond à « Marseille »"))
            #expect(!rien.corps.contains(#"name="etape""#))

            let sansChoix = try await nav.get("/inscription?type=MISSION_LOCALE&etape=verifier&recherche=69")
            #expect(sansChoix.status == .badRequest)
            #expect(sansChoix.corps.contains("Mission locale : choisissez la vôtre parmi les résultats"))
            #expect(sansChoix.corps.contains(#"value="ML-69-VIL""#))
            let inconnue = try await nav.get("/inscription?type=MISSION_LOCALE&etape=verifier&mission_locale=ML-00")
            #expect(inconnue.status == .badRequest)
            #expect(inconnue.corps.contains("« ML-00 » n&#39;est pas dans le référentiel"))

            let confirmation = try await nav.get(
                "/inscription?type=MISSION_LOCALE&etape=verifier&mission_locale=ML-69-VIL")
            #expect(confirmation.status == .ok)
            #expect(confirmation.corps.contains("Organisation trouvée : Mission locale de Villefranche"))
            #expect(confirmation.corps.contains(#"name="mission_locale" value="ML-69-VIL""#))
            // "Modifier" goes back to step 2 with the choice listed and checked.
            let retour = try await nav.get("/inscription?type=MISSION_LOCALE&mission_locale=ML-69-VIL")
            #expect(retour.corps.contains(#"value="ML-69-VIL" checked"#))

            for email in ["ml@ml.test", "ml2@ml.test"] {
                let envoi = try await nav.post(
                    "/inscription",
                    personne(email).merging(["type_organisation": "MISSION_LOCALE", "mission_locale": "ML-69-VIL"]) {
                        a, _ in a
                    })
                #expect(envoi.status == .ok)
            }
            let premiere = try #require(try await banc.store.utilisateur(email: "ml@ml.test"))
            let seconde = try #require(try await banc.store.utilisateur(email: "ml2@ml.test"))
            // One organisation per mission locale of the référentiel, identified by its code.
            #expect(premiere.organisation == seconde.organisation)
            let orga = try #require(try await banc.store.organisation(id: premiere.organisation))
            #expect(orga.type == .missionLocale && orga.missionLocale == "ML-69-VIL")
            #expect(orga.nom == "Mission locale de Villefranche" && orga.departement == "69" && orga.region == "84")
        }
    }

    /// A confirmed request waiting for validation.
    func demande(_ banc: Banc, _ nav: Navigateur, _ email: String, _ champs: [String: String]) async throws
        -> Utilisateur
    {
        _ = try await nav.post("/inscription", personne(email).merging(champs) { a, _ in a })
        _ = try await nav.get(try #require(try await comptes.lien(banc, email, "/confirmation")))
        return try #require(try await banc.store.utilisateur(email: email))
    }

    @Test func theAdministratorValidatesOrRefusesWithAReason() async throws {
        let banc = try await Banc()
        try await comptes.administrateur(banc)
        try await banc.test { client in
            let anne = try await demande(
                banc, Navigateur(client), "anne@ddets.test", ["type_organisation": "DDETS", "departement": "69"])
            let lea = try await demande(
                banc, Navigateur(client), "lea@cfa.test",
                ["type_organisation": "ORGANISME_FORMATION", "identifiant": "77937827200016"])
            let admin = Navigateur(client)
            _ = try await comptes.connecter(admin, "admin@tdb.test")
            let aValider = try await admin.get("/admin/utilisateurs?statut=a_valider")
            #expect(aValider.status == .ok && aValider.corps.contains("À valider (2)"))
            #expect(aValider.corps.contains("DDETS") && aValider.corps.contains("Département Rhône (69)"))
            #expect(aValider.corps.contains("code département 69"))
            #expect(aValider.corps.contains("SIRET 77937827200016, UAI 0802004U"))
            #expect(aValider.corps.contains("4 janvier 2025 à "))  // the request date, Paris time
            #expect(try await admin.get("/admin/utilisateurs?statut=tous").status == .badRequest)

            let valide = try await admin.post("/admin/utilisateurs/\(anne.id)/valider")
            #expect(valide.status == .seeOther)
            let apres = try await admin.get(try #require(valide.headers[.location]))
            #expect(apres.corps.contains("Le compte de Léa Martin (anne@ddets.test) est validé"))
            #expect(apres.corps.contains("À valider (1)"))

            // Refusing asks for a reason first.
            let confirmer = try await admin.get("/admin/utilisateurs/\(lea.id)/rejeter")
            #expect(confirmer.status == .ok && confirmer.corps.contains(#"name="motif""#))
            #expect(confirmer.corps.contains("CFA de la Somme"))
            let sansMotif = try await admin.post("/admin/utilisateurs/\(lea.id)/rejeter", ["motif": "  "])
            #expect(sansMotif.status == .badRequest && sansMotif.corps.contains("Le motif du refus est obligatoire"))
            #expect(try await banc.store.utilisateur(id: lea.id)?.statut == .enAttenteValidation)
            let trop = try await admin.post(
                "/admin/utilisateurs/\(lea.id)/rejeter", ["motif": String(repeating: "é", count: 1001)])
            #expect(trop.status == .badRequest && trop.corps.contains(String(repeating: "é", count: 1001)))
            let refus = try await admin.post(
                "/admin/utilisateurs/\(lea.id)/rejeter", ["motif": "Adresse personnelle : utilisez celle du CFA."])
            #expect(refus.status == .seeOther)
            #expect(
                try await admin.get(try #require(refus.headers[.location])).corps.contains(
                    "La demande de Léa Martin (lea@cfa.test) est refusée"))
            #expect(try await banc.store.utilisateur(id: lea.id)?.statut == .rejete)
            let courriel = try #require(
                try await banc.store.courriels(limite: 50).first {
                    $0.destinataire == "lea@cfa.test" && $0.sujet.contains("pas été acceptée")
                })
            #expect(courriel.corps.contains("Motif : Adresse personnelle : utilisez celle du CFA."))
            // Done already: no second refusal.
            #expect(try await admin.get("/admin/utilisateurs/\(lea.id)/rejeter").status == .badRequest)
        }
        let journal = try await banc.store.journal(limite: 20)
        #expect(journal.contains { $0.action == "compte_refuse" && $0.detail.contains("motif : Adresse personnelle") })
    }

    @Test func anyOrganismeOfTheReferentielCanBeImpersonated() async throws {
        let banc = try await Banc()
        try await comptes.administrateur(banc)
        try await banc.test { client in
            let admin = Navigateur(client)
            _ = try await comptes.connecter(admin, "admin@tdb.test")
            #expect(try await admin.get("/").corps.contains(#"href="/admin/utilisateurs""#))
            // No organisation has an account; the référentiel is searched all the same.
            let recherche = try await admin.get("/admin/organisations?q=Rh%C3%B4ne")
            #expect(recherche.corps.contains("Organismes du référentiel") && recherche.corps.contains("CFA du Rhône"))
            #expect(recherche.corps.contains("aucun compte"))
            let lyon = try #require(banc.ids[OrganismesDeTest.lyon])
            #expect(recherche.corps.contains("/admin/organismes/\(lyon)/incarner"))
            #expect(
                try await admin.get("/admin/organisations?q=Marseille").corps.contains("Aucun organisme du référentiel")
            )

            let incarne = try await admin.post("/admin/organismes/\(lyon)/incarner")
            #expect(incarne.status == .seeOther && incarne.headers[.location] == "/organismes/\(lyon)")
            let tableau = try await admin.get("/organismes/\(lyon)")
            #expect(tableau.status == .ok)
            #expect(tableau.corps.contains("Vous consultez le service en tant que CFA du Rhône"))
            #expect(tableau.corps.contains("Quitter et revenir à l'administration"))
            #expect(!tableau.corps.contains(#"href="/admin/utilisateurs""#))  // no admin menu meanwhile
            let session = try await admin.json("/api/v1/session", .get)
            #expect(session.corps.contains(#""incarnation":true"#))
            #expect(try await admin.post("/admin/incarnation/fin").status == .seeOther)
            #expect(try await admin.get("/").corps.contains(#"href="/admin/utilisateurs""#))
            // The second time, the same organisation is used.
            _ = try await admin.post("/admin/organismes/\(lyon)/incarner")
            #expect(try await banc.store.organisations(type: .organismeFormation).count == 1)
            #expect(try await admin.post("/admin/organismes/999999/incarner").status == .notFound)
        }
        #expect(
            try await banc.store.journal(limite: 20).contains {
                $0.action == "incarnation_debut" && $0.detail.contains("CFA du Rhône")
            })
    }

    @Test func theJournalIsInFrenchParisTimeFilteredAndPaged() async throws {
        let banc = try await Banc()
        try await comptes.administrateur(banc)
        // 60 entries in summer (UTC+2) by another user, plus the administrator's creation (winter, UTC+1).
        let ete = Date(timeIntervalSince1970: 1_751_366_700)  // 2025-07-01 10:45 UTC
        for k in 0..<60 {
            try await banc.store.journaliser(
                EntreeJournal(
                    date: ete.addingTimeInterval(Double(k)), acteur: nil, acteurEmail: "anne@dreets.test",
                    action: "role_change", detail: "n° \(k)"))
        }
        try await banc.test { client in
            let admin = Navigateur(client)
            _ = try await comptes.connecter(admin, "admin@tdb.test")
            let page1 = try await admin.get("/admin/journal?action=role_change")
            #expect(page1.corps.contains("60 entrée(s) — page 1 sur 2"))
            #expect(page1.corps.contains("Rôle changé") && !page1.corps.contains(">role_change<"))
            #expect(page1.corps.contains("1er juillet 2025 à 12:45"))
            #expect(page1.corps.contains("n° 59") && !page1.corps.contains("n° 9<"))
            // The shared pagination (same markup as the lists), keeping the filters.
            #expect(page1.corps.contains(#"<nav class="pagination" aria-label="Pagination">"#))
            #expect(page1.corps.contains(#"href="/admin/journal?action=role_change&amp;page=2""#))
            let page2 = try await admin.get("/admin/journal?action=role_change&page=2")
            #expect(page2.corps.contains("n° 9<") && page2.corps.contains("page 2 sur 2"))
            let hiver = try await admin.get("/admin/journal?utilisateur=admin%40tdb.test")
            #expect(hiver.corps.contains("Administrateur créé") && hiver.corps.contains("4 janvier 2025 à "))
            let parDate = try await admin.get("/admin/journal?du=2025-07-01&au=2025-07-01")
            #expect(parDate.corps.contains("60 entrée(s)"))
            #expect(try await admin.get("/admin/journal?du=2025-07-02").corps.contains("0 entrée(s)"))
        }
    }

    @Test func aNamedAccessRecordsItsFilters() async throws {
        let banc = try await Banc()
        try await comptes.administrateur(banc)
        try await banc.test { client in
            let lea = try await PagesTableauTests().peupler(banc, client)
            #expect(try await lea.get("/listes/apprentis?date=2024-10-15&q=dup").status == .ok)
            let admin = Navigateur(client)
            _ = try await comptes.connecter(admin, "admin@tdb.test")
            let journal = try await admin.get("/admin/journal?action=acces_nominatif")
            #expect(journal.corps.contains("Consultation d&#39;une liste nominative"))
            #expect(journal.corps.contains("filtres : date=2024-10-15, q=dup"))
        }
    }

    @Test func parisTimeFollowsSummerAndWinter() {
        // The change of March 30, 2025 at 01:00 UTC, and of October 26, 2025 at 01:00 UTC.
        #expect(dateHeureFR(Date(timeIntervalSince1970: 1_743_296_399)) == "30 mars 2025 à 01:59")
        #expect(dateHeureFR(Date(timeIntervalSince1970: 1_743_296_400)) == "30 mars 2025 à 03:00")
        #expect(dateHeureFR(Date(timeIntervalSince1970: 1_761_440_399)) == "26 octobre 2025 à 02:59")
        #expect(dateHeureFR(Date(timeIntervalSince1970: 1_761_440_400)) == "26 octobre 2025 à 02:00")
        #expect(dateHeureFR(Date(timeIntervalSince1970: 1_735_689_540)) == "1er janvier 2025 à 00:59")
        #expect(HeureDeParis.horodatage(Date(timeIntervalSince1970: 1_735_689_540)) == "2025-01-01 00:59:00")
    }
}
