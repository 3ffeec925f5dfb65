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

/// Issue 16 through the real router: a company searches CFAs by trade and territory without an account; a CFA's
/// administrators set its presence and public contact.
@Suite(.serialized)
struct RecruterUnApprentiTests {
    /// The test organismes moved: Amiens' CFA to Villeurbanne (zone d'emploi of Lyon), Lyon's to Saint-Étienne (same
    /// région); the catalogue's CAP Maçon prepares for F1703.
    static let organismes = """
        uai,siret,nom,nature,code_postal,code_commune_insee,commune,departement,region,academie,reseaux
        0802004U,77937827200016,CFA du BTP de Villeurbanne,responsable_formateur,69100,69266,Villeurbanne,69,84,10,
        0691234B,44444444400011,CFA de Saint-Étienne,formateur,42000,42218,Saint-Étienne,42,84,10,
        """
    static let cfdMacon = "50023215"

    func banc() async throws -> Banc {
        let banc = try await Banc()
        let lu = ImportOrganismes.lire(FichierCSV(texte: Self.organismes))
        #expect(lu.erreurs.isEmpty)
        _ = try await banc.store.importer(organismes: lu.organismes)
        let formations = ImportFormations.lire(
            FichierCSV(texte: "cfd,rncp,libelle,niveau,codes_rome\n\(Self.cfdMacon),,CAP Maçon,3,F1703|F1707\n"))
        #expect(formations.erreurs.isEmpty)
        _ = try await banc.store.importer(formations: formations.formations)
        return banc
    }

    /// `sansContrat` learners without an employer and one apprentice at this organisme, in the CAP Maçon.
    func peupler(_ banc: Banc, _ client: any TestClientProtocol, _ cle: OrganismeCle, sansContrat: Int) async throws {
        var lot: [JSONValue] = []
        for k in 0...sansContrat {
            var champs: [String: JSONValue?] = [
                "id_erp_apprenant": .string("\(cle.uai)-\(k)"), "nom_apprenant": .string("Nom\(k)"),
                "formation_cfd": .string(Self.cfdMacon), "date_inscription_formation": .string("2024-12-01"),
                "date_entree_formation": .string("2024-12-01"),
                "etablissement_responsable_uai": .string(cle.uai.rawValue),
                "etablissement_responsable_siret": .string(cle.siret.rawValue),
                "etablissement_formateur_uai": .string(cle.uai.rawValue),
                "etablissement_formateur_siret": .string(cle.siret.rawValue),
            ]
            if k == 0 { champs["contrat_date_debut"] = .string("2024-12-02") }
            lot.append(item(champs))
        }
        let r = try await client.execute(
            uri: "/api/v3/dossiers-apprenants", method: .post, headers: PagesTableauTests.entetes(banc, cle),
            body: ByteBuffer(string: JSONTexte.ecrire(.valeur(.array(lot)))))
        #expect(r.status == .ok)
    }

    /// A signed-in user of a training organisation of this organisme, administrator or member.
    func cfa(_ banc: Banc, _ client: any TestClientProtocol, _ cle: OrganismeCle, _ email: String, role: Role)
        async throws -> Navigateur
    {
        let nouvelle = NouvelleOrganisation(type: .organismeFormation, nom: "CFA \(email)", organisme: banc.ids[cle])
        var org = try await banc.store.organisationExistante(nouvelle)
        if org == nil { org = try await banc.store.creerOrganisation(nouvelle, now: Banc.maintenant) }
        _ = try await banc.store.creerUtilisateur(
            NouvelUtilisateur(
                email: email, nom: "N", prenom: "P", organisation: try #require(org).id, role: role, statut: .actif,
                hashMotDePasse: await SecretsServeur(coutBcrypt: 4).hacher(motDePasse: ComptesTests.motDePasse)),
            now: Banc.maintenant)
        let nav = Navigateur(client)
        #expect(try await ComptesTests().connecter(nav, email).status == .seeOther)
        return nav
    }

    @Test func aCompanyFindsTheNearestCFAsForATradeWithBandsAndTheSearchIsCounted() async throws {
        let banc = try await banc()
        try await banc.test { client in
            try await peupler(banc, client, OrganismesDeTest.amiens, sansContrat: 4)
            try await peupler(banc, client, OrganismesDeTest.lyon, sansContrat: 2)
            let anonyme = Navigateur(client)
            let accueil = try await anonyme.get("/")
            #expect(accueil.corps.contains("href=\"/recruter-un-apprenti\""))

            let formulaire = try await anonyme.get("/recruter-un-apprenti")
            #expect(formulaire.status == .ok)
            #expect(formulaire.corps.contains("<label for=\"q\">Quel métier ?</label>"))
            #expect(formulaire.corps.contains("<option value=\"commune-69266\">Villeurbanne (69)</option>"))
            #expect(formulaire.corps.contains("<option value=\"zone-8421\">Lyon</option>"))
            #expect(formulaire.corps.contains("Bâtiment et travaux publics (BTP)"))

            // A plural without accent: the trades to choose from, the mason first; the code: the search.
            let choix = try await anonyme.get("/recruter-un-apprenti?q=MACONS&ou=commune-69266")
            let premier = try #require(choix.corps.range(of: "<ul class=\"liste-metiers\">\n<li><a href="))
            #expect(
                choix.corps[premier.upperBound...].hasPrefix(
                    "\"/recruter-un-apprenti?rome=F1703&amp;ou=commune-69266\">Maçon / Maçonne</a>"))
            let page = try await anonyme.get("/recruter-un-apprenti?q=f1703&ou=commune-69266")
            #expect(page.status == .ok)
            let c = page.corps
            #expect(c.contains("2 CFA trouvés"))
            #expect(c.contains("Maçon / Maçonne (F1703)"))
            let villeurbanne = try #require(c.range(of: "CFA du BTP de Villeurbanne"))
            let stEtienne = try #require(c.range(of: "CFA de Saint-Étienne"))
            #expect(villeurbanne.lowerBound < stEtienne.lowerBound, "the same zone d'emploi comes first")
            #expect(c.contains("Dans la même zone d&#39;emploi") && c.contains("Dans la même région"))
            #expect(c.contains("<strong>3 à 5</strong> apprenants de ces formations cherchent encore un employeur"))
            #expect(c.contains("Moins de 3 apprenants de ces formations cherchent un employeur, ou aucun."))
            #expect(!c.contains("Nom1"), "never a learner's name")
            let id = try #require(banc.ids[OrganismesDeTest.amiens])
            #expect(c.contains("href=\"/recruter-un-apprenti/contact?organisme=\(id.rawValue)&amp;rome=F1703\""))
            #expect(c.contains("CAP Maçon"))

            let comptes = try await banc.store.recherchesEntreprises(depuis: "2025-01")
            #expect(
                comptes == [
                    CompteRecherches(
                        recherche: RechercheComptee(
                            mois: "2025-01", codeRome: CodeROME("F1703")!, typeTerritoire: "commune",
                            codeTerritoire: "69266"), nombre: 1)
                ])
            // A suggestion as the script fills it, the zone d'emploi: the same CFAs.
            let suggestion = try await anonyme.get(
                "/recruter-un-apprenti?q=Ma%C3%A7on+%2F+Ma%C3%A7onne+%28F1703%29&ou=zone-8421")
            #expect(suggestion.corps.contains("2 CFA trouvés"))
        }
    }

    @Test func emptyResultsSayWhyAndOfferToWidenTheAreaOrTheTrade() async throws {
        let banc = try await banc()
        try await banc.test { client in
            try await peupler(banc, client, OrganismesDeTest.amiens, sansContrat: 4)
            let anonyme = Navigateur(client)
            let ailleurs = try await anonyme.get("/recruter-un-apprenti?rome=F1703&ou=departement-13")
            #expect(ailleurs.status == .ok)
            #expect(ailleurs.corps.contains("Aucun CFA trouvé"))
            #expect(ailleurs.corps.contains("Il y en a ailleurs : élargissez la zone de recherche."))
            #expect(ailleurs.corps.contains("href=\"/recruter-un-apprenti?rome=F1703&amp;ou=region-93\""))
            #expect(ailleurs.corps.contains("href=\"/recruter-un-apprenti?rome=F1703&amp;ou=france\""))
            let france = try await anonyme.get("/recruter-un-apprenti?rome=F1703&ou=france")
            #expect(france.corps.contains("1 CFA trouvé"))

            // A trade of the same sub-sector that some CFA teaches is offered (the CAP Maçon also prepares F1707).
            let nulle = try await anonyme.get("/recruter-un-apprenti?rome=F1701&ou=departement-69")
            #expect(nulle.corps.contains("nulle part en France. Essayez un métier proche."))
            #expect(nulle.corps.contains("href=\"/recruter-un-apprenti?rome=F1703&amp;ou=departement-69\""))
        }
    }

    @Test func severalTradesAskToChooseAndBadValuesAreRefusedNamingTheField() async throws {
        let banc = try await banc()
        try await banc.test { client in
            let anonyme = Navigateur(client)
            let choix = try await anonyme.get("/recruter-un-apprenti?q=ma%C3%A7on&ou=departement-69")
            #expect(choix.status == .ok)
            #expect(choix.corps.contains("Précisez le métier"))
            #expect(choix.corps.contains("href=\"/recruter-un-apprenti?rome=F1707&amp;ou=departement-69\""))
            let aucun = try await anonyme.get("/recruter-un-apprenti?q=xylophoniste")
            #expect(aucun.status == .ok && aucun.corps.contains("Aucun métier ne correspond à « xylophoniste »"))
            let sansLieu = try await anonyme.get("/recruter-un-apprenti?rome=F1703")
            #expect(sansLieu.corps.contains("Choisissez maintenant où vous cherchez"))

            let code = try await anonyme.get("/recruter-un-apprenti?rome=Z9999&ou=departement-69")
            #expect(code.status == .badRequest)
            #expect(code.corps.contains("id=\"q-erreur\">Quel métier ? : le code ROME « Z9999 » n&#39;existe pas"))
            let lieu = try await anonyme.get("/recruter-un-apprenti?rome=F1703&ou=zone-0000")
            #expect(lieu.status == .badRequest)
            #expect(lieu.corps.contains("id=\"ou-erreur\">Où ? : ce territoire n&#39;existe pas"))
            #expect(lieu.corps.contains("aria-describedby=\"ou-aide ou-erreur\""))
            #expect(try await anonyme.get("/recruter-un-apprenti?secteur=1").status == .badRequest)
            let secteur = try await anonyme.get("/recruter-un-apprenti?secteur=99")
            #expect(secteur.status == .ok && secteur.corps.contains("Gros œuvre"))
            #expect(secteur.corps.contains("href=\"/recruter-un-apprenti?rome=F1703\""))
            #expect(try await banc.store.recherchesEntreprises(depuis: "2000-01").isEmpty, "no search made")
        }
    }

    @Test func suggestionsAreJSON() async throws {
        let banc = try await banc()
        try await banc.test { client in
            let r = try await Navigateur(client).get("/recruter-un-apprenti/metiers?q=macon")
            #expect(r.status == .ok)
            #expect(r.headers[.contentType]?.hasPrefix("application/json") == true)
            #expect(r.corps.contains(#"{"code":"F1703","libelle":"Maçon / Maçonne"}"#))
            #expect(try await Navigateur(client).get("/recruter-un-apprenti/metiers?q=m").corps == #"{"metiers":[]}"#)
            let script = try await Navigateur(client).get("/public/recherche-metiers.js")
            #expect(script.status == .ok && script.corps.contains("/recruter-un-apprenti/metiers?q="))
        }
    }

    @Test func aCFAsAdministratorsSetItsPresenceAndContactAndTheSearchHonoursIt() async throws {
        let banc = try await banc()
        try await banc.test { client in
            try await peupler(banc, client, OrganismesDeTest.amiens, sansContrat: 4)
            let anonyme = Navigateur(client)
            let refus = try await anonyme.get("/cfa/entreprises/parametres")
            #expect(refus.status == .seeOther && refus.headers[.location] == "/connexion")
            let membre = try await cfa(banc, client, OrganismesDeTest.amiens, "membre@cfa.test", role: .membre)
            #expect(try await membre.get("/cfa/entreprises/parametres").status == .forbidden)
            #expect(try await membre.post("/cfa/entreprises/parametres", ["visible": "oui"]).status == .forbidden)
            #expect(!(try await membre.get("/mon-compte")).corps.contains("/cfa/entreprises/parametres"))

            let admin = try await cfa(banc, client, OrganismesDeTest.amiens, "admin@cfa.test", role: .administrateur)
            #expect((try await admin.get("/mon-compte")).corps.contains("href=\"/cfa/entreprises/parametres\""))
            let page = try await admin.get("/cfa/entreprises/parametres")
            #expect(page.status == .ok)
            #expect(
                page.corps.contains("id=\"visible\" name=\"visible\" value=\"oui\"") && page.corps.contains("checked"))

            let mauvais = try await admin.post(
                "/cfa/entreprises/parametres", ["visible": "oui", "courriel": "pas-une-adresse", "telephone": "12"])
            #expect(mauvais.status == .badRequest)
            #expect(
                mauvais.corps.contains(
                    "id=\"courriel-erreur\">Adresse e-mail de contact : ce n&#39;est pas une adresse valide"))
            #expect(mauvais.corps.contains("id=\"telephone-erreur\">Numéro de téléphone"))
            #expect(mauvais.corps.contains("value=\"pas-une-adresse\""))
            let id = try #require(banc.ids[OrganismesDeTest.amiens])
            #expect(try await banc.store.contactPublic(organisme: id) == ContactPublic())

            let bon = try await admin.post(
                "/cfa/entreprises/parametres",
                ["visible": "oui", "courriel": "Entreprises@CFA-BTP.fr", "telephone": "04 72 00 00 00"])
            #expect(bon.status == .ok && bon.corps.contains("Réglages enregistrés"))
            let recherche = try await anonyme.get("/recruter-un-apprenti?rome=F1703&ou=departement-69")
            #expect(recherche.corps.contains("href=\"mailto:entreprises@cfa-btp.fr\""))
            #expect(recherche.corps.contains("0472000000"))

            let parti = try await admin.post("/cfa/entreprises/parametres", ["courriel": "entreprises@cfa-btp.fr"])
            #expect(parti.corps.contains("n&#39;apparaît plus dans la recherche des entreprises"))
            #expect(
                try await anonyme.get("/recruter-un-apprenti?rome=F1703&ou=departement-69").corps.contains(
                    "Aucun CFA trouvé"))
            let journal = try await banc.store.journal(limite: 20).filter { $0.action == "contact_public" }
            #expect(journal.count == 2)
            #expect(journal.contains { $0.detail.contains("retiré de la recherche publique") })

            // A mission locale's agent has no way in.
            let agent = try await MissionLocaleTests().agent(banc, client, "ML-80-AMIENS", "agent@ml.test")
            #expect(try await agent.get("/cfa/entreprises/parametres").status == .forbidden)
        }
    }
}
