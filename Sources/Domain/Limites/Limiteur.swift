import Foundation

/// Counts requests in the database (so that limits hold across instances) and refuses those over a limit.
public struct Limiteur: Sendable {
    let store: any Store
    let horloge: Horloge
    public let regles: ReglesLimites

    public init(store: any Store, horloge: Horloge, regles: ReglesLimites = .reference) {
        self.store = store
        self.horloge = horloge
        self.regles = regles
    }

    /// Counts one request of `action` for each target given, and throws `LimiteAtteinte` when one is over its
    /// limit. One statement per rule that applies.
    public func compter(_ action: ActionLimitee, _ cibles: [CibleLimite: String]) async throws {
        let now = horloge.now()
        for regle in regles.regles(action) {
            guard let cle = cibles[regle.cible], !cle.isEmpty else { continue }
            let fenetre = regle.fenetreEnCours(now)
            let nombre = try await store.incrementer(
                compteur: regle.genre, cle: cle, fenetre: fenetre.numero,
                expireLe: fenetre.fin, now: now)
            if case .refusee(let s) = regle.decider(nombre: nombre, now: now) {
                throw LimiteAtteinte(action: action, cible: regle.cible, reessayerDans: s)
            }
        }
    }
}
