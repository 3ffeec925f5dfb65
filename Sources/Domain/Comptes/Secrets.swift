/// The cryptography accounts need, provided by the edge (bcrypt and SHA-256 live outside `Domain`).
public protocol Secrets: Sendable {
    func hacher(motDePasse: String) async -> String
    func verifier(motDePasse: String, hash: String) async -> Bool
    /// A hash of a random password at the same cost, to verify against when an address has no account: an
    /// unknown address then takes as long as a known one.
    func hashFactice() async -> String
    /// A new random secret for a link or a session, and the hash to store.
    func nouveauSecret() -> (valeur: String, hash: String)
    func empreinte(_ valeur: String) -> String
    /// A new API key (a random UUID, the national service's format) and the hash to store.
    func nouvelleCleApi() -> (valeur: String, hash: String)
}

/// Why an account operation did not happen, for the person who asked (in French).
public enum ErreurComptes: Error, Sendable, Equatable {
    case saisie([ErreurSaisie])
    case identifiantsInvalides
    case compteNonActif(StatutCompte)
    case tropDeTentatives(reessayerDans: Int)
    case lienInvalide
    case interdit
    case introuvable

    public var message: String {
        switch self {
        case .saisie(let e): e.map(\.message).joined(separator: " ; ")
        case .identifiantsInvalides: "Adresse e-mail ou mot de passe incorrect"
        case .compteNonActif(.emailNonConfirme):
            "Votre adresse e-mail n'est pas encore confirmée : suivez le lien reçu par e-mail"
        case .compteNonActif(.enAttenteValidation): "Votre compte est en attente de validation"
        case .compteNonActif(.suspendu):
            "Votre compte est suspendu : demandez à l'administrateur de votre organisation ou du service de le réactiver"
        case .compteNonActif: "Ce compte n'est pas actif"
        case .tropDeTentatives(let s):
            "Trop de tentatives de connexion depuis cette adresse : réessayez dans \(dureeFR(s))"
        case .lienInvalide: "Ce lien n'est pas valide : il a expiré ou a déjà été utilisé"
        case .interdit: "Vous n'avez pas accès à cette page ou à ces données"
        case .introuvable: "Page ou élément introuvable"
        }
    }
}
