import Foundation
import NIOSSL
import PostgresNIO

/// A `postgres://user:password@host:port/database?sslmode=…` address, as in `DATABASE_URL`.
public struct AdressePostgres: Sendable, Equatable {
    public let hote: String
    public let port: Int
    public let utilisateur: String
    public let motDePasse: String?
    public let base: String
    public let tls: String

    public struct Invalide: Error, CustomStringConvertible {
        public let description: String
    }

    public init(_ texte: String) throws {
        guard let c = URLComponents(string: texte), ["postgres", "postgresql"].contains(c.scheme ?? ""),
            let hote = c.host, !hote.isEmpty
        else {
            throw Invalide(
                description: "Adresse PostgreSQL invalide : attendu postgres://utilisateur:mot-de-passe@hôte:port/base")
        }
        let base = String(c.path.drop(while: { $0 == "/" }))
        guard !base.isEmpty else {
            throw Invalide(description: "Adresse PostgreSQL invalide : le nom de la base manque")
        }
        let mode = c.queryItems?.first(where: { $0.name == "sslmode" })?.value ?? "prefer"
        guard ["disable", "prefer", "require"].contains(mode) else {
            throw Invalide(description: "Adresse PostgreSQL invalide : sslmode doit valoir disable, prefer ou require")
        }
        self.hote = hote
        self.port = c.port ?? 5432
        self.utilisateur = c.user.map { $0.removingPercentEncoding ?? $0 } ?? "postgres"
        self.motDePasse = c.password.map { $0.removingPercentEncoding ?? $0 }
        self.base = base
        self.tls = mode
    }

    var configuration: PostgresClient.Configuration {
        let tls: PostgresClient.Configuration.TLS
        switch self.tls {
        case "disable": tls = .disable
        case "require": tls = .require(.makeClientConfiguration())
        default: tls = .prefer(.makeClientConfiguration())
        }
        var c = PostgresClient.Configuration(
            host: hote, port: port, username: utilisateur, password: motDePasse,
            database: base, tls: tls)
        c.options.maximumConnections = 8
        return c
    }
}
