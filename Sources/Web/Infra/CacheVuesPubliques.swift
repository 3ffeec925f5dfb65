import Domain
import Foundation
import HTTPTypes
import Hummingbird

/// The public views (national page and API, home page), the most visited pages of the service, answered from a
/// cache keyed by the request and the index generation: identical concurrent requests are computed once, a
/// change of the effectifs makes every entry stale at once (figures stay exact and immediate), and an entry older
/// than `duree` is recomputed (today's date and the last-transmission buckets move with the clock). Each answer
/// carries an `ETag` and `Last-Modified`; a client that holds it gets a 304 without a body.
public final class CacheVuesPubliques: @unchecked Sendable {
    /// A computed view: its body and content type.
    public struct Vue: Sendable {
        let corps: ByteBuffer
        let type: String
        let etag: String
        let modifieLe: Date
        /// `Last-Modified`, written once when the entry is computed rather than at every answer.
        let modifieLeHTTP: String
    }

    struct Entree {
        let generation: UInt64
        let creeLe: ContinuousClock.Instant
        let tache: Task<Vue, any Error>
    }

    public static let duree = Duration.seconds(60)
    public static let entreesMaximum = 2_000
    private let verrou = NSLock()
    private var entrees: [String: Entree] = [:]

    public init() {}

    /// The response to a public view: from the cache when it holds this request at this generation, else computed
    /// once by `calculer` (every identical request arriving meanwhile waits for the same computation). Errors are
    /// not kept: the next request computes again.
    func reponse(
        _ request: Request, generation: UInt64, maintenant: Date,
        calculer: @escaping @Sendable () async throws -> (corps: String, type: String)
    ) async throws -> Response {
        let cle = request.uri.path + "?" + (request.uri.query ?? "")
        let tache = verrou.withLock { () -> Task<Vue, any Error> in
            if let e = entrees[cle], e.generation == generation, ContinuousClock.now - e.creeLe < Self.duree {
                return e.tache
            }
            if entrees.count >= Self.entreesMaximum { elaguer() }
            let t = Task<Vue, any Error> {
                let (texte, type) = try await calculer()
                let corps = ByteBuffer(string: texte)
                return Vue(
                    corps: corps, type: type, etag: "W/\"\(generation)-\(Self.empreinte(corps))\"",
                    modifieLe: maintenant,
                    modifieLeHTTP: Self.dateHTTP(maintenant))
            }
            entrees[cle] = Entree(generation: generation, creeLe: .now, tache: t)
            return t
        }
        let vue: Vue
        do {
            vue = try await tache.value
        } catch {
            verrou.withLock {
                if let e = entrees[cle], e.generation == generation { entrees[cle] = nil }
            }
            throw error
        }
        return Self.repondre(vue, request)
    }

    /// Drops stale entries, then the oldest half if the cache is still full (a crowd of distinct queries).
    private func elaguer() {
        let maintenant = ContinuousClock.now
        entrees = entrees.filter { maintenant - $0.value.creeLe < Self.duree }
        if entrees.count >= Self.entreesMaximum {
            let gardees = entrees.sorted { $0.value.creeLe > $1.value.creeLe }.prefix(Self.entreesMaximum / 2)
            entrees = Dictionary(uniqueKeysWithValues: gardees.map { ($0.key, $0.value) })
        }
    }

    static func repondre(_ vue: Vue, _ request: Request) -> Response {
        var h: HTTPFields = [
            .eTag: vue.etag, .lastModified: vue.modifieLeHTTP, .cacheControl: "public, no-cache",
            .vary: "Cookie",
        ]
        if Self.encoreFraiche(vue, request) { return Response(status: .notModified, headers: h) }
        h[.contentType] = vue.type
        return Response(status: .ok, headers: h, body: .init(byteBuffer: vue.corps))
    }

    /// Whether the client's copy is this one: `If-None-Match` names its tag, or, without it, `If-Modified-Since`
    /// is not before it was computed.
    static func encoreFraiche(_ vue: Vue, _ request: Request) -> Bool {
        if let etags = request.headers[.ifNoneMatch] {
            return etags == "*"
                || etags.split(separator: ",").contains { $0.trimmingCharacters(in: .whitespaces) == vue.etag }
        }
        if let texte = request.headers[.ifModifiedSince] {
            // Clients send back the value they were given: no date to parse then.
            if texte == vue.modifieLeHTTP { return true }
            guard let date = Self.lireDateHTTP(texte) else { return false }
            return floor(vue.modifieLe.timeIntervalSince1970) <= date.timeIntervalSince1970
        }
        return false
    }

    /// FNV-1a of the body, in hexadecimal.
    static func empreinte(_ corps: ByteBuffer) -> String {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        corps.withUnsafeReadableBytes { octets in
            for o in octets { h = (h ^ UInt64(o)) &* 0x0000_0100_0000_01b3 }
        }
        return String(h, radix: 16)
    }

    static func formatHTTP() -> DateFormatter {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "GMT")
        f.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        return f
    }

    static func dateHTTP(_ d: Date) -> String { formatHTTP().string(from: d) }
    static func lireDateHTTP(_ s: String) -> Date? { formatHTTP().date(from: s) }
}
