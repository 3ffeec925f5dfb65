import Domain
import Outils
import Foundation
import Hummingbird

/// `GET /api/docs` (F23): the OpenAPI document the service publishes, rendered as a readable page on the server —
/// operations grouped by tag, with their parameters, body and responses, and a link to the JSON itself.
struct PageApiDocs {
    let deps: Dependances

    /// The document's view model, built once (read-only afterwards).
    static let modeleDocument = UncheckedSendable(Self.modele(DocumentOpenAPI.texte))

    @Sendable func page(_ request: Request, context: ContexteRequete) async throws -> Response {
        try await deps.page("api-docs", "Documentation de l'API", request, context, Self.modeleDocument.valeur)
    }

    static func texte(_ v: JSONValue?) -> String { if case .string(let s)? = v { s } else { "" } }
    static func objet(_ v: JSONValue?) -> [String: JSONValue] { if case .object(let o)? = v { o } else { [:] } }
    static func liste(_ v: JSONValue?) -> [JSONValue] { if case .array(let a)? = v { a } else { [] } }

    /// Paragraphs of a description (blank lines separate them), each in pieces: text, and `code` between backquotes.
    static func paragraphes(_ s: String) -> [[String: Any]] {
        s.components(separatedBy: "\n\n").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }.map { p in
            ["morceaux": p.split(separator: "`", omittingEmptySubsequences: false).enumerated().map { k, m in
                ["texte": String(m), "code": k % 2 == 1] as [String: Any]
            }]
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

    static func modele(_ json: String) -> [String: Any] {
        guard case .object(let doc)? = try? AnalyseurJSON.analyser(Array(json.utf8)) else { return [:] }
        let info = objet(doc["info"])
        let ordreTags = liste(doc["tags"]).map { texte(objet($0)["name"]) }
        var parTag: [String: [[String: Any]]] = [:]
        let methodes = ["get", "post", "put", "patch", "delete"]
        for (chemin, v) in objet(doc["paths"]).sorted(by: { $0.key < $1.key }) {
            let operations = objet(v)
            for m in methodes {
                guard case .object(let op)? = operations[m] else { continue }
                let parametres = liste(op["parameters"]).map { p -> [String: Any] in
                    let p = objet(p)
                    return ["nom": texte(p["name"]), "ou": texte(p["in"]), "requis": p["required"] == .bool(true),
                            "type": typeDe(objet(p["schema"])), "description": texte(p["description"])]
                }
                let reponses = objet(op["responses"]).sorted { $0.key < $1.key }.map { code, r in
                    ["code": code, "description": texte(objet(r)["description"])]
                }
                let corps = objet(objet(objet(op["requestBody"])["content"])["application/json"])
                let ancre = (m + chemin).map { $0.isLetter || $0.isNumber ? $0 : "-" }
                let operation: [String: Any] = [
                    "methode": m.uppercased(), "chemin": chemin, "resume": texte(op["summary"]), "ancre": String(ancre),
                    "description": paragraphes(texte(op["description"])), "parametres": parametres, "reponses": reponses,
                    "corps": corps.isEmpty ? "" : typeDe(objet(corps["schema"])),
                    "securise": !liste(op["security"]).isEmpty,
                ]
                let tag = liste(op["tags"]).first.map { texte($0) } ?? "Autres"
                parTag[tag, default: []].append(operation)
            }
        }
        let tags = ordreTags.filter { parTag[$0] != nil } + parTag.keys.filter { !ordreTags.contains($0) }.sorted()
        return [
            "titreApi": texte(info["title"]), "version": texte(info["version"]),
            "description": paragraphes(texte(info["description"])),
            "groupes": tags.map { t in
                ["tag": t, "description": texte(liste(doc["tags"]).map(objet).first { texte($0["name"]) == t }?["description"]),
                 "operations": parTag[t] ?? []] as [String: Any]
            },
        ]
    }
}
