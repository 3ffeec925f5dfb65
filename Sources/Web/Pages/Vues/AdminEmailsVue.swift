import Domain

/// `GET /admin/emails` (`admin-emails`): the service's e-mails, sent and waiting, never with a usable link.
struct AdminEmailsVue: VuePage {
    static let gabarit = "admin-emails"

    struct Ligne: Sendable {
        let destinataire: String
        let sujet: String
        let corps: String
        let creeLe: String
        let envoyeLe: String?
        let erreur: String?
    }

    let emails: [Ligne]

    static func construire(_ courriels: [Courriel]) -> AdminEmailsVue {
        AdminEmailsVue(
            emails: courriels.map { c in
                // Never a usable link on a page: an unsent mail still holds it, for the SMTP sender only.
                let corps = LiensCourriel.retirer(
                    c.corps, marqueur: c.envoyeLe == nil ? LiensCourriel.marqueurPage : LiensCourriel.marqueur)
                return Ligne(
                    destinataire: c.destinataire, sujet: c.sujet, corps: corps, creeLe: dateHeureFR(c.creeLe),
                    envoyeLe: c.envoyeLe.map(dateHeureFR), erreur: c.erreur)
            })
    }
}
