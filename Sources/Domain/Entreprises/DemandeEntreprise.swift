import Foundation

public struct DemandeEntrepriseID: Hashable, Sendable, CustomStringConvertible {
    public let rawValue: Int64
    public init(_ rawValue: Int64) { self.rawValue = rawValue }
    public var description: String { String(rawValue) }
}

/// Where a company's request stands in the CFA's inbox.
public enum StatutDemande: String, Sendable, CaseIterable {
    case nouvelle = "NOUVELLE"
    case enCours = "EN_COURS"
    case pourvue = "POURVUE"
    case sansSuite = "SANS_SUITE"

    public var libelle: String {
        switch self {
        case .nouvelle: "Nouvelle"
        case .enCours: "En cours"
        case .pourvue: "Pourvue"
        case .sansSuite: "Sans suite"
        }
    }

    /// Its value in addresses and forms (`?statut=en-cours`).
    public var parametre: String {
        switch self {
        case .nouvelle: "nouvelle"
        case .enCours: "en-cours"
        case .pourvue: "pourvue"
        case .sansSuite: "sans-suite"
        }
    }

    public init?(parametre: String) {
        guard let s = Self.allCases.first(where: { $0.parametre == parametre }) else { return nil }
        self = s
    }
}

/// A company's request as stored: what it wrote, for which organisme, and where it stands. It reaches the CFA only
/// once confirmed (`confirmeeLe`).
public struct DemandeEntreprise: Sendable, Equatable {
    public var id: DemandeEntrepriseID
    public var organisme: OrganismeID
    public var contenu: DemandeContact
    public var deposeeLe: Date
    /// When the confirmation link stops working.
    public var expireLe: Date
    public var confirmeeLe: Date?
    public var statut: StatutDemande
    /// Bumped by every change: the second of two concurrent changes is refused.
    public var version: Int64
    public var premiereReponseLe: Date?

    public init(
        id: DemandeEntrepriseID, organisme: OrganismeID, contenu: DemandeContact, deposeeLe: Date, expireLe: Date,
        confirmeeLe: Date?, statut: StatutDemande, version: Int64, premiereReponseLe: Date?
    ) {
        self.id = id
        self.organisme = organisme
        self.contenu = contenu
        self.deposeeLe = deposeeLe
        self.expireLe = expireLe
        self.confirmeeLe = confirmeeLe
        self.statut = statut
        self.version = version
        self.premiereReponseLe = premiereReponseLe
    }
}

/// One line of a request's history: its confirmation by the company, a change of status, a reply (who and when).
public struct EvenementDemande: Sendable, Equatable {
    public enum Genre: String, Sendable, CaseIterable {
        case confirmation = "CONFIRMATION"
        case statut = "STATUT"
        case reponse = "REPONSE"
    }

    public var le: Date
    public var genre: Genre
    public var auteur: String
    /// The status it sets (a change of status; a first reply to a new request moves it to « en cours »).
    public var statut: StatutDemande?
    /// The reply sent.
    public var texte: String?

    public init(le: Date, genre: Genre, auteur: String, statut: StatutDemande? = nil, texte: String? = nil) {
        self.le = le
        self.genre = genre
        self.auteur = auteur
        self.statut = statut
        self.texte = texte
    }
}

/// What saving an event did.
public enum EnregistrementDemande: Sendable, Equatable {
    case fait(version: Int64)
    /// Someone changed the request since it was read: who, and when.
    case conflit(auteur: String, le: Date)
    /// No confirmed request has this id.
    case inconnue
}

/// What a confirmation link did.
public enum ConfirmationDemande: Sendable, Equatable {
    /// Confirmed now: the CFA is told.
    case confirmee(DemandeEntreprise)
    /// Confirmed before: nothing more is sent.
    case dejaConfirmee(DemandeEntreprise)
    /// The link expired unused: the request was never sent.
    case expiree
    case inconnue
}

/// The dates of a confirmed request that the statistics count.
public struct FaitsDemande: Sendable, Equatable {
    public var organisme: OrganismeID
    public var confirmeeLe: Date
    public var premiereReponseLe: Date?
    /// When it was last marked « pourvue » (nil when it is not, or no longer).
    public var pourvueLe: Date?

    public init(organisme: OrganismeID, confirmeeLe: Date, premiereReponseLe: Date?, pourvueLe: Date?) {
        self.organisme = organisme
        self.confirmeeLe = confirmeeLe
        self.premiereReponseLe = premiereReponseLe
        self.pourvueLe = pourvueLe
    }
}

extension LigneStockee {
    /// A stored request (table `demandes_entreprises`); the integer columns are read by each store.
    public func demandeEntreprise(id: Int64, organisme: Int64, postes: Int, version: Int64) throws
        -> DemandeEntreprise
    {
        DemandeEntreprise(
            id: DemandeEntrepriseID(id), organisme: OrganismeID(organisme),
            contenu: DemandeContact(
                entreprise: try exiger("entreprise") { $0 }, siret: try exiger("siret", SIRET.init),
                contact: try exiger("contact") { $0 }, email: try exiger("email") { $0 },
                telephone: try exiger("telephone") { $0 }, rome: try texteOuNul("rome"),
                metier: try exiger("metier") { $0 }, postes: postes, debut: try exiger("debut", Jour.init(iso:)),
                message: try exiger("message") { $0 }),
            deposeeLe: try instant("deposee_le"), expireLe: try instant("expire_le"),
            confirmeeLe: try instantOptionnel("confirmee_le"),
            statut: try exiger("statut", StatutDemande.init(rawValue:)), version: version,
            premiereReponseLe: try instantOptionnel("premiere_reponse_le"))
    }

    /// A line of a request's history (table `demandes_entreprises_evenements`).
    public func evenementDemande() throws -> EvenementDemande {
        let statut = try texteOuNul("statut")
        return EvenementDemande(
            le: try instant("le"), genre: try exiger("genre", EvenementDemande.Genre.init(rawValue:)),
            auteur: try exiger("auteur") { $0 },
            statut: try statut.map { try StatutDemande(rawValue: $0).ou(illisible("statut")) },
            texte: try texteOuNul("texte"))
    }
}
