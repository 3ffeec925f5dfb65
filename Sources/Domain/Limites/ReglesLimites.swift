import Foundation

/// An action whose rate is limited (issue 11): what a flood would abuse.
public enum ActionLimitee: String, Sendable, CaseIterable {
    case inscription
    case reinitialisation
    case renvoiConfirmation = "renvoi_confirmation"
    case invitation
    case verificationMotDePasse = "verification_mot_de_passe"
    case apiV3Dossiers = "api_v3_dossiers"
    case apiV3Effectifs = "api_v3_effectifs"
    case pageJeune = "page_jeune"
    case demandeEntreprise = "demande_entreprise"
    case confirmationDemandeEntreprise = "confirmation_demande_entreprise"

    /// "Trop de …" in the message of a refusal.
    public var libelle: String {
        switch self {
        case .inscription: "demandes de création de compte"
        case .reinitialisation: "demandes de réinitialisation du mot de passe"
        case .renvoiConfirmation: "demandes d'envoi du lien de confirmation"
        case .invitation: "invitations"
        case .verificationMotDePasse: "essais du mot de passe actuel"
        case .apiV3Dossiers: "requêtes d'envoi de dossiers avec cette clé d'API"
        case .apiV3Effectifs: "requêtes de lecture des effectifs avec cette clé d'API"
        case .pageJeune: "visites de pages personnelles depuis cette adresse"
        case .demandeEntreprise: "demandes de contact envoyées à des CFA"
        case .confirmationDemandeEntreprise: "essais de liens de confirmation depuis cette adresse"
        }
    }
}

/// What a limit counts by.
public enum CibleLimite: String, Sendable, CaseIterable {
    /// The client's address (`AdresseClient`).
    case adresse
    /// The e-mail address the request is about (lower-cased).
    case email
    /// The signed-in user.
    case utilisateur
    /// The API key.
    case cle
}

/// One limit: at most `limite` requests per fixed window of `fenetre` seconds, for one action and one target.
public struct RegleLimite: Sendable, Equatable {
    public let action: ActionLimitee
    public let cible: CibleLimite
    public let limite: Int
    public let fenetre: TimeInterval

    public init(_ action: ActionLimitee, _ cible: CibleLimite, _ limite: Int, par fenetre: TimeInterval) {
        self.action = action
        self.cible = cible
        self.limite = limite
        self.fenetre = fenetre
    }

    /// The kind of counter in the store: `inscription.adresse`, `api_v3_dossiers.cle`…
    public var genre: String { "\(action.rawValue).\(cible.rawValue)" }

    /// The number of the fixed window holding `now`, and when it ends.
    public func fenetreEnCours(_ now: Date) -> (numero: Int64, fin: Date) {
        let numero = Int64((now.timeIntervalSince1970 / fenetre).rounded(.down))
        return (numero, Date(timeIntervalSince1970: Double(numero + 1) * fenetre))
    }

    /// Whether the `nombre`-th request of its window (this one included) may go on; if not, in how many seconds
    /// the window ends.
    public func decider(nombre: Int, now: Date) -> DecisionLimite {
        guard nombre > limite else { return .autorisee }
        return .refusee(reessayerDans: max(1, Int((fenetreEnCours(now).fin.timeIntervalSince(now)).rounded(.up))))
    }
}

public enum DecisionLimite: Sendable, Equatable {
    case autorisee
    case refusee(reessayerDans: Int)
}

/// The limits as data. Generous for people and for ERPs: they stop floods, not use.
public struct ReglesLimites: Sendable, Equatable {
    public var regles: [RegleLimite]

    public init(_ regles: [RegleLimite]) { self.regles = regles }

    /// Requests per minute and per key on the API v3 (`TDB_LIMITE_API_V3`): ERPs send a few batches a day.
    public static let limiteApiV3ParDefaut = 600

    public static let reference = ReglesLimites([
        RegleLimite(.inscription, .adresse, 20, par: 3600),
        RegleLimite(.inscription, .email, 5, par: 3600),
        RegleLimite(.reinitialisation, .adresse, 20, par: 3600),
        RegleLimite(.reinitialisation, .email, 5, par: 3600),
        RegleLimite(.renvoiConfirmation, .adresse, 20, par: 3600),
        RegleLimite(.renvoiConfirmation, .email, 5, par: 3600),
        RegleLimite(.invitation, .adresse, 100, par: 3600),
        RegleLimite(.invitation, .utilisateur, 100, par: 86_400),
        RegleLimite(.invitation, .email, 5, par: 86_400),
        RegleLimite(.verificationMotDePasse, .adresse, 30, par: 900),
        RegleLimite(.verificationMotDePasse, .utilisateur, 10, par: 900),
        RegleLimite(.apiV3Dossiers, .cle, limiteApiV3ParDefaut, par: 60),
        RegleLimite(.apiV3Effectifs, .cle, limiteApiV3ParDefaut, par: 60),
        RegleLimite(.pageJeune, .adresse, 60, par: 900),
        RegleLimite(.demandeEntreprise, .adresse, 20, par: 3600),
        RegleLimite(.demandeEntreprise, .email, 5, par: 86_400),
        RegleLimite(.confirmationDemandeEntreprise, .adresse, 60, par: 900),
    ])

    /// The same table with another per-minute limit for each API key.
    public func avec(limiteApiV3ParMinute n: Int) -> ReglesLimites {
        ReglesLimites(
            regles.map { r in
                r.cible == .cle ? RegleLimite(r.action, r.cible, n, par: r.fenetre) : r
            })
    }

    public func regles(_ action: ActionLimitee) -> [RegleLimite] { regles.filter { $0.action == action } }
}

/// A request refused by a limit: answered 429 with `Retry-After`.
public struct LimiteAtteinte: Error, Sendable, Equatable {
    public let action: ActionLimitee
    public let cible: CibleLimite
    public let reessayerDans: Int

    public init(action: ActionLimitee, cible: CibleLimite, reessayerDans: Int) {
        self.action = action
        self.cible = cible
        self.reessayerDans = reessayerDans
    }

    public var message: String { "Trop de \(action.libelle) : réessayez dans \(dureeFR(reessayerDans))" }
}

/// `12 secondes`, `1 minute`, `15 minutes`, `2 heures`: a wait, rounded up, for a person.
public func dureeFR(_ secondes: Int) -> String {
    let s = max(1, secondes)
    if s < 60 { return "\(s) seconde\(s > 1 ? "s" : "")" }
    if s < 3600 {
        let m = (s + 59) / 60
        return "\(m) minute\(m > 1 ? "s" : "")"
    }
    let h = (s + 3599) / 3600
    return "\(h) heure\(h > 1 ? "s" : "")"
}
