import App
import Domain
import Foundation
import SQLiteStore
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The outbox goes out through a real SMTP conversation (a small SMTP server on loopback plays the relay).
@Suite(.serialized)
struct EnvoiCourrielsTests {
    @Test func theOutboxIsSentThroughSMTPAndKeepsNoLink() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tdb-smtp-\(UUID().uuidString)")
        let store = try SQLiteStore(path: dir.appendingPathComponent("t.sqlite").path)
        let corps = "Bonjour Léa,\n.\nVotre lien : http://tdb.test/reinitialisation?jeton=0a1b2c3d4e\nFin"
        try await store.ajouterCourriel(
            destinataire: "lea@cfa.test", sujet: "Réinitialisation", corps: corps, now: Date())
        let serveur = try ServeurSMTPDeTest()
        // No credentials, no STARTTLS offered: a relay on the same machine, in clear.
        let envoi = try EnvoiCourriels(store: store, smtpURL: "smtp://127.0.0.1:\(serveur.port)?from=tdb@test.fr")
        #expect(try await envoi.envoyerEnAttente() == 1)
        let recu = serveur.attendre()
        #expect(!recu.contains("AUTH"))
        #expect(recu.contains("MAIL FROM:<tdb@test.fr>") && recu.contains("RCPT TO:<lea@cfa.test>"))
        #expect(recu.contains("Subject: =?UTF-8?B?\(Data("Réinitialisation".utf8).base64EncodedString())?="))
        #expect(recu.replacingOccurrences(of: "\n", with: "").contains(Data(corps.utf8).base64EncodedString()))  // the mail carried the link
        let c = try #require(try await store.courriels(limite: 1).first)
        #expect(c.envoyeLe != nil && c.erreur == nil)
        #expect(c.corps == "Bonjour Léa,\n.\nVotre lien : [lien retiré après envoi]\nFin")  // the outbox no longer does
        #expect(try await store.courrielsAEnvoyer(limite: 10).isEmpty)
    }

    @Test func credentialsAreNeverSentOverAPlainConnection() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tdb-smtp-\(UUID().uuidString)")
        let store = try SQLiteStore(path: dir.appendingPathComponent("t.sqlite").path)
        try await store.ajouterCourriel(destinataire: "lea@cfa.test", sujet: "s", corps: "c", now: Date())
        let serveur = try ServeurSMTPDeTest()  // offers AUTH PLAIN, not STARTTLS
        let envoi = try EnvoiCourriels(store: store, smtpURL: "smtp://tdb:secret@127.0.0.1:\(serveur.port)")
        #expect(try await envoi.envoyerEnAttente() == 0)
        let recu = serveur.attendre()
        #expect(!recu.contains("AUTH") && !recu.contains(Data("\0tdb\0secret".utf8).base64EncodedString()))
        #expect(!recu.contains("MAIL FROM"))
        let c = try #require(try await store.courriels(limite: 1).first)
        #expect(c.envoyeLe == nil)
        #expect(c.erreur?.contains("ne propose pas STARTTLS") == true)
        #expect(c.erreur?.contains("jamais envoyés sur une connexion non chiffrée") == true)
    }

    @Test func smtpAddressesAreChecked() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tdb-smtp-\(UUID().uuidString)")
        let store = try SQLiteStore(path: dir.appendingPathComponent("t.sqlite").path)
        #expect(throws: (any Error).self) { _ = try EnvoiCourriels(store: store, smtpURL: "http://relais") }
        #expect(throws: (any Error).self) {
            _ = try EnvoiCourriels(store: store, smtpURL: "smtp://relais", fichierCA: "/nulle/part.pem")
        }
        _ = try EnvoiCourriels(store: store, smtpURL: "smtps://tdb:secret@relais.example")
        let env = ["TDB_SMTP_URL": "smtps://u:p@relais.example", "TDB_SMTP_CA": "/nulle/part.pem"]
        let e = try #require(throws: ErreurConfiguration.self) { _ = try AppConfig.depuis(environnement: env) }
        #expect(e.description.contains("TDB_SMTP_CA=/nulle/part.pem") && !e.description.contains("u:p@"))
    }

    /// A real SMTP server with TLS (aiosmtpd, scripts/serveur-smtp-tls.py): STARTTLS then AUTH, TLS from the first
    /// byte (smtps://), and a certificate from an authority we were not told to trust.
    @Test(.enabled(if: ServeurSMTPTLS.disponible, "python3 avec aiosmtpd et trustme (pip install aiosmtpd trustme)"))
    func tlsWithARealServer() async throws {
        let serveur = try ServeurSMTPTLS()
        defer { serveur.arreter() }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tdb-smtp-\(UUID().uuidString)")
        let store = try SQLiteStore(path: dir.appendingPathComponent("t.sqlite").path)

        try await store.ajouterCourriel(
            destinataire: "lea@cfa.test", sujet: "STARTTLS", corps: "par STARTTLS", now: Date())
        let starttls = try EnvoiCourriels(
            store: store, smtpURL: "smtp://tdb:secret@localhost:\(serveur.starttls)?from=tdb@test.fr",
            fichierCA: serveur.ca)
        #expect(try await starttls.envoyerEnAttente() == 1)

        try await store.ajouterCourriel(destinataire: "paul@cfa.test", sujet: "SMTPS", corps: "par smtps", now: Date())
        let smtps = try EnvoiCourriels(
            store: store, smtpURL: "smtps://tdb:secret@127.0.0.1:\(serveur.smtps)", fichierCA: serveur.ca)
        #expect(try await smtps.envoyerEnAttente() == 1)

        let recus = serveur.recus()
        #expect(recus.count == 2)
        let premier = try #require(recus.first)
        let second = try #require(recus.last)
        #expect(premier["serveur"] as? String == "starttls" && premier["tls"] as? Bool == true)
        #expect(premier["authentifie"] as? Bool == true && (premier["a"] as? [String]) == ["lea@cfa.test"])
        #expect((premier["contenu"] as? String)?.contains(Data("par STARTTLS".utf8).base64EncodedString()) == true)
        #expect(second["serveur"] as? String == "smtps" && second["authentifie"] as? Bool == true)

        // Without the test authority, the certificate is refused and nothing is sent.
        try await store.ajouterCourriel(destinataire: "x@cfa.test", sujet: "refusé", corps: "non", now: Date())
        let nonVerifie = try EnvoiCourriels(store: store, smtpURL: "smtp://tdb:secret@localhost:\(serveur.starttls)")
        #expect(try await nonVerifie.envoyerEnAttente() == 0)
        let refuse = try #require(try await store.courriels(limite: 1).first)
        #expect(
            refuse.envoyeLe == nil && refuse.erreur?.lowercased().contains("certificate") == true,
            "\(refuse.erreur ?? "")")
        #expect(serveur.recus().count == 2)
    }

    @Test func aRefusedMailStaysInTheOutboxWithItsError() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tdb-smtp-\(UUID().uuidString)")
        let store = try SQLiteStore(path: dir.appendingPathComponent("t.sqlite").path)
        try await store.ajouterCourriel(destinataire: "x@cfa.test", sujet: "s", corps: "c", now: Date())
        let serveur = try ServeurSMTPDeTest(refuserDestinataire: true)
        let envoi = try EnvoiCourriels(store: store, smtpURL: "smtp://127.0.0.1:\(serveur.port)")
        #expect(try await envoi.envoyerEnAttente() == 0)
        _ = serveur.attendre()
        let c = try #require(try await store.courriels(limite: 1).first)
        #expect(c.envoyeLe == nil && c.erreur?.contains("550") == true)
    }
}

/// Accepts `sessions` SMTP sessions, one after the other, on a free loopback port and records what the client said.
final class ServeurSMTPDeTest: @unchecked Sendable {
    let port: Int
    private let fd: Int32
    private let fini = DispatchSemaphore(value: 0)
    private var transcript = ""

    init(refuserDestinataire: Bool = false, sessions: Int = 1) throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        self.fd = fd
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        addr.sin_port = 0
        _ = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        listen(fd, Int32(max(1, sessions)))
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &len) }
        }
        port = Int(UInt16(bigEndian: addr.sin_port))
        Thread { [self] in
            for _ in 0..<max(1, sessions) { self.servir(refuserDestinataire) }
            fini.signal()
        }.start()
    }

    func attendre() -> String {
        _ = fini.wait(timeout: .now() + 10)
        close(fd)
        return transcript
    }

    private func servir(_ refuser: Bool) {
        let c = accept(fd, nil, nil)
        guard c >= 0 else { return }
        defer { close(c) }
        func dire(_ s: String) { _ = s.withCString { send(c, $0, strlen($0), 0) } }
        var tampon = ""
        var enDonnees = false
        dire("220 test ESMTP\r\n")
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = recv(c, &buffer, buffer.count, 0)
            if n <= 0 { return }
            tampon += String(decoding: buffer[0..<n], as: UTF8.self)
            while let r = tampon.range(of: "\r\n") {
                let ligne = String(tampon[..<r.lowerBound])
                tampon.removeSubrange(..<r.upperBound)
                transcript += ligne + "\n"
                if enDonnees {
                    if ligne == "." {
                        enDonnees = false
                        dire("250 OK queued\r\n")
                    }
                    continue
                }
                switch ligne.prefix(4).uppercased() {
                case "EHLO": dire("250-test\r\n250 AUTH PLAIN\r\n")
                case "AUTH": dire("235 OK\r\n")
                case "MAIL": dire("250 OK\r\n")
                case "RCPT": dire(refuser ? "550 No such user\r\n" : "250 OK\r\n")
                case "DATA":
                    enDonnees = true
                    dire("354 Go\r\n")
                case "QUIT":
                    dire("221 Bye\r\n")
                    return
                default: dire("500 ?\r\n")
                }
            }
        }
    }
}

/// scripts/serveur-smtp-tls.py, run for one test.
final class ServeurSMTPTLS: @unchecked Sendable {
    let starttls: Int
    let smtps: Int
    let ca: String
    let dossier: URL
    private let processus = Process()
    private let entree = Pipe()

    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("scripts/serveur-smtp-tls.py")

    static let disponible: Bool = {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", "-c", "import aiosmtpd, trustme"]
        p.standardError = FileHandle.nullDevice
        guard (try? p.run()) != nil else { return false }
        p.waitUntilExit()
        return p.terminationStatus == 0
    }()

    init() throws {
        dossier = FileManager.default.temporaryDirectory.appendingPathComponent("tdb-smtp-tls-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dossier, withIntermediateDirectories: true)
        let sortie = Pipe()
        processus.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        processus.arguments = ["python3", Self.script.path, dossier.path]
        processus.standardInput = entree
        processus.standardOutput = sortie
        processus.standardError = FileHandle.nullDevice  // the server logs the handshakes it refuses
        try processus.run()
        var ligne = Data()
        while !ligne.contains(0x0A) {
            let d = sortie.fileHandleForReading.availableData
            if d.isEmpty { break }
            ligne += d
        }
        guard let o = try? JSONSerialization.jsonObject(with: ligne) as? [String: Any], let a = o["starttls"] as? Int,
            let b = o["smtps"] as? Int, let ca = o["ca"] as? String
        else {
            throw ErreurServeurDeTest(
                message: "le serveur SMTP de test n'a pas démarré : \(String(decoding: ligne, as: UTF8.self))")
        }
        starttls = a
        smtps = b
        self.ca = ca
    }

    /// The messages received so far.
    func recus() -> [[String: Any]] {
        guard let texte = try? String(contentsOf: dossier.appendingPathComponent("recus.jsonl"), encoding: .utf8) else {
            return []
        }
        return texte.split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
    }

    func arreter() {
        try? entree.fileHandleForWriting.close()
        processus.waitUntilExit()
        try? FileManager.default.removeItem(at: dossier)
    }
}

struct ErreurServeurDeTest: Error {
    let message: String
}
