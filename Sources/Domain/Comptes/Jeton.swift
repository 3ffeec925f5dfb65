import Foundation

/// A single-use link sent by e-mail. Only its hash is stored.
public enum TypeJeton: String, Sendable {
    case confirmation
    case reinitialisation
    case invitation

    /// How long the link works.
    public var duree: TimeInterval {
        switch self {
        case .confirmation: 3 * 86_400
        case .reinitialisation: 3_600
        case .invitation: 7 * 86_400
        }
    }
}

public struct Jeton: Sendable, Equatable {
    public var id: Int64
    public var type: TypeJeton
    public var email: String
    public var utilisateur: UtilisateurID?
    public var organisation: OrganisationID?
    public var role: Role?
    public var expireLe: Date
    public var utiliseLe: Date?

    public init(
        id: Int64, type: TypeJeton, email: String, utilisateur: UtilisateurID?, organisation: OrganisationID?,
        role: Role?, expireLe: Date, utiliseLe: Date?
    ) {
        self.id = id
        self.type = type
        self.email = email
        self.utilisateur = utilisateur
        self.organisation = organisation
        self.role = role
        self.expireLe = expireLe
        self.utiliseLe = utiliseLe
    }

    public func estValide(now: Date) -> Bool { utiliseLe == nil && expireLe > now }
}

/// A signed-in browser: a server-side row referenced by an opaque cookie.
public struct SessionUtilisateur: Sendable, Equatable {
    public static let duree: TimeInterval = 12 * 3_600

    public var id: Int64
    public var utilisateur: UtilisateurID
    public var expireLe: Date
    /// The organisation an administrator is looking at the service as.
    public var incarnation: OrganisationID?

    public init(id: Int64, utilisateur: UtilisateurID, expireLe: Date, incarnation: OrganisationID?) {
        self.id = id
        self.utilisateur = utilisateur
        self.expireLe = expireLe
        self.incarnation = incarnation
    }
}

/// An e-mail waiting in (or sent from) the outbox.
public struct Courriel: Sendable, Equatable {
    public var id: Int64
    public var destinataire: String
    public var sujet: String
    public var corps: String
    public var creeLe: Date
    public var envoyeLe: Date?
    public var erreur: String?
    /// The HTML version, when the mail has one (sent with the text as multipart/alternative).
    public var html: String?
    /// The unique key of a notification (nil for the accounts' mails).
    public var cle: String?

    public init(
        id: Int64, destinataire: String, sujet: String, corps: String, creeLe: Date, envoyeLe: Date?, erreur: String?,
        html: String? = nil, cle: String? = nil
    ) {
        self.id = id
        self.html = html
        self.cle = cle
        self.destinataire = destinataire
        self.sujet = sujet
        self.corps = corps
        self.creeLe = creeLe
        self.envoyeLe = envoyeLe
        self.erreur = erreur
    }
}

/// A line of the audit log (F21): who did what, when, on what perimeter.
public struct EntreeJournal: Sendable, Equatable {
    public var date: Date
    public var acteur: UtilisateurID?
    public var acteurEmail: String?
    public var action: String
    public var detail: String

    public init(date: Date, acteur: UtilisateurID?, acteurEmail: String?, action: String, detail: String) {
        self.date = date
        self.acteur = acteur
        self.acteurEmail = acteurEmail
        self.action = action
        self.detail = detail
    }
}
