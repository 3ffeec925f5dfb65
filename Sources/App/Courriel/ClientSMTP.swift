import Foundation
import NIOCore
import NIOPosix
import NIOSSL

/// A minimal SMTP client (RFC 5321) that encrypts whenever it can and never sends credentials in clear:
/// - `smtp://[utilisateur:motdepasse@]hôte[:port][?from=adresse]`: STARTTLS (RFC 3207) when the server offers it;
///   without it the mail goes in clear only when there are no credentials (a relay on the same machine);
/// - `smtps://…` (or port 465): TLS from the first byte.
/// The server's certificate is always verified: against the system's authorities, or those of a PEM file
/// (`TDB_SMTP_CA`, for an internal authority).
struct ClientSMTP: Sendable {
    let hote: String
    let port: Int
    let utilisateur: String?
    let motDePasse: String?
    let expediteur: String
    let tlsImplicite: Bool
    let contexteTLS: NIOSSLContext
    var delai: TimeAmount = .seconds(30)

    struct Erreur: Error, CustomStringConvertible {
        let description: String
    }

    init(url: String, fichierCA: String? = nil) throws {
        guard let c = URLComponents(string: url), c.scheme == "smtp" || c.scheme == "smtps", let hote = c.host,
            !hote.isEmpty
        else {
            throw Erreur(
                description: "TDB_SMTP_URL invalide : smtp://[utilisateur:motdepasse@]hôte[:port] ou smtps://… attendu")
        }
        let port = c.port ?? (c.scheme == "smtps" ? 465 : 25)
        guard (1...65_535).contains(port) else {
            throw Erreur(description: "TDB_SMTP_URL invalide : port \(port) hors de 1…65535")
        }
        self.hote = hote
        self.port = port
        tlsImplicite = c.scheme == "smtps" || port == 465
        utilisateur = c.user?.removingPercentEncoding
        motDePasse = c.password?.removingPercentEncoding
        expediteur =
            c.queryItems?.first { $0.name == "from" }?.value ?? "ne-pas-repondre@tableau-de-bord-apprentissage.fr"
        var tls = TLSConfiguration.makeClientConfiguration()  // full certificate and host name verification
        if let fichierCA {
            guard FileManager.default.isReadableFile(atPath: fichierCA) else {
                throw Erreur(description: "TDB_SMTP_CA=\(fichierCA) : fichier de certificats illisible")
            }
            tls.trustRoots = .file(fichierCA)
        }
        do { contexteTLS = try NIOSSLContext(configuration: tls) } catch {
            throw Erreur(description: "TDB_SMTP_CA=\(fichierCA ?? "") : certificats inutilisables (\(error))")
        }
    }

    /// Sends a mail: text only, or text and HTML as multipart/alternative when `html` is given.
    func envoyer(a destinataire: String, sujet: String, corps: String, html: String? = nil) async throws {
        let session = try await SessionSMTP.ouvrir(self)
        do {
            try await conversation(session, destinataire, sujet, corps, html)
            await session.fermer()
        } catch {
            await session.fermer()
            throw error
        }
    }

    private func conversation(
        _ s: SessionSMTP, _ destinataire: String, _ sujet: String, _ corps: String, _ html: String?
    ) async throws {
        try await s.attendre(220)
        var ehlo = try await s.commande("EHLO tdb", 250)
        var chiffree = tlsImplicite
        if !chiffree && ehlo.propose("STARTTLS") {
            _ = try await s.commande("STARTTLS", 220)
            try await s.demarrerTLS(self)
            chiffree = true
            ehlo = try await s.commande("EHLO tdb", 250)
        }
        if let utilisateur, let motDePasse {
            guard chiffree else {
                throw Erreur(
                    description: """
                        le serveur SMTP \(hote):\(port) ne propose pas STARTTLS : les identifiants de TDB_SMTP_URL ne sont jamais \
                        envoyés sur une connexion non chiffrée (utilisez smtps:// ou un serveur qui propose STARTTLS)
                        """)
            }
            let plain = Data("\0\(utilisateur)\0\(motDePasse)".utf8).base64EncodedString()
            _ = try await s.commande("AUTH PLAIN \(plain)", 235)
        }
        _ = try await s.commande("MAIL FROM:<\(expediteur)>", 250)
        _ = try await s.commande("RCPT TO:<\(destinataire)>", 250)
        _ = try await s.commande("DATA", 354)
        try await s.ecrire(
            Self.message(de: expediteur, a: destinataire, sujet: sujet, corps: corps, html: html) + "\r\n.\r\n")
        try await s.attendre(250)
        _ = try? await s.commande("QUIT", 221)
    }

    /// The TLS handler, checking the certificate against the host name (or, for an IP address, against the address).
    static func gestionnaireTLS(_ client: ClientSMTP) throws -> NIOSSLClientHandler {
        let estIP = (try? SocketAddress(ipAddress: client.hote, port: 0)) != nil
        return try NIOSSLClientHandler(context: client.contexteTLS, serverHostname: estIP ? nil : client.hote)
    }

    /// Headers (subject in RFC 2047 UTF-8) and base64 bodies: safe through any relay. With `html`, a
    /// multipart/alternative message: the text first, the HTML last (the one a mail reader prefers, RFC 2046).
    static func message(
        de: String, a: String, sujet: String, corps: String, html: String? = nil, frontiere: String = UUID().uuidString
    ) -> String {
        let sujetEncode = "=?UTF-8?B?\(Data(sujet.utf8).base64EncodedString())?="
        func base64(_ s: String) -> String {
            Data(s.utf8).base64EncodedString(options: [
                .lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed,
            ])
        }
        let date = DateFormatter()
        date.locale = Locale(identifier: "en_US_POSIX")
        date.timeZone = TimeZone(identifier: "UTC")
        date.dateFormat = "EEE, dd MMM yyyy HH:mm:ss '+0000'"
        let entetes = [
            "From: Tableau de bord de l'apprentissage <\(de)>", "To: <\(a)>", "Subject: \(sujetEncode)",
            "Date: \(date.string(from: Date()))", "MIME-Version: 1.0",
        ]
        guard let html else {
            return
                (entetes + [
                    "Content-Type: text/plain; charset=utf-8", "Content-Transfer-Encoding: base64", "", base64(corps),
                ]).joined(separator: "\r\n")
        }
        let f = "=_tdb_\(frontiere)"
        return
            (entetes + [
                "Content-Type: multipart/alternative; boundary=\"\(f)\"", "",
                "--\(f)", "Content-Type: text/plain; charset=utf-8", "Content-Transfer-Encoding: base64", "",
                base64(corps),
                "--\(f)", "Content-Type: text/html; charset=utf-8", "Content-Transfer-Encoding: base64", "",
                base64(html),
                "--\(f)--",
            ]).joined(separator: "\r\n")
    }
}

/// A server reply: its code and its lines (an EHLO reply lists the extensions).
struct ReponseSMTP: Sendable {
    let code: Int
    let lignes: [String]

    func propose(_ extension: String) -> Bool {
        lignes.contains { $0.dropFirst(4).uppercased().split(separator: " ").first == Substring(`extension`) }
    }
}

/// One connection to the server, reply by reply.
struct SessionSMTP: Sendable {
    let channel: any Channel
    let lecteur: LecteurSMTP
    let client: ClientSMTP

    static func ouvrir(_ client: ClientSMTP) async throws -> SessionSMTP {
        let lecteur = LecteurSMTP(delai: client.delai)
        do {
            let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .connectTimeout(.seconds(10))
                .channelInitializer { ch in
                    ch.eventLoop.makeCompletedFuture {
                        if client.tlsImplicite {
                            try ch.pipeline.syncOperations.addHandler(try ClientSMTP.gestionnaireTLS(client))
                        }
                        try ch.pipeline.syncOperations.addHandler(lecteur)
                    }
                }
                .connect(host: client.hote, port: client.port).get()
            return SessionSMTP(channel: channel, lecteur: lecteur, client: client)
        } catch {
            throw ClientSMTP.Erreur(
                description: "connexion au serveur SMTP \(client.hote):\(client.port) impossible : \(error)")
        }
    }

    /// After the server's 220 to STARTTLS: everything from now on goes through TLS.
    func demarrerTLS(_ client: ClientSMTP) async throws {
        let channel = self.channel
        try await channel.eventLoop.submit {
            try channel.pipeline.syncOperations.addHandler(try ClientSMTP.gestionnaireTLS(client), position: .first)
        }.get()
    }

    func ecrire(_ texte: String) async throws {
        do { try await channel.writeAndFlush(ByteBuffer(string: texte)).get() } catch {
            // A closed channel says little: what closed it (a refused certificate…) says more.
            let lecteur = self.lecteur
            let cause = try? await channel.eventLoop.submit { lecteur.echecRecu.map(String.init(describing:)) }.get()
            throw expliquer(cause ?? "\(error)", tls: lecteur.tlsEchoue)
        }
    }

    func expliquer(_ cause: String, tls: Bool) -> ClientSMTP.Erreur {
        ClientSMTP.Erreur(
            description: tls
                ? "connexion TLS avec le serveur SMTP \(client.hote):\(client.port) impossible (certificat vérifié ?) : \(cause)"
                : "échange avec le serveur SMTP \(client.hote):\(client.port) interrompu : \(cause)")
    }

    /// Reads the next reply and checks its code.
    @discardableResult
    func attendre(_ code: Int) async throws -> ReponseSMTP {
        let lecteur = self.lecteur
        let eventLoop = channel.eventLoop
        let r: ReponseSMTP
        do { r = try await eventLoop.flatSubmit { lecteur.prochaine(eventLoop) }.get() } catch let e
            as ClientSMTP.Erreur
        {
            throw e
        } catch {
            throw expliquer("\(error)", tls: error is NIOSSLError)
        }
        guard r.code == code else {
            throw ClientSMTP.Erreur(description: "réponse SMTP inattendue : \(r.lignes.last ?? String(r.code))")
        }
        return r
    }

    func commande(_ c: String, _ code: Int) async throws -> ReponseSMTP {
        try await ecrire(c + "\r\n")
        return try await attendre(code)
    }

    func fermer() async {
        try? await channel.close().get()
    }
}

/// Cuts what the server sends into replies. Its state is only touched on the channel's event loop.
final class LecteurSMTP: ChannelInboundHandler, @unchecked Sendable {
    typealias InboundIn = ByteBuffer

    let delai: TimeAmount
    private var tampon: [UInt8] = []
    private var lignes: [String] = []
    private var pretes: [ReponseSMTP] = []
    private var attente: EventLoopPromise<ReponseSMTP>?
    private var echec: (any Error)?

    init(delai: TimeAmount) { self.delai = delai }

    /// The error that ended the connection, if any (on the event loop).
    var echecRecu: (any Error)? { echec }
    /// Whether TLS failed (a refused certificate…): set once, read after the connection is over.
    var tlsEchoue: Bool { verrou.withLock { tlsEnEchec } }
    private let verrou = NSLock()
    private var tlsEnEchec = false

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var octets = unwrapInboundIn(data)
        tampon += octets.readBytes(length: octets.readableBytes) ?? []
        while let fin = tampon.firstIndex(of: 0x0A) {
            let ligne = String(decoding: tampon[..<fin], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            tampon.removeSubrange(...fin)
            lignes.append(ligne)
            let octetsLigne = Array(ligne.utf8)
            if octetsLigne.count > 3 && octetsLigne[3] == UInt8(ascii: "-") { continue }
            let reponse = ReponseSMTP(code: Int(ligne.prefix(3)) ?? 0, lignes: lignes)
            lignes = []
            if let p = attente {
                attente = nil
                p.succeed(reponse)
            } else {
                pretes.append(reponse)
            }
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        if error is NIOSSLError { verrou.withLock { tlsEnEchec = true } }
        echouer(error)
        context.close(promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        echouer(ClientSMTP.Erreur(description: "le serveur SMTP a fermé la connexion"))
        context.fireChannelInactive()
    }

    private func echouer(_ e: any Error) {
        if echec == nil { echec = e }
        if let p = attente {
            attente = nil
            p.fail(e)
        }
    }

    /// The next reply (on the event loop); fails when the server says nothing for `delai`.
    func prochaine(_ eventLoop: any EventLoop) -> EventLoopFuture<ReponseSMTP> {
        if !pretes.isEmpty { return eventLoop.makeSucceededFuture(pretes.removeFirst()) }
        if let echec { return eventLoop.makeFailedFuture(echec) }
        let p = eventLoop.makePromise(of: ReponseSMTP.self)
        attente = p
        let minuterie = eventLoop.scheduleTask(in: delai) { [self] in
            if attente?.futureResult === p.futureResult {
                echouer(ClientSMTP.Erreur(description: "le serveur SMTP ne répond pas"))
            }
        }
        p.futureResult.whenComplete { _ in minuterie.cancel() }
        return p.futureResult
    }
}
