import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

/// A browser in tests: keeps cookies and sends the CSRF value with every form, as the pages do. Several requests
/// may be in flight at once (the hostile-parameters walk): the cookie jar is behind a lock.
final class Navigateur: @unchecked Sendable {
    let client: any TestClientProtocol
    private let verrou = NSLock()
    private var bocal: [String: String] = [:]
    var cookies: [String: String] {
        get { verrou.withLock { bocal } }
        set { verrou.withLock { bocal = newValue } }
    }

    init(_ client: any TestClientProtocol) { self.client = client }

    struct Page {
        let status: HTTPResponse.Status
        let corps: String
        let headers: HTTPFields
    }

    func get(_ uri: String) async throws -> Page {
        try await envoyer(uri, .get, body: nil, type: nil)
    }

    /// Posts a form; the CSRF field is added from the cookie unless `csrf` says otherwise.
    func post(_ uri: String, _ champs: [String: String] = [:], csrf: String? = nil) async throws -> Page {
        if cookies["tdb_csrf"] == nil { _ = try await get("/connexion") }
        var tous = champs
        tous["csrf"] = csrf ?? cookies["tdb_csrf"] ?? ""
        let corps = tous.map { "\(encode($0.key))=\(encode($0.value))" }.joined(separator: "&")
        return try await envoyer(uri, .post, body: corps, type: "application/x-www-form-urlencoded")
    }

    /// Posts a form whose fields may repeat (check boxes sharing a name).
    func post(_ uri: String, paires: [(String, String)]) async throws -> Page {
        if cookies["tdb_csrf"] == nil { _ = try await get("/connexion") }
        let corps = (paires + [("csrf", cookies["tdb_csrf"] ?? "")]).map { "\(encode($0.0))=\(encode($0.1))" }
            .joined(separator: "&")
        return try await envoyer(uri, .post, body: corps, type: "application/x-www-form-urlencoded")
    }

    func json(_ uri: String, _ method: HTTPRequest.Method = .post, _ corps: String? = nil) async throws -> Page {
        try await envoyer(uri, method, body: corps, type: corps == nil ? nil : "application/json")
    }

    /// The cookie header this browser sends.
    var entetes: HTTPFields {
        cookies.isEmpty ? [:] : [.cookie: cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")]
    }

    private func encode(_ s: String) -> String {
        s.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? s
    }

    private func envoyer(_ uri: String, _ method: HTTPRequest.Method, body: String?, type: String?) async throws -> Page
    {
        var headers: HTTPFields = [:]
        if !cookies.isEmpty { headers[.cookie] = cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ") }
        if let type { headers[.contentType] = type }
        return try await client.execute(
            uri: uri, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) }
        ) { r in
            for c in r.headers[values: .setCookie] {
                let pair = c.split(separator: ";")[0].split(
                    separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                let name = String(pair[0])
                let value = pair.count > 1 ? String(pair[1]) : ""
                let efface = value.isEmpty || c.contains("Max-Age=0")
                self.verrou.withLock { self.bocal[name] = efface ? nil : value }
            }
            return Page(status: r.status, corps: String(buffer: r.body), headers: r.headers)
        }
    }
}
