import App
import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The real `tdb` binary, as a new user runs it: import the référentiel, create a key, serve, send a batch.
@Suite(.serialized)
struct BinaireTests {
    static var binaire: URL { ProcessusTdb.binaire }

    func tdb(_ arguments: [String], attendu: Int32 = 0) throws -> String {
        try ProcessusTdb.executer(arguments, attendu: attendu)
    }

    func requete(_ url: String, methode: String = "GET", cle: String? = nil, corps: Data? = nil) async throws -> (
        Int, Data
    ) {
        try await ProcessusTdb.requete(url, methode: methode, cle: cle, corps: corps)
    }

    @Test func serveOverHTTP() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tdb-bin-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let base = dir.appendingPathComponent("tdb.sqlite").path
        let csv = dir.appendingPathComponent("organismes.csv")
        try (OrganismesDeTest.csv + "\nBAD,1,,,,,,,,\n").write(to: csv, atomically: true, encoding: .utf8)

        let import1 = try tdb(["import", "organismes", "--database", base, csv.path], attendu: 1)
        #expect(import1.contains("3 créés"))
        let cle = try #require(
            try tdb(["api-key", "create", "--database", base, "--uai", "0802004U", "--siret", "77937827200016"])
                .split(separator: "\n").last.map(String.init))

        let serveur = Process()
        serveur.executableURL = Self.binaire
        serveur.arguments = ["serve", "--database", base, "--host", "127.0.0.1", "--port", "0"]
        let sortie = Pipe()
        serveur.standardOutput = sortie
        serveur.standardError = FileHandle.nullDevice
        try serveur.run()
        defer {
            serveur.terminate()
            serveur.waitUntilExit()
        }
        let url = try #require(try Self.adresse(sortie))

        let (sante, _) = try await requete("\(url)/api/healthcheck")
        #expect(sante == 200)
        let lot = Data("[\(dossierValideExemple),\(dossierInvalideExemple1)]".utf8)
        let (status, data) = try await requete(
            "\(url)/api/v3/dossiers-apprenants", methode: "POST", cle: cle, corps: lot)
        #expect(status == 200)
        let reponse = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(reponse["detail"] as? String == "Some data are invalid")
        #expect((reponse["resume"] as? [String: Int]) == ["recus": 2, "acceptes": 1, "rejetes": 1])

        let (_, effectifs) = try await requete("\(url)/api/v3/effectifs?date=2024-10-15", cle: cle)
        let liste = try #require(try JSONSerialization.jsonObject(with: effectifs) as? [String: Any])
        let ligne = try #require((liste["data"] as? [[String: Any]])?.first)
        #expect(ligne["id_erp_apprenant"] as? String == "YP-000123")
        #expect(ligne["statut"] as? String == "APPRENTI")

        let (refus, _) = try await requete(
            "\(url)/api/v3/dossiers-apprenants", methode: "POST", cle: "inconnue", corps: lot)
        #expect(refus == 403)

        // A client that asks before sending a large body is told to go on at once.
        let port = try #require(url.split(separator: ":").last.flatMap { Int($0) })
        let tete =
            "POST /api/v3/dossiers-apprenants HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer \(cle)\r\n"
            + "Content-Type: application/json\r\nContent-Length: \(lot.count)\r\nExpect: 100-continue\r\n\r\n"
        #expect(try PriseTCP.premiereReponse(port: port, envoi: Data(tete.utf8)).hasPrefix("HTTP/1.1 100 Continue"))
    }

    /// Reads the server's first line, `tdb écoute sur http://…`, within 20 seconds.
    static func adresse(_ pipe: Pipe) throws -> String? {
        let handle = pipe.fileHandleForReading
        var buffer = ""
        let limite = Date().addingTimeInterval(20)
        while Date() < limite {
            let chunk = handle.availableData
            if chunk.isEmpty { break }
            buffer += String(decoding: chunk, as: UTF8.self)
            if let range = buffer.range(of: #"http://[0-9.:]+"#, options: .regularExpression) {
                return String(buffer[range])
            }
        }
        return nil
    }
}

/// A bare TCP exchange on loopback: send bytes, read what comes back first (within 5 seconds).
enum PriseTCP {
    static func premiereReponse(port: Int, envoi: Data) throws -> String {
        let fd = try ConnexionHTTP.ouvrir(port: port)
        defer { close(fd) }
        var timeout = timeval(tv_sec: 5, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        _ = envoi.withUnsafeBytes { send(fd, $0.baseAddress, envoi.count, 0) }
        var buffer = [UInt8](repeating: 0, count: 1024)
        let n = recv(fd, &buffer, buffer.count, 0)
        return n > 0 ? String(decoding: buffer[0..<n], as: UTF8.self) : ""
    }
}
