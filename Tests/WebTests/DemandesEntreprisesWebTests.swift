import App
import Domain
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Outils
import TestSupport
import Testing
import Web

/// Issue 16 through the real router: a company writes to a CFA without an account (each bad field named, nothing
/// stored from a refused form), confirms its address by the e-mailed link (once; never after 48 hours), the CFA's
/// administrators are told and the request is in the CFA's inbox, where the CFA answers and marks it; other CFAs
/// and anonymous callers reach nothing; robots and floods are turned away.
@Suite(.serialized)
struct DemandesEntreprisesWebTests {
    static let formulaire: [String: String] = [
        "entreprise": "Maçonnerie Dubois", "siret": "732 829 320 00074", "contact": "Paul Dubois",
        "email": "paul@exemple.fr", "telephone": "04 78 12 34 56", "rome": "F1703", "metier": "Maçon",
        "postes": "2", "debut": "2025-03-03", "message": "Chantiers autour de Lyon, équipe de 6.",
        "consentement": "oui",
    ]

    /// A user of the CFA of `cle`, signed in (the organisation created with the first one).
    func membreCFA(
        _ banc: Banc, _ client: any TestClientProtocol, _ cle: OrganismeCle, _ email: String, role: Role
    ) async throws -> Navigateur {
        let nouvelle = NouvelleOrganisation(type: .organismeFormation, nom: "CFA \(cle)", organisme: banc.ids[cle])
        var org = try await banc.store.organisationExistante(nouvelle)
        if org == nil { org = try await banc.store.creerOrganisation(nouvelle, now: Banc.maintenant) }
        _ = try await banc.store.creerUtilisateur(
            NouvelUtilisateur(
                email: email, nom: "Martin", prenom: "Cécile", organisation: try #require(org).id, role: role,
                statut: .actif,
                hashMotDePasse: await SecretsServeur(coutBcrypt: 4).hacher(motDePasse: ComptesTests.motDePasse)),
            now: Banc.maintenant)
        let nav = Navigateur(client)
        #expect(try await ComptesTests().connecter(nav, email).status == .seeOther)
        return nav
    }

    func courriels(_ banc: Banc, a destinataire: String) async throws -> [Courriel] {
        try await banc.store.courriels(limite: 1_000).filter { $0.destinataire == destinataire }
    }

    /// The token of the last confirmation link sent to `email`.
    func jeton(_ banc: Banc, _ email: String) async throws -> String {
        let corps = try #require(try await courriels(banc, a: email).first { $0.sujet.hasPrefix("Confirmez") }).corps
        let debut = try #require(corps.range(of: DemandesEntreprises.cheminConfirmation))
        return String(corps[debut.upperBound...].prefix(64))
    }

    func contact(_ banc: Banc, _ cle: OrganismeCle = OrganismesDeTest.amiens) throws -> String {
        "/recruter-un-apprenti/contact?organisme=\(try #require(banc.ids[cle]).rawValue)"
    }

    @Test func aCompanysRequestReachesTheCFAOnceConfirmedAndTheCFAAnswers() async throws {
        let banc = try await Banc()
        try await banc.test { client in
            let admin = try await membreCFA(
                banc, client, OrganismesDeTest.amiens, "admin@amiens.test", role: .administrateur)
            let membre = try await membreCFA(banc, client, OrganismesDeTest.amiens, "membre@amiens.test", role: .membre)
            let entreprise = Navigateur(client)
            let amiens = try #require(banc.ids[OrganismesDeTest.amiens])

            let page = try await entreprise.get(try contact(banc) + "&rome=F1703&metier=Ma%C3%A7on")
            #expect(page.status == .ok)
            for texte in [
                "Contacter le CFA CFA de la Somme", "code ROME F1703", #"value="Maçon""#, #"name="site_web""#,
                #"name="organisme" value="\#(amiens.rawValue)""#,
            ] { #expect(page.corps.contains(texte), "\(texte)") }

            // A form with problems: each field named and tied to its message; nothing stored, nothing sent.
            var mauvais = Self.formulaire
            mauvais["siret"] = "73282932000075"
            mauvais["debut"] = "2025-01-03"
            mauvais["consentement"] = nil
            mauvais["organisme"] = String(amiens.rawValue)
            let refus = try await entreprise.post("/recruter-un-apprenti/contact", mauvais)
            #expect(refus.status == .badRequest)
            for texte in [
                "SIRET : ce numéro n&#39;existe pas", "Date de début souhaitée : elle est passée", "Accord : cochez",
                #"aria-describedby="siret-aide siret-erreur""#, ##"href="#consentement""##, "Maçonnerie Dubois",
            ] { #expect(refus.corps.contains(texte), "\(texte)") }
            #expect(try await banc.store.courriels(limite: 100).isEmpty)

            var bon = Self.formulaire
            bon["organisme"] = String(amiens.rawValue)
            let envoye = try await entreprise.post("/recruter-un-apprenti/contact", bon)
            #expect(envoye.status == .ok && envoye.corps.contains("Vérifiez votre boîte e-mail"))
            let mail = try #require(try await courriels(banc, a: "paul@exemple.fr").first)
            #expect(mail.sujet == "Confirmez votre demande au CFA CFA de la Somme")
            #expect(mail.corps.contains("Bonjour Paul Dubois") && mail.corps.contains("SIRET 73282932000074"))
            #expect(mail.html?.contains("Confirmer et envoyer ma demande") == true)
            let jeton = try await jeton(banc, "paul@exemple.fr")
            #expect(DemandesEntreprises.estBienForme(jeton))
            // Not in the inbox before the confirmation.
            #expect(!(try await admin.get("/cfa/entreprises")).corps.contains("Maçonnerie Dubois"))

            let confirmer = DemandesEntreprises.cheminConfirmation + jeton
            let bouton = try await entreprise.get(confirmer)
            #expect(bouton.status == .ok && bouton.corps.contains("Confirmer et envoyer ma demande"))
            #expect(bouton.headers[HTTPField.Name("X-Robots-Tag")!] == "noindex, nofollow")
            let ok = try await entreprise.post(confirmer)
            #expect(ok.status == .ok && ok.corps.contains("votre demande est transmise au CFA CFA de la Somme"))
            let id = try #require(try await banc.store.demandesEntreprises(organismes: [amiens]).first).id
            // The administrator is told, with what they may read in a mail; the member is not mailed.
            let alerte = try #require(try await courriels(banc, a: "admin@amiens.test").first)
            #expect(alerte.sujet == "Nouvelle demande d'entreprise : Maçonnerie Dubois — Maçon")
            #expect(alerte.corps.contains("/cfa/entreprises/\(id)") && alerte.corps.contains("2 apprentis"))
            for prive in ["0478123456", "paul@exemple.fr", "Chantiers autour", "73282932000074"] {
                #expect(!alerte.corps.contains(prive) && alerte.html?.contains(prive) == false, "\(prive)")
            }
            #expect(try await courriels(banc, a: "membre@amiens.test").isEmpty)
            // Confirming twice sends nothing more.
            let encore = try await entreprise.post(confirmer)
            #expect(encore.status == .ok && encore.corps.contains("déjà été confirmée"))
            #expect(try await courriels(banc, a: "admin@amiens.test").count == 1)

            // The inbox: the request, new, counted in the navigation.
            let boite = try await membre.get("/cfa/entreprises")
            #expect(boite.status == .ok)
            for texte in ["Maçonnerie Dubois", "Nouvelle", "Demandes d&#39;entreprises (1 nouvelle)", "Toutes"] {
                #expect(boite.corps.contains(texte), "\(texte)")
            }
            let fiche = try await admin.get("/cfa/entreprises/\(id)")
            for texte in [
                "04 78 12 34 56", "tel:0478123456", "paul@exemple.fr", "73282932000074", "Chantiers autour de Lyon",
                "Maçon (code ROME F1703)",
                "03/03/2025", "Demande confirmée par l&#39;entreprise",
            ] { #expect(fiche.corps.contains(texte), "\(texte)") }

            // A reply: checked, e-mailed to the company, in the history; the request is then « en cours ».
            let vide = try await admin.post("/cfa/entreprises/\(id)/reponse", ["reponse": " ", "version": "0"])
            #expect(vide.status == .badRequest && vide.corps.contains("Réponse : écrivez votre message"))
            let long = try await admin.post(
                "/cfa/entreprises/\(id)/reponse", ["reponse": String(repeating: "x", count: 2_001), "version": "0"])
            #expect(long.status == .badRequest && long.corps.contains("Réponse : 2000 caractères au plus (2001)"))
            let reponse = try await admin.post(
                "/cfa/entreprises/\(id)/reponse",
                ["reponse": "Bonjour, trois apprentis maçons cherchent.", "version": "0"])
            #expect(reponse.status == .seeOther && reponse.headers[.location] == "/cfa/entreprises/\(id)?avis=reponse")
            let reponseMail = try #require(
                try await courriels(banc, a: "paul@exemple.fr").first { $0.sujet.hasPrefix("Réponse") })
            #expect(reponseMail.sujet == "Réponse du CFA CFA de la Somme à votre demande")
            #expect(reponseMail.corps.contains("Bonjour, trois apprentis maçons cherchent."))
            #expect(reponseMail.corps.contains("Cécile Martin") && reponseMail.corps.contains("admin@amiens.test"))
            #expect(!reponseMail.corps.contains("/cfa/entreprises") && !reponseMail.corps.contains("Nouvelle"))
            let apres = try await admin.get("/cfa/entreprises/\(id)?avis=reponse")
            #expect(apres.corps.contains("Réponse envoyée par e-mail à paul@exemple.fr"))
            #expect(apres.corps.contains("(statut passé à « En cours »)") && apres.corps.contains("Cécile Martin"))

            // A change of status from a stale page is refused with who changed it; then it is saved.
            let perime = try await membre.post("/cfa/entreprises/\(id)/statut", ["statut": "pourvue", "version": "0"])
            #expect(perime.status == .conflict && perime.corps.contains("a modifié cette demande"))
            let inconnu = try await membre.post("/cfa/entreprises/\(id)/statut", ["statut": "finie", "version": "1"])
            #expect(inconnu.status == .badRequest && inconnu.corps.contains("Statut : choisissez-en un"))
            let pourvue = try await membre.post("/cfa/entreprises/\(id)/statut", ["statut": "pourvue", "version": "1"])
            #expect(pourvue.status == .seeOther)
            let fin = try await membre.get("/cfa/entreprises/\(id)?avis=statut")
            #expect(fin.corps.contains("Statut enregistré : « Pourvue »") && fin.corps.contains("Statut changé"))
            #expect(try await membre.get("/cfa/entreprises?statut=pourvue").corps.contains("Maçonnerie Dubois"))
            #expect(!(try await membre.get("/cfa/entreprises?statut=nouvelle")).corps.contains("Maçonnerie Dubois"))
            #expect(try await membre.get("/cfa/entreprises?statut=finie").status == .badRequest)
            #expect(!(try await membre.get("/cfa/entreprises")).corps.contains("(1 nouvelle)"))
            let journal = try await banc.store.journal(limite: 100).map(\.action)
            #expect(journal.contains("demande_entreprise_reponse") && journal.contains("demande_entreprise_statut"))
            let stats = try await banc.store.statistiquesDemandes(organismes: nil, depuis: .distantPast)
            #expect(stats.map(\.envoyees) == [1] && stats.map(\.repondues) == [1] && stats.map(\.pourvues) == [1])

            // Another CFA, a mission locale and an anonymous caller reach none of it.
            let lyon = try await membreCFA(banc, client, OrganismesDeTest.lyon, "cfa@lyon.test", role: .administrateur)
            #expect(!(try await lyon.get("/cfa/entreprises")).corps.contains("Maçonnerie Dubois"))
            #expect(try await lyon.get("/cfa/entreprises/\(id)").status == .notFound)
            #expect(
                try await lyon.post("/cfa/entreprises/\(id)/statut", ["statut": "sans-suite", "version": "2"]).status
                    == .notFound)
            #expect(
                try await lyon.post("/cfa/entreprises/\(id)/reponse", ["reponse": "x", "version": "2"]).status
                    == .notFound)
            let ml = try await MissionLocaleTests().agent(banc, client, "ML-AMIENS", "agent@ml-amiens.test")
            #expect(try await ml.get("/cfa/entreprises").status == .forbidden)
            // A platform administrator sees it by impersonating the CFA, as elsewhere.
            try await ComptesTests().administrateur(banc)
            let plateforme = Navigateur(client)
            _ = try await ComptesTests().connecter(plateforme, "admin@tdb.test")
            #expect(try await plateforme.get("/cfa/entreprises/\(id)").status == .forbidden)
            #expect(try await plateforme.post("/admin/organismes/\(amiens)/incarner").status == .seeOther)
            let incarne = try await plateforme.get("/cfa/entreprises/\(id)")
            #expect(incarne.status == .ok && incarne.corps.contains("Chantiers autour de Lyon"))
            let anonyme = try await Navigateur(client).get("/cfa/entreprises/\(id)")
            #expect(anonyme.status == .seeOther && anonyme.headers[.location]?.hasPrefix("/connexion") == true)
        }
    }

    @Test func expiredAndUnknownLinksSendNothing() async throws {
        let horloge = HorlogeReglable(Banc.maintenant)
        let banc = try await Banc(horloge: horloge.horloge)
        try await banc.test { client in
            _ = try await membreCFA(banc, client, OrganismesDeTest.amiens, "admin@amiens.test", role: .administrateur)
            let entreprise = Navigateur(client)
            var bon = Self.formulaire
            bon["organisme"] = String(try #require(banc.ids[OrganismesDeTest.amiens]).rawValue)
            #expect(try await entreprise.post("/recruter-un-apprenti/contact", bon).status == .ok)
            let jeton = try await jeton(banc, "paul@exemple.fr")
            horloge.avancer(DemandesEntreprises.dureeLien + 1)
            let expire = try await entreprise.post(DemandesEntreprises.cheminConfirmation + jeton)
            #expect(expire.status == .gone && expire.corps.contains("Ce lien a expiré"))
            #expect(try await courriels(banc, a: "admin@amiens.test").isEmpty)
            #expect(try await banc.store.faitsDemandes(organismes: nil, depuis: .distantPast).isEmpty)

            let inconnu = try await entreprise.post(
                DemandesEntreprises.cheminConfirmation + String(repeating: "a", count: 64))
            #expect(inconnu.status == .notFound && inconnu.corps.contains("Ce lien de confirmation est inconnu"))
            #expect(try await entreprise.get(DemandesEntreprises.cheminConfirmation + "abc").status == .notFound)
            #expect(try await entreprise.post(DemandesEntreprises.cheminConfirmation + "abc").status == .notFound)
        }
    }

    @Test func unknownOrMissingOrganismesAreToldClearly() async throws {
        let banc = try await Banc()
        try await banc.test { client in
            let entreprise = Navigateur(client)
            let absent = try await entreprise.get("/recruter-un-apprenti/contact")
            #expect(absent.status == .badRequest && absent.corps.contains("Organisme : choisissez un CFA"))
            #expect(try await entreprise.get("/recruter-un-apprenti/contact?organisme=abc").status == .badRequest)
            let inconnu = try await entreprise.get("/recruter-un-apprenti/contact?organisme=999999")
            #expect(inconnu.status == .notFound && inconnu.corps.contains("Ce CFA est introuvable"))
            var bon = Self.formulaire
            bon["organisme"] = "999999"
            #expect(try await entreprise.post("/recruter-un-apprenti/contact", bon).status == .notFound)
            // A CFA that left the companies' search takes no request, by the form or by a kept address.
            let amiens = try #require(banc.ids[OrganismesDeTest.amiens])
            try await banc.store.enregistrer(
                contactPublic: ContactPublic(visible: false), organisme: amiens, now: Banc.maintenant)
            let sorti = try await entreprise.get(try contact(banc) + "&rome=F1703")
            #expect(sorti.status == .forbidden)
            #expect(sorti.corps.contains("ne reçoit pas de demandes d&#39;entreprises par le service"))
            bon["organisme"] = String(amiens.rawValue)
            let refuse = try await entreprise.post("/recruter-un-apprenti/contact", bon)
            #expect(refuse.corps.contains("ne reçoit pas de demandes d&#39;entreprises") && refuse.status == .forbidden)
            #expect(try await banc.store.courriels(limite: 10).isEmpty)
            #expect(try await banc.store.demandesEntreprises(organismes: [amiens]).isEmpty)
        }
    }

    @Test func robotsGetANeutralAnswerAndFloodsAreLimited() async throws {
        let banc = try await Banc()
        try await banc.test { client in
            let robot = Navigateur(client)
            var bon = Self.formulaire
            bon["organisme"] = String(try #require(banc.ids[OrganismesDeTest.amiens]).rawValue)
            var piege = bon
            piege["site_web"] = "http://spam.example"
            let neutre = try await robot.post("/recruter-un-apprenti/contact", piege)
            #expect(neutre.status == .ok && neutre.corps.contains("Vérifiez votre boîte e-mail"))
            #expect(try await banc.store.courriels(limite: 10).isEmpty)

            // Per e-mail address.
            let parEmail = try #require(
                ReglesLimites.reference.regles(.demandeEntreprise).first { $0.cible == .email }
            ).limite
            for _ in 0..<parEmail {
                #expect(try await robot.post("/recruter-un-apprenti/contact", bon).status == .ok)
            }
            let refus = try await robot.post("/recruter-un-apprenti/contact", bon)
            #expect(refus.status == .tooManyRequests && refus.headers[.retryAfter] != nil)
            #expect(refus.corps.contains("Trop de demandes de contact envoyées à des CFA : réessayez dans"))
            #expect(try await courriels(banc, a: "paul@exemple.fr").count == parEmail)
            // Per address, whatever the e-mail (refused forms count too).
            let parAdresse = try #require(
                ReglesLimites.reference.regles(.demandeEntreprise).first { $0.cible == .adresse }
            ).limite
            var n = parEmail + 1
            while n < parAdresse {
                var autre = bon
                autre["email"] = "contact\(n)@exemple.fr"
                #expect(try await robot.post("/recruter-un-apprenti/contact", autre).status == .ok)
                n += 1
            }
            bon["email"] = "nouveau@exemple.fr"
            #expect(try await robot.post("/recruter-un-apprenti/contact", bon).status == .tooManyRequests)
            #expect(try await courriels(banc, a: "nouveau@exemple.fr").isEmpty)
        }
    }
}
