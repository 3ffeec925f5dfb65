import Foundation

/// An e-mail to put in the outbox: text, and optionally HTML (sent as multipart/alternative) and a unique key (adding
/// a mail whose key is already in the outbox does nothing: a notification is never sent twice, even when the job
/// that writes it runs again after a crash). A job's key: `job/what/occurrence/recipient`.
public struct NouveauCourriel: Sendable, Equatable {
    public var destinataire: String
    public var sujet: String
    public var corps: String
    public var html: String?
    public var cle: String?

    public init(destinataire: String, sujet: String, corps: String, html: String? = nil, cle: String? = nil) {
        self.destinataire = destinataire
        self.sujet = sujet
        self.corps = corps
        self.html = html
        self.cle = cle
    }
}

extension StoreComptes {
    /// A text-only mail without key (accounts' messages: links, invitations…).
    public func ajouterCourriel(destinataire: String, sujet: String, corps: String, now: Date) async throws {
        _ = try await ajouterCourriel(NouveauCourriel(destinataire: destinataire, sujet: sujet, corps: corps), now: now)
    }
}
