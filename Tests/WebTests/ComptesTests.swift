import App
import Domain
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Outils
import TestSupport
import Testing

@testable import Web

@Suite(.serialized)
struct ComptesTests {
    static let motDePasse = "Apprentissage-2025!"

    /// The platform administrator of a bench.
    func administrateur(_ banc: Banc) async throws {
        let comptes = Comptes(
            store: banc.store, secrets: SecretsServeur(coutBcrypt: 4), horloge: banc.horloge,
            urlPublique: "http://tdb.test")
        _ = try await comptes.creerAdministrateur(email: "admin@tdb.test", motDePasse: Self.motDePasse)
    }

    /// The last link of this kind sent to this address.
    func lien(_ banc: Banc, _ email: String, _ chemin: String) async throws -> String? {
        let courriels = try await banc.store.courriels(limite: 100).filter { $0.destinataire == email }
        for c in courriels {
            if let r = c.corps.range(of: chemin + #"\?jeton=[0-9a-f]+"#, options: .regularExpression) {
                return String(c.corps[r])
            }
        }
        return nil
    }

    func inscrireOF(_ nav: Navigateur, email: String) async throws -> Navigateur.Page {
        try await nav.post(
            "/inscription",
            [
                "type_organisation": "ORGANISME_FORMATION", "identifiant": "77937827200016", "email": email,
                "nom": "Martin", "prenom": "Léa", "mot_de_passe": Self.motDePasse, "confirmation": Self.motDePasse,
            ])
    }

    func connecter(_ nav: Navigateur, _ email: String, _ mdp: String = motDePasse) async throws -> Navigateur.Page {
        try await nav.post("/connexion", ["email": email, "mot_de_passe": mdp])
    }

    @Test func signUpConfirmApproveSignInSessionSignOut() async throws {
        let banc = try await Banc()
        try await administrateur(banc)
        try await banc.test { client in
            let lea = Navigateur(client)
            let inscription = try await inscrireOF(lea, email: "lea@cfa.test")
            #expect(inscription.status == .ok)
            #expect(inscription.corps.contains("Vérifiez votre messagerie"))
            #expect(try await connecter(lea, "lea@cfa.test").corps.contains("pas encore confirmée"))

            let confirmation = try #require(try await lien(banc, "lea@cfa.test", "/confirmation"))
            #expect(try await lea.get(confirmation).status == .ok)
            let rejoue = try await lea.get(confirmation)
            #expect(rejoue.status == .gone)
            #expect(rejoue.corps.contains("a expiré ou a déjà été utilisé"))
            #expect(try await connecter(lea, "lea@cfa.test").corps.contains("en attente de validation"))
            // The platform administrators were told.
            #expect(try await banc.store.courriels(limite: 50).contains { $0.destinataire == "admin@tdb.test" })

            let admin = Navigateur(client)
            #expect(try await connecter(admin, "admin@tdb.test").status == .seeOther)
            #expect(try await admin.get("/admin/utilisateurs").corps.contains("lea@cfa.test"))
            let id = try #require(try await banc.store.utilisateur(email: "lea@cfa.test")).id
            #expect(try await admin.post("/admin/utilisateurs/\(id)/valider").status == .seeOther)

            let ok = try await connecter(lea, "lea@cfa.test")
            #expect(ok.status == .seeOther)
            let cookie = try #require(ok.headers[values: .setCookie].first { $0.hasPrefix("tdb_session=") })
            #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"))
            let session = try await lea.json("/api/v1/session", .get)
            #expect(session.status == .ok)
            #expect(session.corps.contains(#""type":"ORGANISME_FORMATION""#))
            #expect(session.corps.contains(#""perimetre":{"type":"organismes","ids":["1","2"]}"#))
            #expect(session.corps.contains(#""role":"administrateur""#))

            #expect(try await lea.post("/deconnexion").status == .seeOther)
            #expect(try await lea.json("/api/v1/session", .get).status == .unauthorized)
        }
        let journal = try await banc.store.journal(limite: 50).map(\.action)
        #expect(
            journal.contains("inscription") && journal.contains("email_confirme") && journal.contains("compte_valide"))
    }

    @Test func wrongPasswordThenThrottling() async throws {
        let banc = try await Banc()
        try await administrateur(banc)
        try await banc.test { client in
            let nav = Navigateur(client)
            let faux = #"{"email":"admin@tdb.test","password":"Mauvais-mot-2025!"}"#
            for _ in 0..<TemporisationConnexion.seuilPaire {
                let r = try await nav.json("/api/v1/auth/login", .post, faux)
                #expect(r.status == .unauthorized)
                #expect(r.corps.contains("Adresse e-mail ou mot de passe incorrect"))
            }
            let bloque = try await nav.json(
                "/api/v1/auth/login", .post, #"{"email":"admin@tdb.test","password":"\#(Self.motDePasse)"}"#)
            #expect(bloque.status == .tooManyRequests)
            // The (e-mail, address) pair waits 1 s after its fifth failure (the clock of the bench stands still).
            #expect(bloque.headers[.retryAfter] == "1")
            #expect(
                bloque.corps.contains("Trop de tentatives de connexion depuis cette adresse : réessayez dans 1 seconde")
            )
            // An unknown address is answered exactly like a wrong password.
            let inconnu = try await Navigateur(client).json(
                "/api/v1/auth/login", .post, #"{"email":"personne@tdb.test","password":"x"}"#)
            #expect(inconnu.status == .unauthorized)
            #expect(inconnu.corps.contains("Adresse e-mail ou mot de passe incorrect"))
        }
    }

    @Test func formsWithoutTheCsrfValueAreRefused() async throws {
        let banc = try await Banc()
        try await administrateur(banc)
        try await banc.test { client in
            let nav = Navigateur(client)
            let r = try await nav.post(
                "/connexion", ["email": "admin@tdb.test", "mot_de_passe": Self.motDePasse], csrf: "faux")
            #expect(r.status == .forbidden)
            #expect(r.corps.contains("Le formulaire a expiré"))
            #expect(nav.cookies["tdb_session"] == nil)
            let json = try await nav.json("/api/v1/auth/login", .post, nil)
            #expect(json.status == .unsupportedMediaType)
        }
        #expect(try await banc.store.utilisateurs(recherche: "", limite: 10).count == 1)
    }

    /// Signs Léa up for the CFA of Amiens and gets her approved; she is its first user, hence its administrator.
    func leaActive(_ banc: Banc, _ client: any TestClientProtocol) async throws -> Navigateur {
        let lea = Navigateur(client)
        _ = try await inscrireOF(lea, email: "lea@cfa.test")
        _ = try await lea.get(try #require(try await lien(banc, "lea@cfa.test", "/confirmation")))
        let id = try #require(try await banc.store.utilisateur(email: "lea@cfa.test")).id
        try await banc.store.modifier(utilisateur: id, statut: .actif)
        #expect(try await connecter(lea, "lea@cfa.test").status == .seeOther)
        return lea
    }

    @Test func aSecondSignUpIsApprovedByTheOrganisationsAdministrator() async throws {
        let banc = try await Banc()
        try await banc.test { client in
            let lea = try await leaActive(banc, client)
            let marc = Navigateur(client)
            _ = try await inscrireOF(marc, email: "marc@cfa.test")
            _ = try await marc.get(try #require(try await lien(banc, "marc@cfa.test", "/confirmation")))
            #expect(
                try await banc.store.courriels(limite: 20).contains {
                    $0.destinataire == "lea@cfa.test" && $0.corps.contains("marc@cfa.test")
                        && $0.corps.contains("/ma-structure")
                })
            let id = try #require(try await banc.store.utilisateur(email: "marc@cfa.test")).id
            #expect(try await lea.get("/ma-structure").corps.contains("marc@cfa.test"))
            // A member of another organisation cannot approve Marc.
            #expect(try await Navigateur(client).post("/ma-structure/membres/\(id)/valider").status == .seeOther)  // not signed in
            #expect(try await banc.store.utilisateur(id: id)?.statut == .enAttenteValidation)
            #expect(try await lea.post("/ma-structure/membres/\(id)/valider").status == .seeOther)
            #expect(try await connecter(marc, "marc@cfa.test").status == .seeOther)
            #expect(try await marc.json("/api/v1/session", .get).corps.contains(#""role":"membre""#))
        }
    }

    @Test func anotherOrganismesDataIsForbiddenAndNotLeaked() async throws {
        let banc = try await Banc()
        try await banc.test { client in
            let lea = try await leaActive(banc, client)
            let amiens = try #require(banc.ids[OrganismesDeTest.amiens])
            let lyon = try #require(banc.ids[OrganismesDeTest.lyon])
            let propre = try await lea.json("/api/v1/organismes/\(amiens)", .get)
            #expect(propre.status == .ok)
            #expect(propre.corps.contains("CFA de la Somme"))
            for id in [lyon.description, "999999"] {
                let autre = try await lea.json("/api/v1/organismes/\(id)", .get)
                #expect(autre.status == .forbidden)
                #expect(!autre.corps.contains("Rhône") && !autre.corps.contains("44444444400011"))
            }
            let anonyme = try await Navigateur(client).json("/api/v1/organismes/\(amiens)", .get)
            #expect(anonyme.status == .unauthorized)
            #expect(!anonyme.corps.contains("Somme"))
            // Managing a user of another organisation is refused.
            #expect(try await lea.post("/ma-structure/membres/424242/valider").status == .notFound)
        }
    }

    @Test func apiKeysAreNamedShownOnceOnTheirOwnPageAndRevokedAfterConfirmation() async throws {
        let banc = try await Banc()
        try await banc.test { client in
            let lea = try await leaActive(banc, client)
            // A key needs a name.
            let sansNom = try await lea.post("/ma-structure/cles", ["nom": "  "])
            #expect(sansNom.status == .badRequest)
            #expect(sansNom.corps.contains("Le nom de la clé est obligatoire"))
            let page = try await lea.post("/ma-structure/cles", ["nom": "ERP <Ypareo>"])
            #expect(page.status == .ok)
            #expect(page.headers[.cacheControl] == "no-store")
            #expect(page.corps.contains("<h1>Nouvelle clé d"))
            let r = try #require(
                page.corps.range(
                    of: #"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"#, options: .regularExpression))
            let cle = String(page.corps[r])
            #expect(page.corps.contains("elle ne sera plus affichée"))
            #expect(page.corps.contains("Clé « ERP &lt;Ypareo&gt; »"))
            #expect(page.corps.contains("Authorization: Bearer"))
            // The list shows the name and the first characters, never the key.
            let liste = try await lea.get("/ma-structure")
            #expect(!liste.corps.contains(cle))
            #expect(liste.corps.contains("<th scope=\"row\">ERP &lt;Ypareo&gt;</th>"))
            #expect(liste.corps.contains("<code>\(cle.prefix(8))…</code>"))
            let test = { () async throws -> HTTPResponse.Status in
                try await client.execute(
                    uri: "/api/v3/dossiers-apprenants/test", method: .post,
                    headers: [.authorization: "Bearer \(cle)"]
                ) { $0.status }
            }
            #expect(try await test() == .ok)
            let amiens = try #require(banc.ids[OrganismesDeTest.amiens])
            let id = try #require(try await banc.store.clesApi(organisme: amiens).first { $0.nom == "ERP <Ypareo>" }).id
            // Revoking asks first: a page that names the key, and its form.
            #expect(liste.corps.contains("href=\"/ma-structure/cles/\(id)/revoquer\""))
            let confirmation = try await lea.get("/ma-structure/cles/\(id)/revoquer")
            #expect(confirmation.status == .ok)
            #expect(confirmation.corps.contains("Vous allez révoquer la clé <strong>« ERP &lt;Ypareo&gt; »</strong>"))
            #expect(confirmation.corps.contains("<form method=\"post\" action=\"/ma-structure/cles/\(id)/revoquer\">"))
            #expect(try await test() == .ok)
            #expect(try await lea.post("/ma-structure/cles/\(id)/revoquer").status == .seeOther)
            #expect(try await test() == .forbidden)
            // Once revoked, there is nothing left to confirm; another organisme's key is not found either.
            #expect(try await lea.get("/ma-structure/cles/\(id)/revoquer").status == .notFound)
            #expect(try await lea.get("/ma-structure/cles/424242/revoquer").status == .notFound)
        }
        let actions = try await banc.store.journal(limite: 20).map(\.action)
        #expect(actions.contains("cle_api_creee") && actions.contains("cle_api_revoquee"))
    }

    @Test func keyLastUseIsTheLastTransmissionInParisTime() async throws {
        let banc = try await Banc()
        try await banc.test { client in
            let lea = try await leaActive(banc, client)
            let page = try await lea.post("/ma-structure/cles", ["nom": "ERP"])
            let r = try #require(
                page.corps.range(
                    of: #"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"#, options: .regularExpression))
            let cle = String(page.corps[r])
            var h = HTTPFields()
            h[.authorization] = "Bearer \(cle)"
            h[.contentType] = "application/json"
            let statut = try await client.execute(
                uri: "/api/v3/dossiers-apprenants", method: .post, headers: h,
                body: ByteBuffer(string: JSONTexte.ecrire(.valeur(.array([item()]))))
            ) { $0.status }
            #expect(statut == .ok)
            let amiens = try #require(banc.ids[OrganismesDeTest.amiens])
            let stockee = try #require(try await banc.store.clesApi(organisme: amiens).first { $0.nom == "ERP" })
            let fiche = try #require(try await banc.store.organisme(id: amiens))
            #expect(stockee.derniereTransmission == fiche.lastErpTransmissionDate)
            #expect(stockee.lastUsedAt == fiche.lastErpTransmissionDate)
            let quand = dateHeureFR(try #require(stockee.derniereTransmission))
            let liste = try await lea.get("/ma-structure")
            #expect(liste.corps.contains("Dernier envoi de votre logiciel : <strong>\(quand)</strong>"))
            #expect(liste.corps.components(separatedBy: "<td>\(quand)</td>").count >= 3)
        }
    }

    @Test func timesAreInParisTimeSummerAndWinter() {
        #expect(dateHeureFR(Date(timeIntervalSince1970: 1_736_000_000)) == "4 janvier 2025 à 15:13")
        #expect(dateHeureFR(Date(timeIntervalSince1970: 1_751_371_200)) == "1er juillet 2025 à 14:00")
        #expect(dateHeureFR(Date(timeIntervalSince1970: 1_735_689_540)) == "1er janvier 2025 à 00:59")
    }

    @Test func impersonationShowsABannerAndIsAudited() async throws {
        let banc = try await Banc()
        try await administrateur(banc)
        try await banc.test { client in
            _ = try await leaActive(banc, client)
            let admin = Navigateur(client)
            _ = try await connecter(admin, "admin@tdb.test")
            let orgs = try await banc.store.organisations(recherche: "Somme", limite: 5)
            let cfa = try #require(orgs.first?.0)
            #expect(try await admin.post("/admin/organisations/\(cfa.id)/incarner").status == .seeOther)
            let page = try await admin.get("/ma-structure")
            #expect(page.corps.contains("Vous consultez le service en tant que CFA de la Somme"))
            #expect(page.corps.contains("lea@cfa.test"))
            let session = try await admin.json("/api/v1/session", .get)
            #expect(session.corps.contains(#""incarnation":true"#) && session.corps.contains("ORGANISME_FORMATION"))
            #expect(try await admin.post("/admin/incarnation/fin").status == .seeOther)
            #expect(!(try await admin.get("/ma-structure")).corps.contains("Vous consultez le service en tant que"))
            // A non-administrator cannot impersonate.
            let lea = Navigateur(client)
            _ = try await connecter(lea, "lea@cfa.test")
            #expect(try await lea.post("/admin/organisations/\(cfa.id)/incarner").status == .forbidden)
        }
        let journal = try await banc.store.journal(limite: 20)
        #expect(
            journal.contains {
                $0.action == "incarnation_debut" && $0.detail.contains("CFA de la Somme")
                    && $0.acteurEmail == "admin@tdb.test"
            })
    }

    @Test func badSignUpInputIsExplainedAndChangesNothing() async throws {
        let banc = try await Banc()
        try await banc.test { client in
            let nav = Navigateur(client)
            let personne = [
                "email": "pas-un-email", "nom": String(repeating: "x", count: 300), "prenom": "",
                "mot_de_passe": "court", "confirmation": "autre",
            ]
            // The organisation first: its step again, with what was typed.
            let organisation = try await nav.post(
                "/inscription",
                personne.merging(["type_organisation": "ORGANISME_FORMATION", "identifiant": "12345678901234"]) {
                    a, _ in a
                })
            #expect(organisation.status == .badRequest)
            #expect(organisation.corps.contains("Aucun organisme de formation du référentiel"))
            #expect(organisation.corps.contains(#"value="12345678901234""#))
            // Then the person's fields, on the confirmation step.
            let r = try await nav.post(
                "/inscription",
                personne.merging(["type_organisation": "ORGANISME_FORMATION", "identifiant": "77937827200016"]) {
                    a, _ in a
                })
            #expect(r.status == .badRequest)
            #expect(r.corps.contains("CFA de la Somme"))
            for message in [
                "L&#39;adresse e-mail n&#39;est pas valide",
                "Le nom est trop long", "Le prénom est obligatoire", "au moins 12 caractères",
                "une lettre majuscule", "un chiffre", "un symbole", "La confirmation ne correspond pas",
            ] {
                #expect(r.corps.contains(message), "message attendu : \(message)")
            }
            let types = try await nav.post("/inscription", ["type_organisation": "INCONNU"])
            #expect(types.corps.contains("Choisissez le type de votre organisation"))
        }
        #expect(try await banc.store.utilisateurs(recherche: "", limite: 10).isEmpty)
        #expect(try await banc.store.organisations(recherche: "", limite: 10).isEmpty)
    }

    @Test func sameAnswerWhetherOrNotTheAccountExists() async throws {
        let banc = try await Banc()
        try await administrateur(banc)
        try await banc.test { client in
            let nav = Navigateur(client)
            let existant = try await nav.post("/mot-de-passe-oublie", ["email": "admin@tdb.test"])
            let inconnu = try await nav.post("/mot-de-passe-oublie", ["email": "personne@tdb.test"])
            #expect(existant.status == inconnu.status)
            #expect(existant.corps == inconnu.corps)
            let deja = try await inscrireOF(nav, email: "admin@tdb.test")
            #expect(deja.corps.contains("Vérifiez votre messagerie"))
        }
        let courriels = try await banc.store.courriels(limite: 20)
        #expect(courriels.contains { $0.destinataire == "admin@tdb.test" && $0.sujet.contains("déjà un compte") })
        #expect(!courriels.contains { $0.destinataire == "personne@tdb.test" })
        #expect(try await banc.store.utilisateurs(recherche: "", limite: 10).count == 1)
    }

    @Test func passwordResetClosesSessionsAndCannotBeReplayed() async throws {
        let banc = try await Banc()
        try await administrateur(banc)
        try await banc.test { client in
            let ancien = Navigateur(client)
            _ = try await connecter(ancien, "admin@tdb.test")
            let nav = Navigateur(client)
            _ = try await nav.post("/mot-de-passe-oublie", ["email": "admin@tdb.test"])
            let lien = try #require(try await lien(banc, "admin@tdb.test", "/reinitialisation"))
            let jeton = String(lien.split(separator: "=").last!)
            #expect(try await nav.get(lien).corps.contains(jeton))
            let faible = try await nav.post(
                "/reinitialisation", ["jeton": jeton, "mot_de_passe": "faible", "confirmation": "faible"])
            #expect(faible.status == .badRequest && faible.corps.contains("au moins 12 caractères"))
            let nouveau = "Nouveau-mot-2026!"
            let ok = try await nav.post(
                "/reinitialisation", ["jeton": jeton, "mot_de_passe": nouveau, "confirmation": nouveau])
            #expect(ok.status == .ok)
            #expect(try await ancien.json("/api/v1/session", .get).status == .unauthorized)
            let rejoue = try await nav.post(
                "/reinitialisation", ["jeton": jeton, "mot_de_passe": nouveau, "confirmation": nouveau])
            #expect(rejoue.status == .gone)
            #expect(try await connecter(nav, "admin@tdb.test", Self.motDePasse).status == .badRequest)  // the old one is refused
            #expect(try await connecter(nav, "admin@tdb.test", nouveau).status == .seeOther)
        }
    }

    @Test func invitationsCreateActiveMembers() async throws {
        let banc = try await Banc()
        try await banc.test { client in
            let lea = try await leaActive(banc, client)
            #expect(
                try await lea.post("/ma-structure/invitations", ["email": "paul@cfa.test", "role": "membre"]).status
                    == .ok)
            #expect(
                try await lea.post("/ma-structure/invitations", ["email": "lea@cfa.test", "role": "membre"]).corps
                    .contains("Cette adresse a déjà un compte"))
            let lien = try #require(try await lien(banc, "paul@cfa.test", "/invitation"))
            let jeton = String(lien.split(separator: "=").last!)
            let paul = Navigateur(client)
            #expect(try await paul.get(lien).corps.contains("paul@cfa.test"))
            let champs = [
                "jeton": jeton, "nom": "Durand", "prenom": "Paul", "mot_de_passe": Self.motDePasse,
                "confirmation": Self.motDePasse,
            ]
            #expect(try await paul.post("/invitation", champs).status == .ok)
            #expect(try await paul.post("/invitation", champs).status == .gone)
            #expect(try await connecter(paul, "paul@cfa.test").status == .seeOther)
            let session = try await paul.json("/api/v1/session", .get)
            #expect(session.corps.contains(#""role":"membre""#))
            // A member cannot invite.
            #expect(
                try await paul.post("/ma-structure/invitations", ["email": "x@cfa.test", "role": "membre"]).status
                    == .forbidden)
        }
    }

    @Test func passwordChangeChecksTheCurrentOne() async throws {
        let banc = try await Banc()
        try await administrateur(banc)
        try await banc.test { client in
            let nav = Navigateur(client)
            _ = try await connecter(nav, "admin@tdb.test")
            let autre = Navigateur(client)
            _ = try await connecter(autre, "admin@tdb.test")
            let nouveau = "Encore-un-mot-2026?"
            let mauvais = try await nav.post(
                "/mon-compte/mot-de-passe", ["actuel": "faux", "mot_de_passe": nouveau, "confirmation": nouveau])
            #expect(mauvais.status == .badRequest && mauvais.corps.contains("Le mot de passe actuel est incorrect"))
            let ok = try await nav.post(
                "/mon-compte/mot-de-passe",
                ["actuel": Self.motDePasse, "mot_de_passe": nouveau, "confirmation": nouveau])
            #expect(ok.status == .ok && ok.corps.contains("Mot de passe modifié"))
            #expect(try await nav.json("/api/v1/session", .get).status == .ok)
            #expect(try await autre.json("/api/v1/session", .get).status == .unauthorized)
        }
    }

    @Test func maintenanceBannerAndAdminPages() async throws {
        let banc = try await Banc()
        try await administrateur(banc)
        try await banc.test { client in
            let admin = Navigateur(client)
            _ = try await connecter(admin, "admin@tdb.test")
            #expect(
                try await admin.post("/admin/maintenance", ["texte": "Maintenance ce soir à 20 h"]).status == .seeOther)
            #expect(try await Navigateur(client).get("/connexion").corps.contains("Maintenance ce soir à 20 h"))
            for page in [
                "/admin/utilisateurs", "/admin/organisations", "/admin/emails", "/admin/journal", "/admin/maintenance",
            ] {
                #expect(try await admin.get(page).status == .ok, "\(page)")
            }
            #expect(try await admin.get("/admin/journal").corps.contains("maintenance_affichee"))
            let anonyme = try await Navigateur(client).get("/admin/utilisateurs")
            #expect(anonyme.status == .seeOther && anonyme.headers[.location] == "/connexion")
        }
    }
}
