import Foundation
import Logging

/// The service's settings, loaded once: defaults ← environment (`TDB_*`) ← command-line flags.
public struct AppConfig: Sendable, Equatable {
    public var host = "127.0.0.1"
    public var port = 8080
    public var databasePath = "./data/tdb.sqlite"
    public var logLevel = Logger.Level.info

    public init() {}

    /// Reads `TDB_HOST`, `TDB_PORT`, `TDB_DATABASE`, `TDB_LOG_LEVEL`; every bad value is named in one error.
    public static func depuis(environnement env: [String: String]) throws -> AppConfig {
        var c = AppConfig()
        var erreurs: [String] = []
        if let v = env["TDB_HOST"], !v.isEmpty { c.host = v }
        if let v = env["TDB_PORT"], !v.isEmpty {
            if let p = Int(v), (0...65535).contains(p) { c.port = p } else { erreurs.append("TDB_PORT=\(v) : un port entre 0 et 65535 est attendu") }
        }
        if let v = env["TDB_DATABASE"], !v.isEmpty { c.databasePath = v }
        if let v = env["TDB_LOG_LEVEL"], !v.isEmpty {
            if let l = Logger.Level(rawValue: v.lowercased()) { c.logLevel = l } else {
                erreurs.append("TDB_LOG_LEVEL=\(v) : trace, debug, info, notice, warning, error ou critical attendu")
            }
        }
        if !erreurs.isEmpty { throw ErreurConfiguration(erreurs: erreurs) }
        return c
    }
}

public struct ErreurConfiguration: Error, CustomStringConvertible {
    public let erreurs: [String]
    public var description: String { "Configuration invalide :\n" + erreurs.map { "  - " + $0 }.joined(separator: "\n") }
}
