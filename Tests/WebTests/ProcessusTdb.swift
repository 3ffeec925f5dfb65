import Foundation
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The real `tdb` binary run as a process, and plain HTTP calls to it.
enum ProcessusTdb {
    /// `.build/debug/tdb`, next to the test bundle.
    static var binaire: URL {
        if let path = ProcessInfo.processInfo.environment["TDB_BINARY"] { return URL(fileURLWithPath: path) }
        let bundle = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var dir = bundle.deletingLastPathComponent()
        while !FileManager.default.isExecutableFile(atPath: dir.appendingPathComponent("tdb").path), dir.path != "/" {
            dir = dir.deletingLastPathComponent()
        }
        return dir.appendingPathComponent("tdb")
    }

    /// Runs a command to its end and returns its standard output.
    static func executer(_ arguments: [String], environnement: [String: String] = [:], attendu: Int32 = 0) throws
        -> String
    {
        let p = Process()
        p.executableURL = binaire
        p.arguments = arguments
        p.environment = ProcessInfo.processInfo.environment.merging(environnement) { _, b in b }
        let out = Pipe()
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        #expect(p.terminationStatus == attendu, "tdb \(arguments.joined(separator: " "))")
        return String(decoding: data, as: UTF8.self)
    }

    /// Starts `tdb serve` on a free port of 127.0.0.1; returns the process and its address.
    static func servir(_ arguments: [String], environnement: [String: String] = [:]) throws -> (Process, String) {
        let serveur = Process()
        serveur.executableURL = binaire
        serveur.arguments = ["serve", "--host", "127.0.0.1", "--port", "0"] + arguments
        serveur.environment = ProcessInfo.processInfo.environment.merging(environnement) { _, b in b }
        let sortie = Pipe()
        serveur.standardOutput = sortie
        serveur.standardError = FileHandle.nullDevice
        try serveur.run()
        guard let url = try BinaireTests.adresse(sortie) else {
            serveur.terminate()
            throw POSIXError(.ETIMEDOUT)
        }
        return (serveur, url)
    }

    /// No cookie jar: a test passes cookies itself, to the instance it chooses.
    static let session: URLSession = {
        let c = URLSessionConfiguration.ephemeral
        c.httpCookieAcceptPolicy = .never
        c.httpShouldSetCookies = false
        return URLSession(configuration: c)
    }()

    static func requete(
        _ url: String, methode: String = "GET", cle: String? = nil, corps: Data? = nil,
        entetes: [String: String] = [:]
    ) async throws -> (Int, Data) {
        let (statut, data, _) = try await echange(url, methode: methode, cle: cle, corps: corps, entetes: entetes)
        return (statut, data)
    }

    static func echange(
        _ url: String, methode: String = "GET", cle: String? = nil, corps: Data? = nil,
        entetes: [String: String] = [:]
    ) async throws -> (Int, Data, HTTPURLResponse?) {
        var r = URLRequest(url: URL(string: url)!)
        r.httpMethod = methode
        if let cle { r.setValue("Bearer \(cle)", forHTTPHeaderField: "Authorization") }
        if let corps {
            r.httpBody = corps
            r.setValue("application/json", forHTTPHeaderField: "Content-Type")
        }
        for (k, v) in entetes { r.setValue(v, forHTTPHeaderField: k) }
        let (data, response) = try await session.data(for: r)
        let http = response as? HTTPURLResponse
        return (http?.statusCode ?? 0, data, http)
    }

    static func json(_ data: Data) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] ?? [:]
    }
}
