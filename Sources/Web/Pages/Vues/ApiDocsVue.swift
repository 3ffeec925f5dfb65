import Domain
import Outils

/// `GET /api/docs` (`api-docs`): the OpenAPI document the service publishes as a readable page — operations grouped
/// by tag, with their parameters, body and responses.
struct ApiDocsVue: VuePage {
    static let gabarit = "api-docs"

    /// A paragraph of a description, in pieces: text, and `code` written between backquotes.
    struct Paragraphe: Sendable {
        struct Morceau: Sendable {
            let texte: String
            let code: Bool
        }

        let morceaux: [Morceau]
    }

    struct Parametre: Sendable {
        let nom: String
        let ou: String
        let requis: Bool
        let type: String
        let description: String
    }

    struct Reponse: Sendable {
        let code: String
        let description: String
    }

    struct Operation: Sendable {
        let methode: String
        let chemin: String
        let resume: String
        let ancre: String
        let description: [Paragraphe]
        let parametres: [Parametre]
        let reponses: [Reponse]
        /// The JSON body's type, when the operation takes one.
        let corps: String?
        let securise: Bool
    }

    struct Groupe: Sendable {
        let tag: String
        let presentation: String?
        let operations: [Operation]
    }

    let titreApi: String
    let version: String
    let description: [Paragraphe]
    let groupes: [Groupe]

    /// From the OpenAPI document (JSON text); an unreadable document gives an empty page.
    static func construire(openapi json: String) -> ApiDocsVue {
        guard case .object(let doc)? = try? AnalyseurJSON.analyser(Array(json.utf8)) else {
            return ApiDocsVue(titreApi: "", version: "", description: [], groupes: [])
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
                        type: typeDe(objet(p["schema"])), description: texte(p["description"]))
                }
                let reponses = objet(op["responses"]).sorted { $0.key < $1.key }.map { code, r in
                    Reponse(code: code, description: texte(objet(r)["description"]))
                }
                let corps = objet(objet(objet(op["requestBody"])["content"])["application/json"])
                let ancre = (m + chemin).map { $0.isLetter || $0.isNumber ? $0 : "-" }
                let operation = Operation(
                    methode: m.uppercased(), chemin: chemin, resume: texte(op["summary"]), ancre: String(ancre),
                    description: paragraphes(texte(op["description"])), parametres: parametres, reponses: reponses,
                    corps: corps.isEmpty ? nil : typeDe(objet(corps["schema"])),
                    securise: !liste(op["security"]).isEmpty)
                let tag = liste(op["tags"]).first.map { texte($0) } ?? "Autres"
                parTag[tag, default: []].append(operation)
            }
        }
        let tags = ordreTags.filter { parTag[$0] != nil } + parTag.keys.filter { !ordreTags.contains($0) }.sorted()
        return ApiDocsVue(
            titreApi: texte(info["title"]), version: texte(info["version"]),
            description: paragraphes(texte(info["description"])),
            groupes: tags.map { t in
                let presentation = texte(liste(doc["tags"]).map(objet).first { texte($0["name"]) == t }?["description"])
                return Groupe(
                    tag: t, presentation: presentation.isEmpty ? nil : presentation, operations: parTag[t] ?? [])
            })
    }

    static func texte(_ v: JSONValue?) -> String { if case .string(let s)? = v { s } else { "" } }
    static func objet(_ v: JSONValue?) -> [String: JSONValue] { if case .object(let o)? = v { o } else { [:] } }
    static func liste(_ v: JSONValue?) -> [JSONValue] { if case .array(let a)? = v { a } else { [] } }

    /// Paragraphs of a description (blank lines separate them).
    static func paragraphes(_ s: String) -> [Paragraphe] {
        s.components(separatedBy: "\n\n").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter {
            !$0.isEmpty
        }
        .map { p in
            Paragraphe(
                morceaux: p.split(separator: "`", omittingEmptySubsequences: false).enumerated().map { k, m in
                    Paragraphe.Morceau(texte: String(m), code: k % 2 == 1)
                })
        }
    }

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
