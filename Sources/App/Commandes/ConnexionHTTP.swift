import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// One keep-alive HTTP/1.1 connection to the local server, for `tdb bench`, like an ERP that sends its batches one
/// after the other. A blocking socket on a thread of its own: URLSession on Linux spent longer receiving a batch's
/// 2.5 MB response than the server spent producing it, and that was counted as the server's time.
public final class ConnexionHTTP: @unchecked Sendable {
    struct Reponse {
        let statut: Int
        let entetes: [(String, String)]
        let corps: [UInt8]

        func entete(_ nom: String) -> String? { entetes.first { $0.0.lowercased() == nom.lowercased() }?.1 }
    }

    struct Erreur: Error, CustomStringConvertible {
        let description: String
    }

    private let fd: Int32
    private var tampon: [UInt8] = []

    init(port: Int) throws {
        fd = try Self.ouvrir(port: port)
        var un: Int32 = 1
        setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &un, socklen_t(MemoryLayout<Int32>.size))
    }

    /// A TCP socket connected to `port` on 127.0.0.1 (also the tests' raw exchanges).
    public static func ouvrir(port: Int) throws -> Int32 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw Erreur(description: "socket impossible") }
        var adresse = sockaddr_in()
        adresse.sin_family = sa_family_t(AF_INET)
        adresse.sin_port = in_port_t(UInt16(port).bigEndian)
        adresse.sin_addr.s_addr = inet_addr("127.0.0.1")
        let rc = withUnsafePointer(to: &adresse) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard rc == 0 else {
            close(fd)
            throw Erreur(description: "connexion à 127.0.0.1:\(port) impossible")
        }
        return fd
    }

    deinit { close(fd) }

    /// Sends one request and reads its whole response (`Content-Length` or chunked body).
    func envoyer(_ methode: String, _ chemin: String, entetes: [(String, String)] = [], corps: [UInt8] = []) throws
        -> Reponse
    {
        var requete = "\(methode) \(chemin) HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: \(corps.count)\r\n"
        for (nom, valeur) in entetes { requete += "\(nom): \(valeur)\r\n" }
        requete += "\r\n"
        try ecrire(Array(requete.utf8) + corps)

        let finEntetes = try lireJusqua(Array("\r\n\r\n".utf8))
        let lignes = String(decoding: tampon[..<finEntetes], as: UTF8.self).components(separatedBy: "\r\n")
        tampon.removeFirst(finEntetes + 4)
        let premiere = lignes[0].split(separator: " ")
        guard premiere.count >= 2, let statut = Int(premiere[1]) else {
            throw Erreur(description: "réponse HTTP illisible")
        }
        let champs: [(String, String)] = lignes.dropFirst().compactMap { l in
            guard let deuxPoints = l.firstIndex(of: ":") else { return nil }
            return (String(l[..<deuxPoints]), l[l.index(after: deuxPoints)...].trimmingCharacters(in: .whitespaces))
        }
        let r = Reponse(statut: statut, entetes: champs, corps: [])
        if let longueur = r.entete("content-length").flatMap(Int.init) {
            return Reponse(statut: statut, entetes: champs, corps: try lire(longueur))
        }
        guard r.entete("transfer-encoding")?.lowercased() == "chunked" else { return r }
        var corpsLu: [UInt8] = []
        while true {
            let fin = try lireJusqua(Array("\r\n".utf8))
            let taille = Int(String(decoding: tampon[..<fin], as: UTF8.self).split(separator: ";")[0], radix: 16) ?? 0
            tampon.removeFirst(fin + 2)
            corpsLu += try lire(taille)
            _ = try lire(2)
            if taille == 0 { return Reponse(statut: statut, entetes: champs, corps: corpsLu) }
        }
    }

    private func ecrire(_ octets: [UInt8]) throws {
        var envoye = 0
        try octets.withUnsafeBytes { b in
            while envoye < b.count {
                let n = send(fd, b.baseAddress! + envoye, b.count - envoye, Int32(MSG_NOSIGNAL))
                guard n > 0 else { throw Erreur(description: "envoi interrompu") }
                envoye += n
            }
        }
    }

    private func remplir() throws {
        var morceau = [UInt8](repeating: 0, count: 256 * 1024)
        let n = morceau.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
        guard n > 0 else { throw Erreur(description: "connexion fermée par le serveur") }
        tampon.append(contentsOf: morceau[..<n])
    }

    private func lireJusqua(_ motif: [UInt8]) throws -> Int {
        var depuis = 0
        while true {
            if tampon.count >= motif.count {
                for i in depuis...(tampon.count - motif.count) where tampon[i..<(i + motif.count)].elementsEqual(motif)
                { return i }
                depuis = tampon.count - motif.count + 1
            }
            try remplir()
        }
    }

    private func lire(_ n: Int) throws -> [UInt8] {
        while tampon.count < n { try remplir() }
        let octets = Array(tampon[..<n])
        tampon.removeFirst(n)
        return octets
    }

    /// Runs `travail` on a thread of its own (its socket calls block) and returns its result.
    static func surUnFil<T: Sendable>(_ travail: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { suite in
            Thread { suite.resume(with: Result { try travail() }) }.start()
        }
    }
}
