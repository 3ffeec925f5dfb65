import Domain
import Foundation
import Ink
import Outils

/// `GET /api/docs` (`api-docs`): the OpenAPI document the service publishes as a readable page — operations grouped
/// by tag, with their parameters, body, responses and a `curl` example, descriptions written in Markdown rendered by
/// Ink, and the fields of a dossier as the validation reads them (`DescriptionDossier`).
struct ApiDocsVue: VuePage {
    static let gabarit = "api-docs"

    struct Parametre: Sendable {
        let nom: String
        let ou: String
        let requis: Bool
        let type: String
        /// HTML (Markdown rendered).
        let description: String
    }

    struct Reponse: Sendable {
        let code: String
        /// HTML (Markdown rendered).
        let description: String
    }

    struct Operation: Sendable {
        let methode: String
        let chemin: String
        let resume: String
        let ancre: String
        /// HTML (Markdown rendered).
        let description: String
        let parametres: [Parametre]
        let reponses: [Reponse]
        /// The JSON body's type, when the operation takes one.
        let corps: String?
        let securise: Bool
        /// A `curl` command calling the operation (`$TDB_URL` is the service's address).
        let curl: String
    }

    struct Groupe: Sendable {
        let tag: String
        /// HTML (Markdown rendered).
        let presentation: String?
        let operations: [Operation]
    }

    /// A line of the dossier's field-by-field table.
    struct Champ: Sendable {
        let nom: String
        let type: String
        let requis: Bool
        let format: String
        let exemple: String?
        let messages: [String]
        /// The first sentence of the field's description in the OpenAPI schema.
        let sens: String
    }

    let titreApi: String
    let version: String
    /// HTML (Markdown rendered).
    let description: String
    let groupes: [Groupe]
    let champs: [Champ]

    /// Markdown to HTML (Ink). The descriptions are the service's own OpenAPI document, not user input.
    static func html(_ markdown: String) -> String {
        MarkdownParser().html(from: markdown).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// From the OpenAPI document (JSON text); an unreadable document gives an empty page.
    static func construire(openapi json: String) -> ApiDocsVue {
        guard case .object(let doc)? = try? AnalyseurJSON.analyser(Array(json.utf8)) else {
            return ApiDocsVue(titreApi: "", version: "", description: "", groupes: [], champs: [])
        }
        let info = objet(doc["info"])
        let ordreTags = liste(doc["tags"]).map { texte(objet($0)["name"]) }
        var parTag: [String: [Operation]] = [:]
        let methodes = ["get", "post", "put", "patch", "delete"]
        for (chemin, v) in objet(doc["paths"]).sorted(by: { $0.key < $1.key }) {
            let operations = objet(v)
            for m in methodes {
                guard case .object(let op)? = operations[m] else { continue }
                let parametres = liste(op["parameters"]).map { p -> Parametre in
                    let p = objet(p)
                    return Parametre(
                        nom: texte(p["name"]), ou: texte(p["in"]), requis: p["required"] == .bool(true),
                        type: typeDe(objet(p["schema"])), description: html(texte(p["description"])))
                }
                let reponses = objet(op["responses"]).sorted { $0.key < $1.key }.map { code, r in
                    Reponse(code: code, description: html(texte(reponse(objet(r), doc: doc)["description"])))
                }
                let corps = objet(objet(objet(op["requestBody"])["content"])["application/json"])
                let ancre = (m + chemin).map { $0.isLetter || $0.isNumber ? $0 : "-" }
                let operation = Operation(
                    methode: m.uppercased(), chemin: chemin, resume: texte(op["summary"]), ancre: String(ancre),
                    description: html(texte(op["description"])), parametres: parametres, reponses: reponses,
                    corps: corps.isEmpty ? nil : typeDe(objet(corps["schema"])),
                    securise: !liste(op["security"]).isEmpty, curl: curl(m, chemin, op))
                let tag = liste(op["tags"]).first.map { texte($0) } ?? "Autres"
                parTag[tag, default: []].append(operation)
            }
        }
        let tags = ordreTags.filter { parTag[$0] != nil } + parTag.keys.filter { !ordreTags.contains($0) }.sorted()
        return ApiDocsVue(
            titreApi: texte(info["title"]), version: texte(info["version"]),
            description: html(texte(info["description"])),
            groupes: tags.map { t in
                let presentation = texte(liste(doc["tags"]).map(objet).first { texte($0["name"]) == t }?["description"])
                return Groupe(
                    tag: t, presentation: presentation.isEmpty ? nil : html(presentation), operations: parTag[t] ?? [])
            },
            champs: champs(doc))
    }

    /// A response, or the shared one it refers to (`$ref: #/components/responses/…`).
    static func reponse(_ r: [String: JSONValue], doc: [String: JSONValue]) -> [String: JSONValue] {
        guard let ref = r["$ref"] else { return r }
        let nom = String(texte(ref).split(separator: "/").last ?? "")
        return objet(objet(objet(doc["components"])["responses"])[nom])
    }

    /// The dossier's fields as `DecodeurDossier` reads them (`DescriptionDossier`), with the example and the meaning
    /// of each in the schema.
    static func champs(_ doc: [String: JSONValue]) -> [Champ] {
        let proprietes = objet(
            objet(objet(objet(doc["components"])["schemas"])["DossierApprenantChamps"])["properties"])
        return DescriptionDossier.champs.map { c in
            let p = objet(proprietes[c.nom])
            let description = texte(p["description"])
            let sens = description.split(separator: ".", maxSplits: 1).first.map { String($0) + "." } ?? ""
            return Champ(
                nom: c.nom, type: c.nature.type, requis: c.requis, format: c.nature.format,
                exemple: p["example"].flatMap { $0.javascriptString }, messages: c.messages, sens: sens)
        }
    }

    /// `curl` for an operation: its authentication, an example of each required or exemplified parameter, its JSON
    /// body's first example.
    static func curl(_ methode: String, _ chemin: String, _ op: [String: JSONValue]) -> String {
        var url = chemin
        var query: [String] = []
        for p in liste(op["parameters"]).map(objet) {
            let nom = texte(p["name"])
            let exemple = (p["example"] ?? objet(p["schema"])["example"]).flatMap { $0.javascriptString }
            switch texte(p["in"]) {
            case "path": url = url.replacingOccurrences(of: "{\(nom)}", with: exemple ?? "1")
            case "query":
                if let exemple { query.append("\(nom)=\(exemple)") }
            default: break
            }
        }
        if !query.isEmpty { url += "?" + query.joined(separator: "&") }
        var lignes = ["curl -X \(methode.uppercased()) \"$TDB_URL\(url)\""]
        let securite = liste(op["security"]).flatMap { objet($0).keys }
        if securite.contains("apiKeyAuth") { lignes.append("-H 'Authorization: Bearer <votre clé d'\\''API>'") }
        if securite.contains("metricsToken") { lignes.append("-H \"Authorization: Bearer $TDB_METRICS_TOKEN\"") }
        if securite.contains("session") { lignes.append("-b cookies.txt") }
        if chemin == "/api/v1/auth/login" { lignes.append("-c cookies.txt") }
        let corps = objet(objet(objet(op["requestBody"])["content"])["application/json"])
        if !corps.isEmpty {
            let premier = objet(corps["examples"]).sorted { $0.key < $1.key }.first.flatMap { objet($0.value)["value"] }
            let json = JSONTexte.ecrire(.valeur(premier ?? corps["example"] ?? .object([:])))
            lignes.append("-H 'Content-Type: application/json'")
            lignes.append("-d '\(json.replacingOccurrences(of: "'", with: "'\\''"))'")
        }
        return lignes.joined(separator: " \\\n  ")
    }

    static func texte(_ v: JSONValue?) -> String { if case .string(let s)? = v { s } else { "" } }
    static func objet(_ v: JSONValue?) -> [String: JSONValue] { if case .object(let o)? = v { o } else { [:] } }
    static func liste(_ v: JSONValue?) -> [JSONValue] { if case .array(let a)? = v { a } else { [] } }

    /// A schema in a few words: its type, `$ref` name, or enumeration.
    static func typeDe(_ schema: [String: JSONValue]) -> String {
        if let ref = schema["$ref"] { return String(texte(ref).split(separator: "/").last ?? "") }
        var t = texte(schema["type"])
        if t == "array" { t = "liste de " + typeDe(objet(schema["items"])) }
        if !texte(schema["format"]).isEmpty { t += " (\(texte(schema["format"])))" }
        let valeurs = liste(schema["enum"]).compactMap { $0.javascriptString }
        if !valeurs.isEmpty { t += " : " + valeurs.joined(separator: ", ") }
        return t
    }
}
