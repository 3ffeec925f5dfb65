import Foundation
import Outils
import Testing

@testable import Domain
@testable import Web

/// `/api/docs` and `/api/openapi.json`: no empty description, Markdown rendered, a `curl` example per operation, and
/// the dossier's fields as the validation reads them.
struct ApiDocsTests {
    func objet(_ v: JSONValue?) -> [String: JSONValue] { if case .object(let o)? = v { o } else { [:] } }
    func liste(_ v: JSONValue?) -> [JSONValue] { if case .array(let a)? = v { a } else { [] } }
    func texte(_ v: JSONValue?) -> String { if case .string(let s)? = v { s } else { "" } }

    /// Every `description` or `summary` anywhere in the document, with where it is.
    func textes(_ v: JSONValue, _ chemin: String, into r: inout [(String, String)]) {
        switch v {
        case .object(let o):
            for (k, x) in o {
                if k == "description" || k == "summary", case .string(let s) = x { r.append(("\(chemin)/\(k)", s)) }
                // Examples are data, not documentation.
                if k != "example" && k != "examples" { textes(x, "\(chemin)/\(k)", into: &r) }
            }
        case .array(let a): for (i, x) in a.enumerated() { textes(x, "\(chemin)/\(i)", into: &r) }
        default: break
        }
    }

    @Test func openApiDocumentServedHasNoEmptyDescription() async throws {
        let banc = try await Banc()
        try await banc.test { client in
            let reponse = try await Navigateur(client).get("/api/openapi.json")
            #expect(reponse.status == .ok)
            let doc = try AnalyseurJSON.analyser(Array(reponse.corps.utf8))
            var tous: [(String, String)] = []
            textes(doc, "", into: &tous)
            for (ou, s) in tous { #expect(!s.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, "\(ou)") }
            // What must be described: tags, operations, parameters, responses, schemas and their properties.
            let d = objet(doc)
            for t in liste(d["tags"]) {
                #expect(!texte(objet(t)["description"]).isEmpty, "tag \(texte(objet(t)["name"]))")
            }
            var operations = 0
            for (chemin, v) in objet(d["paths"]) {
                for (m, op) in objet(v) {
                    let op = objet(op)
                    operations += 1
                    #expect(!texte(op["summary"]).isEmpty && !texte(op["description"]).isEmpty, "\(m) \(chemin)")
                    for p in liste(op["parameters"]) {
                        #expect(!texte(objet(p)["description"]).isEmpty, "\(m) \(chemin) \(texte(objet(p)["name"]))")
                    }
                    for (code, r) in objet(op["responses"]) where objet(r)["$ref"] == nil {
                        #expect(!texte(objet(r)["description"]).isEmpty, "\(m) \(chemin) \(code)")
                    }
                }
            }
            #expect(operations >= 19)
            for (nom, s) in objet(objet(d["components"])["schemas"]) {
                let s = objet(s)
                #expect(!texte(s["description"]).isEmpty || s["enum"] != nil, "schema \(nom)")
                for (p, v) in objet(s["properties"]) where objet(v)["$ref"] == nil {
                    #expect(!texte(objet(v)["description"]).isEmpty, "\(nom).\(p)")
                }
            }
        }
    }

    @Test func docsPageRendersMarkdownAndACurlExamplePerOperation() async throws {
        let banc = try await Banc()
        try await banc.test { client in
            let page = try await Navigateur(client).get("/api/docs")
            #expect(page.status == .ok)
            let html = page.corps
            // Markdown rendered by Ink: bold, lists, code; no Markdown syntax left.
            #expect(html.contains("<strong>Différences avec l'API nationale</strong>"))
            #expect(html.contains("<li>pas de file d'attente : le lot est traité pendant la requête ;"))
            #expect(html.contains("<code>Authorization: Bearer &lt;clé&gt;</code>"))
            #expect(!html.contains("**"))
            #expect(!html.contains("<div class=\"documentation\"></div>"))
            #expect(!html.contains("<td class=\"documentation\"></td>"))
            // One curl example per operation, with the key, the cookies or the body it needs.
            let vue = ApiDocsVue.construire(openapi: DocumentOpenAPI.texte)
            let operations = vue.groupes.flatMap(\.operations)
            #expect(html.components(separatedBy: "<pre class=\"exemple-code\"").count - 1 == operations.count)
            for o in operations {
                #expect(o.curl.hasPrefix("curl -X \(o.methode) \"$TDB_URL\(o.chemin.prefix { $0 != "{" })"))
                #expect(!o.description.isEmpty && !o.resume.isEmpty, "\(o.methode) \(o.chemin)")
            }
            let transmettre = try #require(operations.first { $0.chemin == "/api/v3/dossiers-apprenants" })
            #expect(transmettre.curl.contains("-H 'Authorization: Bearer <votre clé d'\\''API>'"))
            #expect(transmettre.curl.contains("-d '[{\"") && transmettre.curl.contains("\"nom_apprenant\":\"Martin\""))
            let session = try #require(operations.first { $0.chemin == "/api/v1/session" })
            #expect(session.curl.contains("-b cookies.txt"))
            let connexion = try #require(operations.first { $0.chemin == "/api/v1/auth/login" })
            #expect(connexion.curl.contains("-c cookies.txt") && connexion.curl.contains("\"email\":"))
            let fiche = try #require(operations.first { $0.chemin == "/api/v1/organismes/{id}" })
            #expect(fiche.curl.contains("\"$TDB_URL/api/v1/organismes/1\""))
        }
    }

    @Test func fieldTableIsTheValidationsOwnDescription() async throws {
        let vue = ApiDocsVue.construire(openapi: DocumentOpenAPI.texte)
        #expect(vue.champs.map(\.nom) == DescriptionDossier.champs.map(\.nom))
        let nom = try #require(vue.champs.first { $0.nom == "nom_apprenant" })
        #expect(nom.requis && nom.type == "chaîne" && nom.exemple == "Lenôtre")
        #expect(nom.messages == [Message.stringAttendu, Message.minLength(1)])
        // The schema's required fields are the validation's.
        let doc = objet(try AnalyseurJSON.analyser(Array(DocumentOpenAPI.texte.utf8)))
        let schemas = objet(objet(doc["components"])["schemas"])
        let requisSchema = liste(objet(schemas["DossierApprenant"])["allOf"]).flatMap { liste(objet($0)["required"]) }
            .map { texte($0) }
        #expect(Set(requisSchema) == Set(vue.champs.filter(\.requis).map(\.nom)))
        // Every field of the schema is in the table, and every example given passes the validation of its field.
        let proprietes = objet(objet(schemas["DossierApprenantChamps"])["properties"])
        // `nir_apprenant` is read (to know whether it is given) but never stored: the schema does not offer it.
        #expect(Set(vue.champs.map(\.nom)).subtracting(proprietes.keys) == ["nir_apprenant"])
        #expect(Set(proprietes.keys).isSubset(of: Set(vue.champs.map(\.nom))))
        for (champ, p) in proprietes {
            guard let exemple = objet(p)["example"] else { continue }
            let erreurs = DecodeurDossier.decoder(.object([champ: exemple])).erreurs.filter { $0.path == [champ] }
            #expect(erreurs.isEmpty, "example of \(champ): \(erreurs.map(\.message))")
        }
        let html = try await PagesCommeFonctionsTests().html(vue, titre: "Documentation de l'API")
        #expect(html.contains("<th scope=\"row\"><code>date_de_naissance_apprenant</code>"))
        #expect(html.contains("<li>« Champ obligatoire »</li>"))
    }
}
