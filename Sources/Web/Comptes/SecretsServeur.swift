import Crypto
import Domain
import Foundation
import HummingbirdBcrypt
import NIOPosix

/// bcrypt for passwords (on a thread pool: a hash takes a quarter of a second at cost 12), SHA-256 for what
/// is stored of links, sessions and API keys, the system's secure random generator for secrets.
public struct SecretsServeur: Secrets {
    public let coutBcrypt: UInt8
    /// Where bcrypt work waits for its turn (`LimiteurBcrypt.partage` unless a test brings its own).
    public let limiteur: LimiteurBcrypt

    public init(coutBcrypt: UInt8 = 12, limiteur: LimiteurBcrypt = .partage) {
        self.coutBcrypt = coutBcrypt
        self.limiteur = limiteur
    }

    public func hacher(motDePasse: String) async -> String {
        let cout = coutBcrypt
        return await limiteur.executer(.hachage) { Bcrypt.hash(motDePasse, cost: cout) }
    }

    public func verifier(motDePasse: String, hash: String) async -> Bool {
        await limiteur.executer(.verification) { Bcrypt.verify(motDePasse, hash: hash) }
    }

    public func hashFactice() async -> String {
        let cout = coutBcrypt
        return await HashesFactices.partage.hash(cout: cout) {
            let aleatoire = SecretsServeur.sha256(UUID().uuidString)
            return await limiteur.executer(.hachage) { Bcrypt.hash(aleatoire, cost: cout) }
        }
    }

    public func nouveauSecret() -> (valeur: String, hash: String) {
        var g = SystemRandomNumberGenerator()
        let valeur = (0..<32).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &g)) }.joined()
        return (valeur, empreinte(valeur))
    }

    public func empreinte(_ valeur: String) -> String { Self.sha256(valeur) }

    public func nouvelleCleApi() -> (valeur: String, hash: String) {
        let valeur = UUID().uuidString.lowercased()
        return (valeur, empreinte(valeur))
    }

    public static func sha256(_ valeur: String) -> String {
        SHA256.hash(data: Data(valeur.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}
