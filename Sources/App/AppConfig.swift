import Domain
import Foundation
import Logging
import PostgresStore
import Web

/// The service's settings, loaded once: defaults ← environment (`TDB_*`) ← command-line flags.
public struct AppConfig: Sendable, Equatable {
    public var host = "127.0.0.1"
    public var port = 8080
    public var databasePath = "./data/tdb.sqlite"
    /// `postgres://user:password@host:port/database`: selects PostgreSQL instead of the SQLite file.
    public var databaseURL: String?
    /// How often an instance looks for changes written by others (index follower), in milliseconds.
    public var suiviMillisecondes = 250
    public var logLevel = Logger.Level.info
    /// The address of the service in e-mail links.
    public var urlPublique = "http://127.0.0.1:8080"
    /// bcrypt cost (12 in production; tests lower it).
    public var coutBcrypt: UInt8 = 12
    public var cookiesSecurises = true
    /// `smtp://[user:password@]host[:port]` (STARTTLS when offered, required with credentials) or `smtps://…`
    /// (TLS from the start); without it mails stay in the outbox (/admin/emails, `tdb emails`).
    public var smtpURL: String?
    /// The bearer token of `GET /metrics` (`TDB_METRICS_TOKEN`, 32 characters at least); without it, no metrics page.
    public var jetonMetriques: String?
    /// Seconds a connection may take to send a request's line and headers (`TDB_DELAI_ENTETES`, 1 to 300).
    public var delaiEntetes = 15
    /// A PEM file of the certificate authorities the SMTP server's certificate is checked against, instead of the
    /// system's.
    public var smtpCA: String?
    /// Proxies whose `X-Forwarded-For` names the client (`TDB_PROXIES_DE_CONFIANCE`, IP addresses separated by commas).
    public var proxiesDeConfiance: [String] = []
    /// Requests per minute allowed to each API key on each API v3 route (`TDB_LIMITE_API_V3`).
    public var limiteApiV3ParMinute = ReglesLimites.limiteApiV3ParDefaut
    /// The service's contact address shown on its pages (`TDB_CONTACT`).
    public var contact = Contact.parDefaut
    /// The rules of the missions locales' cases (`TDB_SUIVI_DEPUIS`, default 2025-01-01).
    public var reglesSuivi = ReglesSuivi()
    /// The scheduled jobs and the daily warm-up of the missions locales' lists run in the service (`tdb bench` turns
    /// them off to measure pages in the steady state between two jobs).
    public var tachesDeFond = true

    public init() {}

    /// Reads `TDB_HOST`, `TDB_PORT`, `TDB_DATABASE`, `DATABASE_URL`, `TDB_SUIVI_MS`, `TDB_LOG_LEVEL`, `TDB_URL_PUBLIQUE`, `TDB_COUT_BCRYPT`,
    /// `TDB_COOKIES_NON_SECURISES`, `TDB_SMTP_URL`, `TDB_SMTP_CA`; every bad value is named in one error.
    public static func depuis(environnement env: [String: String]) throws -> AppConfig {
        var c = AppConfig()
        var erreurs: [String] = []
        if let v = env["TDB_HOST"], !v.isEmpty { c.host = v }
        if let v = env["TDB_PORT"], !v.isEmpty {
            if let p = Int(v), (0...65535).contains(p) {
                c.port = p
            } else {
                erreurs.append("TDB_PORT=\(v) : un port entre 0 et 65535 est attendu")
            }
        }
        if let v = env["TDB_DATABASE"], !v.isEmpty { c.databasePath = v }
        if let v = env["DATABASE_URL"], !v.isEmpty {
            do {
                _ = try AdressePostgres(v)
                c.databaseURL = v
            } catch { erreurs.append("DATABASE_URL : \(error)") }
        }
        if let v = env["TDB_SUIVI_MS"], !v.isEmpty {
            if let n = Int(v), (10...60_000).contains(n) {
                c.suiviMillisecondes = n
            } else {
                erreurs.append("TDB_SUIVI_MS=\(v) : un entier de 10 à 60000 (millisecondes) est attendu")
            }
        }
        if let v = env["TDB_LOG_LEVEL"], !v.isEmpty {
            if let l = Logger.Level(rawValue: v.lowercased()) {
                c.logLevel = l
            } else {
                erreurs.append("TDB_LOG_LEVEL=\(v) : trace, debug, info, notice, warning, error ou critical attendu")
            }
        }
        if let v = env["TDB_URL_PUBLIQUE"], !v.isEmpty {
            if v.hasPrefix("http://") || v.hasPrefix("https://") {
                c.urlPublique = String(v.reversed().drop { $0 == "/" }.reversed())
            } else {
                erreurs.append("TDB_URL_PUBLIQUE=\(v) : une adresse http:// ou https:// est attendue")
            }
        }
        if let v = env["TDB_COUT_BCRYPT"], !v.isEmpty {
            if let n = UInt8(v), (4...31).contains(n) {
                c.coutBcrypt = n
            } else {
                erreurs.append("TDB_COUT_BCRYPT=\(v) : un entier de 4 à 31 est attendu")
            }
        }
        if let v = env["TDB_COOKIES_NON_SECURISES"], !v.isEmpty { c.cookiesSecurises = !(v == "1" || v == "true") }
        if let v = env["TDB_SMTP_URL"], !v.isEmpty {
            if v.hasPrefix("smtp://") || v.hasPrefix("smtps://") {
                c.smtpURL = v
            } else {
                erreurs.append("TDB_SMTP_URL : une adresse smtp://hôte:port ou smtps://hôte:port est attendue")
            }
        }
        if let v = env["TDB_SMTP_CA"], !v.isEmpty {
            if FileManager.default.isReadableFile(atPath: v) {
                c.smtpCA = v
            } else {
                erreurs.append("TDB_SMTP_CA=\(v) : fichier de certificats (PEM) introuvable ou illisible")
            }
        }
        if let v = env["TDB_DELAI_ENTETES"], !v.isEmpty {
            if let n = Int(v), (1...300).contains(n) {
                c.delaiEntetes = n
            } else {
                erreurs.append("TDB_DELAI_ENTETES=\(v) : un entier de 1 à 300 (secondes) est attendu")
            }
        }
        if let v = env["TDB_METRICS_TOKEN"], !v.isEmpty {
            if v.count >= 32, v.allSatisfy({ $0.isASCII && !$0.isWhitespace }) {
                c.jetonMetriques = v
            } else {
                erreurs.append("TDB_METRICS_TOKEN : 32 caractères ASCII au moins, sans espace, sont attendus")
            }
        }
        lireLimites(env, &c, &erreurs)
        lireContact(env, &c, &erreurs)
        lireSuivi(env, &c, &erreurs)
        if !erreurs.isEmpty { throw ErreurConfiguration(erreurs: erreurs) }
        return c
    }
}

public struct ErreurConfiguration: Error, CustomStringConvertible {
    public let erreurs: [String]
    public var description: String {
        "Configuration invalide :\n" + erreurs.map { "  - " + $0 }.joined(separator: "\n")
    }
}
