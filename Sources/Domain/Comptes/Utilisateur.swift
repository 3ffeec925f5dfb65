import Foundation

public struct UtilisateurID: Hashable, Sendable, CustomStringConvertible {
    public let rawValue: Int64
    public init(_ rawValue: Int64) { self.rawValue = rawValue }
    public var description: String { String(rawValue) }
}

public enum Role: String, Sendable, CaseIterable {
    case administrateur
    case membre

    public var libelle: String { self == .administrateur ? "Administrateur de l'organisation" : "Membre" }
}

/// Where an account stands: sign-up → e-mail confirmed → approved; or rejected. An active account can be
/// suspended (by an administrator, or after 12 months without sign-in) and reactivated, or deleted.
public enum StatutCompte: String, Sendable {
    case emailNonConfirme = "email_non_confirme"
    case enAttenteValidation = "en_attente_validation"
    case actif
    case rejete
    case suspendu
    /// The personal fields are gone; the row stays for the references to it (sessions, journal).
    case supprime

    public var libelle: String {
        switch self {
        case .emailNonConfirme: "E-mail à confirmer"
        case .enAttenteValidation: "En attente de validation"
        case .actif: "Actif"
        case .rejete: "Refusé"
        case .suspendu: "Suspendu"
        case .supprime: "Supprimé"
        }
    }
}

public struct Utilisateur: Sendable, Equatable {
    public var id: UtilisateurID
    public var email: String
    public var nom: String
    public var prenom: String
    public var organisation: OrganisationID
    public var role: Role
    public var statut: StatutCompte
    public var hashMotDePasse: String
    public var createdAt: Date
    public var derniereConnexion: Date?
    public var reactiveLe: Date?
    /// When the e-mail warning of a coming suspension for inactivity was sent.
    public var inactiviteAvertieLe: Date?

    public init(
        id: UtilisateurID, email: String, nom: String, prenom: String, organisation: OrganisationID, role: Role,
        statut: StatutCompte, hashMotDePasse: String, createdAt: Date, derniereConnexion: Date? = nil,
        reactiveLe: Date? = nil, inactiviteAvertieLe: Date? = nil
    ) {
        self.id = id
        self.email = email
        self.nom = nom
        self.prenom = prenom
        self.organisation = organisation
        self.role = role
        self.statut = statut
        self.hashMotDePasse = hashMotDePasse
        self.createdAt = createdAt
        self.derniereConnexion = derniereConnexion
        self.reactiveLe = reactiveLe
        self.inactiviteAvertieLe = inactiviteAvertieLe
    }

    public var nomComplet: String { "\(prenom) \(nom)" }
}

/// A user being created.
public struct NouvelUtilisateur: Sendable, Equatable {
    public var email: String
    public var nom: String
    public var prenom: String
    public var organisation: OrganisationID
    public var role: Role
    public var statut: StatutCompte
    public var hashMotDePasse: String

    public init(
        email: String, nom: String, prenom: String, organisation: OrganisationID, role: Role,
        statut: StatutCompte, hashMotDePasse: String
    ) {
        self.email = email
        self.nom = nom
        self.prenom = prenom
        self.organisation = organisation
        self.role = role
        self.statut = statut
        self.hashMotDePasse = hashMotDePasse
    }
}
