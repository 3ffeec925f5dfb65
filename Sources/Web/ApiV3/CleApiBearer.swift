import Domain
import Foundation
import Hummingbird

/// API keys: generated once, shown once, stored as their SHA-256 (deliberate difference #5).
public enum ClesApi {
    /// A new key (a random UUID, as the national service issues) and the hash to store.
    public static func nouvelle() -> (valeur: String, hash: String) { SecretsServeur().nouvelleCleApi() }

    public static func hash(_ valeur: String) -> String { SecretsServeur.sha256(valeur) }

    /// Checks `Authorization: Bearer <key>` with the messages of the national API, and notes the key's use.
    static func authentifier(_ request: Request, deps: Dependances) async throws -> CleApi {
        guard let header = request.headers[.authorization] else { throw ErreurApi.cleApi("Clé API manquante") }
        guard header.hasPrefix("Bearer ") else { throw ErreurApi.cleApi("La clé API doit etre au format Bearer") }
        let valeur = header.dropFirst("Bearer ".count).trimmingSpaces()
        let now = deps.horloge.now()
        guard !valeur.isEmpty, let cle = try await deps.store.cleApi(hash: hash(valeur)), cle.estActive(now: now) else {
            throw ErreurApi.cleApi("La clé API n'est pas valide")
        }
        try await deps.store.cleUtilisee(cle.id, now: now)
        return cle
    }
}
