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
    @Test func theOutboxIsSentThroughSMTP() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tdb-smtp-\(UUID().uuidString)")
        let store = try SQLiteStore(path: dir.appendingPathComponent("t.sqlite").path)
        try await store.ajouterCourriel(destinataire: "lea@cfa.test", sujet: "Réinitialisation", corps: "Bonjour Léa,\n.\nFin",
                                        now: Date())
        let serveur = try ServeurSMTPDeTest()
        let envoi = try EnvoiCourriels(store: store, smtpURL: "smtp://tdb:secret@127.0.0.1:\(serveur.port)?from=tdb@test.fr")
        #expect(try await envoi.envoyerEnAttente() == 1)
        let recu = serveur.attendre()
        #expect(recu.contains("AUTH PLAIN \(Data("\0tdb\0secret".utf8).base64EncodedString())"))
        #expect(recu.contains("MAIL FROM:<tdb@test.fr>") && recu.contains("RCPT TO:<lea@cfa.test>"))
        #expect(recu.contains("Subject: =?UTF-8?B?\(Data("Réinitialisation".utf8).base64EncodedString())?="))
        #expect(recu.contains(Data("Bonjour Léa,\n.\nFin".utf8).base64EncodedString()))
        let c = try #require(try await store.courriels(limite: 1).first)
        #expect(c.envoyeLe != nil && c.erreur == nil)
        #expect(try await store.courrielsAEnvoyer(limite: 10).isEmpty)
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

/// Accepts one SMTP session on a free loopback port and records what the client said.
final class ServeurSMTPDeTest: @unchecked Sendable {
    let port: Int
    private let fd: Int32
    private let fini = DispatchSemaphore(value: 0)
    private var transcript = ""

    init(refuserDestinataire: Bool = false) throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        self.fd = fd
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        addr.sin_port = 0
        _ = withUnsafePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
        listen(fd, 1)
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &len) } }
        port = Int(UInt16(bigEndian: addr.sin_port))
        Thread { [self] in self.servir(refuserDestinataire) }.start()
    }

    func attendre() -> String {
        _ = fini.wait(timeout: .now() + 10)
        close(fd)
        return transcript
    }

    private func servir(_ refuser: Bool) {
        defer { fini.signal() }
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
                    if ligne == "." { enDonnees = false; dire("250 OK queued\r\n") }
                    continue
                }
                switch ligne.prefix(4).uppercased() {
                case "EHLO": dire("250-test\r\n250 AUTH PLAIN\r\n")
                case "AUTH": dire("235 OK\r\n")
                case "MAIL": dire("250 OK\r\n")
                case "RCPT": dire(refuser ? "550 No such user\r\n" : "250 OK\r\n")
                case "DATA": enDonnees = true; dire("354 Go\r\n")
                case "QUIT": dire("221 Bye\r\n"); return
                default: dire("500 ?\r\n")
                }
            }
        }
    }
}
