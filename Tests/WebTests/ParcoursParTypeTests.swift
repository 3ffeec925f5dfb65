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
/// same-site link of every page it reaches (downloads included): none may answer 403, 404 or 5xx.
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

    /// Signs in and walks; returns the (page, link, status) that failed and how many pages were fetched.
    static func parcourir(_ client: any TestClientProtocol, email: String) async throws
        -> (echecs: [String], pages: Int)
    {
        let nav = Navigateur(client)
        let connexion = try await nav.post("/connexion", ["email": email, "mot_de_passe": motDePasse])
        #expect(connexion.status == .seeOther, "\(email) se connecte")
        var aVisiter: [(page: String, lien: String)] = [("(connexion)", "/")]
        var vus: Set<String> = ["/"]
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
            for suivant in liens(r.corps, depuis: lien) where !vus.contains(suivant) {
                vus.insert(suivant)
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
            #expect(comptes.allSatisfy(\.cree))
            for compte in comptes {
                let (echecs, pages) = try await Self.parcourir(client, email: compte.email)
                #expect(echecs.isEmpty, "\(compte.email) (\(pages) pages) :\n\(echecs.joined(separator: "\n"))")
                #expect(pages > 5, "\(compte.email) n'a visité que \(pages) pages")
            }
        }
    }

    @Test func theWalkFindsADeadLink() {
        // The walk reads links as pages write them: a link to a page the account may not open is reported.
        let html = #"<a href="/organismes/9?date=2025-01-01&amp;tri=nom#apprenants">x</a><a href="mailto:a@b.c">m</a>"#
            + #"<a href="?page=2">2</a><form method="get" action="/indicateurs"></form>"#
        #expect(
            Self.liens(html, depuis: "/listes/apprentis?date=1")
                == ["/organismes/9?date=2025-01-01&tri=nom", "/listes/apprentis?page=2", "/indicateurs"])
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
