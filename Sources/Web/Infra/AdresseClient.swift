import Domain
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// The one place that says who the client is (throttling, rate limits): the socket peer, or — only when the peer
/// is a trusted proxy (`TDB_PROXIES_DE_CONFIANCE`) — the nearest address of `X-Forwarded-For` that is not itself
/// a trusted proxy. A client cannot pick its address by sending the header itself.
public enum AdresseClient {
    /// What the peer is called when the socket gives no address (in-process tests).
    public static let inconnue = "inconnue"
    static let enTete = HTTPField.Name("X-Forwarded-For")!

    public static func adresse(pair: String?, xForwardedFor: [String], proxies: Set<String>) -> String {
        guard let pair = pair.map(normaliser) else { return inconnue }
        guard proxies.contains(pair) else { return pair }
        let chaine = xForwardedFor.flatMap { $0.split(separator: ",") }.map { normaliser(String($0)) }
        for adresse in chaine.reversed() where !proxies.contains(adresse) {
            return estAdresseIP(adresse) ? adresse : pair
        }
        return pair
    }

    public static func adresse(_ request: Request, _ context: ContexteRequete, proxies: Set<String>) -> String {
        adresse(
            pair: context.remoteAddress?.ipAddress, xForwardedFor: request.headers[values: enTete],
            proxies: proxies)
    }

    /// An IPv4 or IPv6 literal.
    public static func estAdresseIP(_ texte: String) -> Bool {
        texte.count <= 45 && (try? SocketAddress(ipAddress: texte, port: 0)) != nil
    }

    static func normaliser(_ texte: String) -> String { texte.trimmingCharacters(in: .whitespaces).lowercased() }
}

extension Dependances {
    /// The client's address for this request.
    func adresse(_ request: Request, _ context: ContexteRequete) -> String {
        AdresseClient.adresse(request, context, proxies: proxiesDeConfiance)
    }

    /// Counts one request of `action` by the client's address and the other targets given; throws `LimiteAtteinte`
    /// (429) over a limit.
    func limiter(
        _ action: ActionLimitee, _ request: Request, _ context: ContexteRequete,
        _ autres: [CibleLimite: String] = [:]
    ) async throws {
        var cibles = autres
        cibles[.adresse] = adresse(request, context)
        try await limiteur.compter(action, cibles)
    }
}
