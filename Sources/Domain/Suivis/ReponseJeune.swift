import Foundation

/// The young person's answer on their personal page (issue 15): « Souhaitez-vous être accompagné ? ».
public enum ReponseJeune: String, Sendable, CaseIterable {
    case oui = "oui"
    case rappel = "rappel"
    case nonMerci = "non-merci"

    /// What the young person chose, as the page offers it.
    public var libelle: String {
        switch self {
        case .oui: "Oui"
        case .rappel: "Rappelez-moi"
        case .nonMerci: "Non merci"
        }
    }

    /// What the mission locale reads (banner, history, digest).
    public var libelleMissionLocale: String {
        switch self {
        case .oui: "oui, souhaite être accompagné"
        case .rappel: "demande à être rappelé"
        case .nonMerci: "non merci, ne souhaite pas être accompagné"
        }
    }
}

/// The personal link sent to the young person of a case: only the SHA-256 of its token is stored; inviting again
/// replaces the token (the previous link stops working).
public struct InvitationJeune: Sendable, Equatable {
    /// How long the link works.
    public static let duree: TimeInterval = 30 * 86_400

    public var suivi: SuiviID
    public var email: String
    public var envoyeeLe: Date
    public var expireLe: Date

    public init(suivi: SuiviID, email: String, envoyeeLe: Date, expireLe: Date) {
        self.suivi = suivi
        self.email = email
        self.envoyeeLe = envoyeeLe
        self.expireLe = expireLe
    }

    public func estValide(now: Date) -> Bool { expireLe > now }
}

/// An answer received, for the mission locale's daily digest.
public struct ReponseJeuneRecue: Sendable, Equatable {
    public var suivi: SuiviID
    public var missionLocale: String
    public var prenom: String
    public var nom: String
    public var reponse: ReponseJeune
    public var telephone: String?
    public var le: Date

    public init(
        suivi: SuiviID, missionLocale: String, prenom: String, nom: String, reponse: ReponseJeune, telephone: String?,
        le: Date
    ) {
        self.suivi = suivi
        self.missionLocale = missionLocale
        self.prenom = prenom
        self.nom = nom
        self.reponse = reponse
        self.telephone = telephone
        self.le = le
    }
}

/// The form of the personal page, checked: each error names its field, in French.
public enum SaisieReponseJeune {
    /// Reads `reponse` (oui, rappel, non-merci; required) and `telephone` (optional, a French number).
    public static func lire(_ champs: [String: String]) -> Result<(ReponseJeune, String?), ErreursDeSaisie> {
        var erreurs: [ErreurSaisie] = []
        let brute = champs["reponse"]?.trimmingCharacters(in: .whitespaces) ?? ""
        let reponse = ReponseJeune(rawValue: brute)
        if reponse == nil {
            erreurs.append(
                ErreurSaisie(
                    "reponse",
                    brute.isEmpty
                        ? "Souhaitez-vous être accompagné ? : choisissez une réponse (oui, rappelez-moi ou non merci)."
                        : "Souhaitez-vous être accompagné ? : réponse inconnue."))
        }
        var telephone: String?
        let t = champs["telephone"]?.trimmingCharacters(in: .whitespaces) ?? ""
        if !t.isEmpty {
            switch telephoneFrancais(t) {
            case .success(let n): telephone = n
            case .failure(let e): erreurs.append(e)
            }
        }
        guard erreurs.isEmpty, let reponse else { return .failure(ErreursDeSaisie(liste: erreurs)) }
        return .success((reponse, telephone))
    }

    /// A French number (metropolitan or overseas), normalised; another country's is refused.
    public static func telephoneFrancais(_ texte: String) -> Result<String, ErreurSaisie> {
        let exemple = "exemple : 06 12 34 56 78"
        guard texte.count <= 30 else {
            return .failure(ErreurSaisie("telephone", "Numéro de téléphone : 30 caractères au plus (\(exemple))."))
        }
        switch Telephone.normaliser(texte) {
        case .numero(let n):
            let francais = !n.hasPrefix("+") || ["+590", "+594", "+596", "+262"].contains { n.hasPrefix($0) }
            guard francais else {
                return .failure(
                    ErreurSaisie("telephone", "Numéro de téléphone : un numéro français est attendu (\(exemple))."))
            }
            return .success(n)
        case .erreur:
            return .failure(
                ErreurSaisie(
                    "telephone", "Numéro de téléphone : ce n'est pas un numéro français valide (\(exemple))."))
        }
    }
}
