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

/// Issue 13: every organisation type finds its way. On a small demo (the test référentiel, learners sent through
/// the API, the demo accounts of `tdb demo`), each demo account signs in and follows, breadth-first, every
/// same-site link of every page it reaches (downloads included; links that differ only by a date, sort, page or
/// territory value are fetched once): none may answer 403, 404 or 5xx.
@Suite(.serialized)
struct ParcoursParTypeTests {
    static let motDePasse = "Parcours-Demo-2026!"
    /// Pages fetched per account at most.
    static let limite = 300

    /// Learners for Amiens (responsable of Abbeville), Abbeville and Lyon, then the demo accounts.
    static func preparer(_ banc: Banc, _ client: any TestClientProtocol) async throws -> [ComptesDemo.Compte] {
        let envois: [(OrganismeCle, OrganismeCle, [String: JSONValue?])] = [
            (OrganismesDeTest.amiens, OrganismesDeTest.amiens, ["id_erp_apprenant": .string("A1")]),
            (
                OrganismesDeTest.amiens, OrganismesDeTest.amiens,
                ["id_erp_apprenant": .string("A2"), "contrat_date_debut": nil, "contrat_date_fin": nil]
            ),
            (OrganismesDeTest.abbeville, OrganismesDeTest.amiens, ["id_erp_apprenant": .string("B1")]),
            (OrganismesDeTest.lyon, OrganismesDeTest.lyon, ["id_erp_apprenant": .string("L1")]),
        ]
        for (formateur, responsable, changes) in envois {
            var c = changes
            c["etablissement_formateur_uai"] = .string(formateur.uai.rawValue)
            c["etablissement_formateur_siret"] = .string(formateur.siret.rawValue)
            c["etablissement_responsable_uai"] = .string(responsable.uai.rawValue)
            c["etablissement_responsable_siret"] = .string(responsable.siret.rawValue)
            c["etablissement_lieu_de_formation_uai"] = .string(formateur.uai.rawValue)
            let r = try await client.execute(
                uri: "/api/v3/dossiers-apprenants", method: .post,
                headers: PagesTableauTests.entetes(banc, formateur),
                body: ByteBuffer(string: JSONTexte.ecrire(.valeur(.array([item(c)])))))
            #expect(r.status == .ok)
        }
        return try await ComptesDemo(store: banc.store, coutBcrypt: 4, horloge: banc.horloge).creer(
            motDePasse: motDePasse)
    }

    /// The same-site addresses a page links to: `<a href>` and the action of GET forms, without fragment.
    static func liens(_ html: String, depuis page: String) -> [String] {
        var trouves: [String] = []
        let motifs = [#"<a\s[^>]*href="([^"]*)""#, #"<form\s[^>]*method="get"[^>]*action="([^"]*)""#]
        for motif in motifs {
            guard let re = try? NSRegularExpression(pattern: motif, options: [.caseInsensitive]) else { continue }
            let ns = html as NSString
            for m in re.matches(in: html, range: NSRange(location: 0, length: ns.length)) {
                var lien = ns.substring(with: m.range(at: 1)).replacingOccurrences(of: "&amp;", with: "&")
                    .replacingOccurrences(of: "&#x2F;", with: "/").replacingOccurrences(of: "&#x3D;", with: "=")
                if let diese = lien.firstIndex(of: "#") { lien = String(lien[..<diese]) }
                if lien.isEmpty { continue }
                if lien.hasPrefix("?") {
                    lien = String(page.prefix { $0 != "?" }) + lien
                }
                guard lien.hasPrefix("/"), !lien.hasPrefix("//") else { continue }  // mailto:, other sites
                trouves.append(lien)
            }
        }
        return trouves
    }

    /// Query parameters whose value changes what the account is allowed to open (an organisme, a format); the
    /// others (dates, sorts, pages, territories, indicators) only change figures.
    static let parametresDeterminants: Set<String> = ["organisme", "format", "jour"]

    /// Links of the same kind are fetched once: same path, same determining values, same other parameter names
    /// (the map of the national page links a hundred départements the same way).
    static func sorte(_ lien: String) -> String {
        guard let c = URLComponents(string: lien) else { return lien }
        let parametres = (c.queryItems ?? []).map { p in
            parametresDeterminants.contains(p.name) ? "\(p.name)=\(p.value ?? "")" : p.name
        }
        return c.path + "?" + parametres.sorted().joined(separator: "&")
    }

    /// Signs in and walks; returns the (page, link, status) that failed and how many pages were fetched.
    static func parcourir(_ client: any TestClientProtocol, email: String) async throws
        -> (echecs: [String], pages: Int)
    {
        let nav = Navigateur(client)
        let connexion = try await nav.post("/connexion", ["email": email, "mot_de_passe": motDePasse])
        #expect(connexion.status == .seeOther, "\(email) se connecte")
        var aVisiter: [(page: String, lien: String)] = [("(connexion)", "/")]
        var vus: Set<String> = [sorte("/")]
        var echecs: [String] = []
        var pages = 0
        while !aVisiter.isEmpty && pages < limite {
            let (origine, lien) = aVisiter.removeFirst()
            let r = try await nav.get(lien)
            pages += 1
            let code = Int(r.status.code)
            if code == 403 || code == 404 || code >= 500 {
                echecs.append("\(origine) → \(lien) : \(code)")
                continue
            }
            #expect(nav.cookies["tdb_session"] != nil, "\(email) : \(lien) ne déconnecte pas")
            guard (r.headers[.contentType] ?? "").hasPrefix("text/html") else { continue }
            for suivant in liens(r.corps, depuis: lien) where !vus.contains(sorte(suivant)) {
                vus.insert(sorte(suivant))
                aVisiter.append((lien, suivant))
            }
        }
        return (echecs, pages)
    }

    @Test func everyDemoAccountFollowsEveryLinkWithoutARefusal() async throws {
        let banc = try await Banc()
        try await banc.test { client in
            let comptes = try await Self.preparer(banc, client)
            #expect(comptes.count == TypeOrganisation.allCases.count)
            #expect(comptes.allSatisfy { $0.cree })
            for compte in comptes {
                let (echecs, pages) = try await Self.parcourir(client, email: compte.email)
                #expect(echecs.isEmpty, "\(compte.email) (\(pages) pages) :\n\(echecs.joined(separator: "\n"))")
                #expect(pages > 5, "\(compte.email) n'a visité que \(pages) pages")
            }
        }
    }

    @Test func theWalkFindsADeadLink() {
        // The walk reads links as pages write them: a link to a page the account may not open is reported.
        let html =
            #"<a href="/organismes/9?date=2025-01-01&amp;tri=nom#apprenants">x</a><a href="mailto:a@b.c">m</a>"#
            + #"<a href="?page=2">2</a><form method="get" action="/indicateurs"></form>"#
        #expect(
            Self.liens(html, depuis: "/listes/apprentis?date=1")
                == ["/organismes/9?date=2025-01-01&tri=nom", "/listes/apprentis?page=2", "/indicateurs"])
        #expect(
            Self.sorte("/indicateurs/national?organisme_departements=01")
                == Self.sorte("/indicateurs/national?organisme_departements=69"))
        #expect(
            Self.sorte("/listes/apprentis/telechargement?organisme=1")
                != Self.sorte("/listes/apprentis/telechargement?organisme=2"))
    }

    @Test func pagesShowOnlyLinksTheAccountMayFollowAndErrorsSayWhatItCanSee() async throws {
        let banc = try await Banc()
        try await banc.test { client in
            _ = try await Self.preparer(banc, client)
            let lyon = try #require(banc.ids[OrganismesDeTest.lyon])
            let amiens = try #require(banc.ids[OrganismesDeTest.amiens])
            // A DREETS sees the transmissions of every organisme but opens only those of its région.
            let dreets = Navigateur(client)
            _ = try await dreets.post("/connexion", ["email": "dreets@demo.tdb", "mot_de_passe": Self.motDePasse])
            let indicateurs = try await dreets.get("/indicateurs")
            #expect(indicateurs.status == .ok)
            #expect(indicateurs.corps.contains("<a href=\"/organismes/\(lyon)\">CFA du Rhône</a>"))
            #expect(indicateurs.corps.contains("<th scope=\"row\">CFA de la Somme</th>"))
            #expect(!indicateurs.corps.contains("href=\"/organismes/\(amiens)\""))
            #expect(
                indicateurs.corps.contains("<a class=\"navigation__lien\" href=\"/indicateurs\" aria-current=\"page\">")
            )
            // Its page of Amiens's transmissions has no "Retour à l'organisme".
            let transmissions = try await dreets.get("/organismes/\(amiens)/transmissions")
            #expect(transmissions.status == .ok)
            #expect(!transmissions.corps.contains("Retour à l'organisme"))
            #expect(try await dreets.get("/organismes/\(lyon)/transmissions").corps.contains("Retour à l'organisme"))
            // A refusal keeps the header, says what the account can see and whom to ask.
            let refus = try await dreets.get("/organismes/\(amiens)")
            #expect(refus.status == .forbidden)
            #expect(refus.corps.contains("<h1>Accès refusé</h1>"))
            #expect(refus.corps.contains("Se déconnecter"))
            #expect(refus.corps.contains("<li>les indicateurs : région Auvergne-Rhône-Alpes</li>"))
            #expect(refus.corps.contains("mailto:\(Contact.parDefaut)"))
            let introuvable = try await dreets.get("/organismes/999999")
            #expect(introuvable.status == .notFound && introuvable.corps.contains("Se déconnecter"))
            #expect(introuvable.corps.contains("<h1>Page introuvable</h1>"))

            // A mission locale: a home page that says what the service does for it, no link to a refusal.
            let ml = Navigateur(client)
            _ = try await ml.post("/connexion", ["email": "mission-locale@demo.tdb", "mot_de_passe": Self.motDePasse])
            let accueil = try await ml.get("/")
            #expect(accueil.corps.contains("Ce que le service fait pour vous aujourd'hui"))
            #expect(!accueil.corps.contains("href=\"/indicateurs\""))
            let interdit = try await ml.get("/indicateurs")
            #expect(interdit.status == .forbidden)
            // Its perimeter in words names its mission locale of the référentiel.
            #expect(
                interdit.corps.contains(
                    "<li>les jeunes en rupture de contrat qui résident sur le territoire de sa mission locale : "
                        + "Mission locale de Lyon (démo)</li>"))

            // An administrator impersonating the ARML: the banner stays on the error page; no admin menu meanwhile.
            let admin = Navigateur(client)
            _ = try await admin.post("/connexion", ["email": "admin@demo.tdb", "mot_de_passe": Self.motDePasse])
            let arml = try #require(
                try await banc.store.organisations(recherche: "ARML", limite: 5).first { $0.0.type == .arml }?.0)
            #expect(try await admin.post("/admin/organisations/\(arml.id)/incarner").status == .seeOther)
            let refusIncarne = try await admin.get("/listes/rupturants")
            #expect(refusIncarne.status == .forbidden)
            #expect(refusIncarne.corps.contains("bandeau--incarnation"))
            #expect(
                refusIncarne.corps.contains("Vous utilisez le service pour ARML Auvergne-Rhône-Alpes (démo) (ARML)"))
            #expect(!refusIncarne.corps.contains("href=\"/admin/utilisateurs\""))
        }
    }

    @Test func demoAccountsAreOnePerTypeValidatedAndCreatedOnce() async throws {
        let banc = try await Banc()
        try await banc.test { client in
            let comptes = try await Self.preparer(banc, client)
            let parType = Dictionary(uniqueKeysWithValues: comptes.map { ($0.type, $0) })
            #expect(parType[.organismeFormation]?.email == "organisme-formation@demo.tdb")
            #expect(parType[.teteDeReseau]?.email == "tete-de-reseau@demo.tdb")
            #expect(parType[.carifOrefNational]?.email == "carif-oref-national@demo.tdb")
            #expect(parType[.administrateur]?.email == "admin@demo.tdb")
            #expect(parType[.dreets]?.organisation == "DREETS Auvergne-Rhône-Alpes")
            #expect(parType[.ddets]?.organisation == "DDETS Rhône")
            // The CFA: Amiens, responsable of Abbeville, with learners.
            #expect(parType[.organismeFormation]?.organisation == "CFA de la Somme")
            for c in comptes {
                let u = try #require(try await banc.store.utilisateur(email: c.email))
                #expect(u.statut == .actif && u.role == .administrateur, "\(c.email)")
            }
            // Again: nothing new, nothing changed.
            let encore = try await ComptesDemo(store: banc.store, coutBcrypt: 4, horloge: banc.horloge).creer(
                motDePasse: "Un-Autre-Mot-2026!")
            #expect(encore.allSatisfy { !$0.cree })
            let nav = Navigateur(client)
            let r = try await nav.post("/connexion", ["email": "dreets@demo.tdb", "mot_de_passe": Self.motDePasse])
            #expect(r.status == .seeOther)
        }
    }
}
