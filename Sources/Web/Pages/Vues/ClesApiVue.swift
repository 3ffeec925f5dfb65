import Domain
import Foundation

/// `POST /ma-structure/cles` (`cle-api-creee`): the key just created, at the top of its own page, with how to copy it
/// and give it to the software. The answer to the POST itself (never stored in any cache): the key's value exists
/// nowhere else, and no later page can show it again.
struct CleApiCreeeVue: VuePage {
    static let gabarit = "cle-api-creee"

    let valeur: String
    let nom: String
    let prefixe: String
    let creeLe: String

    static func construire(valeur: String, cle: CleApi) -> CleApiCreeeVue {
        CleApiCreeeVue(valeur: valeur, nom: cle.nom, prefixe: cle.prefixe, creeLe: horodatageParis(cle.createdAt))
    }
}

/// `GET /ma-structure/cles/:id/revoquer` (`cle-api-revoquer`): what revoking this key will do, and the form that does
/// it (no script).
struct CleApiRevocationVue: VuePage {
    static let gabarit = "cle-api-revoquer"

    let id: String
    let nom: String
    let prefixe: String
    let creeLe: String
    let derniereUtilisation: String
    let derniereTransmission: String

    static func construire(_ cle: CleApi) -> CleApiRevocationVue {
        CleApiRevocationVue(
            id: String(cle.id.rawValue), nom: MaStructureVue.nomDeCle(cle), prefixe: cle.prefixe,
            creeLe: horodatageParis(cle.createdAt),
            derniereUtilisation: cle.lastUsedAt.map(horodatageParis) ?? "jamais",
            derniereTransmission: cle.derniereTransmission.map(horodatageParis) ?? "aucun")
    }
}

/// The time zone of the people who read the pages.
let fuseauParis = TimeZone(identifier: "Europe/Paris") ?? .current

/// `6 mars 2025 à 14:05`, in Paris time (summer time included).
func horodatageParis(_ d: Date) -> String {
    var calendrier = Calendar(identifier: .gregorian)
    calendrier.timeZone = fuseauParis
    let c = calendrier.dateComponents([.year, .month, .day, .hour, .minute], from: d)
    let jour = Jour(year: c.year ?? 1970, month: c.month ?? 1, day: c.day ?? 1)
    return "\(dateLongue(jour)) à \(String(format: "%02d:%02d", c.hour ?? 0, c.minute ?? 0))"
}
