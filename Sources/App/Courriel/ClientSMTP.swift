import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A minimal SMTP client (RFC 5321) over plain TCP, with AUTH PLAIN when the URL has credentials:
/// `smtp://[utilisateur:motdepasse@]hôte[:port][?from=adresse]`. Blocking: run it off the event loops.
struct ClientSMTP: Sendable {
    let hote: String
    let port: UInt16
    let utilisateur: String?
    let motDePasse: String?
    let expediteur: String

    struct Erreur: Error, CustomStringConvertible {
        let description: String
    }

    init(url: String) throws {
        guard let c = URLComponents(string: url), c.scheme == "smtp", let hote = c.host, !hote.isEmpty else {
            throw Erreur(description: "TDB_SMTP_URL invalide : smtp://[utilisateur:motdepasse@]hôte[:port] attendu")
        }
        self.hote = hote
        port = UInt16(c.port ?? 25)
        utilisateur = c.user?.removingPercentEncoding
        motDePasse = c.password?.removingPercentEncoding
        expediteur = c.queryItems?.first { $0.name == "from" }?.value ?? "ne-pas-repondre@tableau-de-bord-apprentissage.fr"
    }

    func envoyer(a destinataire: String, sujet: String, corps: String) throws {
        let connexion = try Connexion(hote: hote, port: port)
        defer { connexion.fermer() }
        try connexion.attendre(220)
        try connexion.commande("EHLO tdb", 250)
        if let utilisateur, let motDePasse {
            let plain = Data("\0\(utilisateur)\0\(motDePasse)".utf8).base64EncodedString()
            try connexion.commande("AUTH PLAIN \(plain)", 235)
        }
        try connexion.commande("MAIL FROM:<\(expediteur)>", 250)
        try connexion.commande("RCPT TO:<\(destinataire)>", 250)
        try connexion.commande("DATA", 354)
        try connexion.ecrire(Self.message(de: expediteur, a: destinataire, sujet: sujet, corps: corps) + "\r\n.\r\n")
        try connexion.attendre(250)
        try? connexion.commande("QUIT", 221)
    }

    /// Headers (subject in RFC 2047 UTF-8) and a base64 body: safe through any relay.
    static func message(de: String, a: String, sujet: String, corps: String) -> String {
        let sujetEncode = "=?UTF-8?B?\(Data(sujet.utf8).base64EncodedString())?="
        let base64 = Data(corps.utf8).base64EncodedString(options: [.lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed])
        let date = DateFormatter()
        date.locale = Locale(identifier: "en_US_POSIX")
        date.timeZone = TimeZone(identifier: "UTC")
        date.dateFormat = "EEE, dd MMM yyyy HH:mm:ss '+0000'"
        return [
            "From: Tableau de bord de l'apprentissage <\(de)>", "To: <\(a)>", "Subject: \(sujetEncode)",
            "Date: \(date.string(from: Date()))", "MIME-Version: 1.0", "Content-Type: text/plain; charset=utf-8",
            "Content-Transfer-Encoding: base64", "", base64,
        ].joined(separator: "\r\n")
    }

    /// One TCP connection, line by line.
    final class Connexion {
        let fd: Int32
        var tampon: [UInt8] = []

        init(hote: String, port: UInt16) throws {
            var hints = addrinfo()
            hints.ai_family = AF_UNSPEC
            hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
            var res: UnsafeMutablePointer<addrinfo>?
            guard getaddrinfo(hote, String(port), &hints, &res) == 0, let info = res else {
                throw Erreur(description: "serveur SMTP introuvable : \(hote)")
            }
            defer { freeaddrinfo(res) }
            fd = socket(info.pointee.ai_family, info.pointee.ai_socktype, info.pointee.ai_protocol)
            guard fd >= 0 else { throw Erreur(description: "socket impossible") }
            var timeout = timeval(tv_sec: 10, tv_usec: 0)
            setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
            setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
            guard connect(fd, info.pointee.ai_addr, info.pointee.ai_addrlen) == 0 else {
                close(fd)
                throw Erreur(description: "connexion au serveur SMTP \(hote):\(port) impossible")
            }
        }

        func fermer() { close(fd) }

        func ecrire(_ texte: String) throws {
            let octets = Array(texte.utf8)
            var envoyes = 0
            while envoyes < octets.count {
                let n = octets[envoyes...].withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
                guard n > 0 else { throw Erreur(description: "envoi interrompu") }
                envoyes += n
            }
        }

        func ligne() throws -> String {
            while true {
                if let i = tampon.firstIndex(of: 0x0A) {
                    let l = String(decoding: tampon[..<i], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
                    tampon.removeSubrange(...i)
                    return l
                }
                var buffer = [UInt8](repeating: 0, count: 1024)
                let n = recv(fd, &buffer, buffer.count, 0)
                guard n > 0 else { throw Erreur(description: "le serveur SMTP a fermé la connexion") }
                tampon += buffer[0..<n]
            }
        }

        /// Reads a (possibly multi-line) reply and checks its code.
        func attendre(_ code: Int) throws {
            var l = try ligne()
            while l.count > 3, l[l.index(l.startIndex, offsetBy: 3)] == "-" { l = try ligne() }
            guard Int(l.prefix(3)) == code else { throw Erreur(description: "réponse SMTP inattendue : \(l)") }
        }

        func commande(_ c: String, _ code: Int) throws {
            try ecrire(c + "\r\n")
            try attendre(code)
        }
    }
}
