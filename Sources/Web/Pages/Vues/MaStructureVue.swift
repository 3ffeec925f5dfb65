import Domain
import Foundation

/// `GET /ma-structure` (`ma-structure`): the user's organisation, its members, its invitations and, for an
/// organisme's administrators, its API keys.
struct MaStructureVue: VuePage {
    static let gabarit = "ma-structure"

    struct Fiche: Sendable {
        let nom: String
        let type: String
        let perimetre: String
    }

    struct Membre: Sendable {
        let id: String
        let nomComplet: String
        let email: String
        let role: String
        let statut: String
        let enAttente: Bool
        let peutSuspendre: Bool
        let peutReactiver: Bool
        let peutSupprimer: Bool
    }

    struct InvitationEnCours: Sendable {
        let email: String
        let role: String
        let expireLe: String
    }

    struct Cle: Sendable {
        let id: String
        let nom: String
        /// The first characters of the key, to recognise it (`1b4e28ba…`).
        let prefixe: String
        let creeLe: String
        /// Any authenticated call, in Paris time.
        let derniereUtilisation: String
        /// The last batch of dossiers recorded with this key: the same instant as the organisme's last transmission.
        let derniereTransmission: String
        let statut: String
        let active: Bool

        static func construire(_ k: CleApi, maintenant: Date) -> Cle {
            let active = k.estActive(now: maintenant)
            return Cle(
                id: String(k.id.rawValue), nom: nomDeCle(k), prefixe: k.prefixe, creeLe: dateHeureFR(k.createdAt),
                derniereUtilisation: k.lastUsedAt.map(dateHeureFR) ?? "jamais",
                derniereTransmission: k.derniereTransmission.map(dateHeureFR) ?? "aucun",
                statut: k.revokedAt != nil ? "révoquée" : active ? "active" : "expirée (inutilisée 12 mois)",
                active: active)
        }
    }

    struct Transmission: Sendable {
        let derniere: String
        let erreurs: Bool
        /// Its transmissions' page, when the account may see it.
        let lien: String?
    }

    /// The API key part, for an organisme's administrators who may configure its transmission.
    struct Cles {
        let organisme: OrganismeID
        let cles: [CleApi]
        /// The organisme's record, for its last transmission.
        let fiche: Organisme?
    }

    let organisation: Fiche
    let peutGerer: Bool
    let membres: [Membre]
    let invitations: [InvitationEnCours]
    let peutGererCles: Bool
    let cles: [Cle]
    let transmission: Transmission?

    static func construire(
        _ i: Identite, membres: [Utilisateur], invitations: [Jeton], cles c: Cles?,
        maintenant: Date
    ) -> MaStructureVue {
        MaStructureVue(
            organisation: Fiche(
                nom: i.organisation.nom, type: i.organisation.type.libelle,
                perimetre: i.droits.perimetre(.voirIndicateurs).libelle),
            peutGerer: i.gereOrganisation,
            membres: membres.map { m in
                let actions = ActionsCompteVue.construire(m, moi: i)
                return Membre(
                    id: String(m.id.rawValue), nomComplet: m.nomComplet, email: m.email, role: m.role.libelle,
                    statut: m.statut.libelle, enAttente: m.statut == .enAttenteValidation && m.id != i.utilisateur.id,
                    peutSuspendre: actions.peutSuspendre, peutReactiver: actions.peutReactiver,
                    peutSupprimer: actions.peutSupprimer)
            },
            invitations: invitations.map {
                InvitationEnCours(email: $0.email, role: ($0.role ?? .membre).libelle, expireLe: dateFR($0.expireLe))
            },
            peutGererCles: c != nil,
            cles: (c?.cles ?? []).map { Cle.construire($0, maintenant: maintenant) },
            transmission: c.map {
                Transmission(
                    derniere: $0.fiche?.lastErpTransmissionDate.map(dateHeureFR) ?? "aucune pour l'instant",
                    erreurs: $0.fiche?.hasTransmissionErrors ?? false,
                    lien: $0.fiche.flatMap { Navigation.transmissions($0, i) })
            })
    }

    /// A key's name, or what stands for it when it was made without one.
    static func nomDeCle(_ k: CleApi) -> String { k.nom.isEmpty ? "Clé sans nom" : k.nom }
}
