import Domain

/// Which of suspend, reactivate and delete a page offers for an account (never on one's own).
struct ActionsCompteVue: Sendable {
    let peutSuspendre: Bool
    let peutReactiver: Bool
    let peutSupprimer: Bool

    static func construire(_ u: Utilisateur, moi: Identite) -> ActionsCompteVue {
        let autre = u.id != moi.utilisateur.id
        return ActionsCompteVue(
            peutSuspendre: autre && u.statut == .actif, peutReactiver: autre && u.statut == .suspendu,
            peutSupprimer: autre && u.statut != .supprime)
    }
}
