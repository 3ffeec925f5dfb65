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
        CleApiCreeeVue(valeur: valeur, nom: cle.nom, prefixe: cle.prefixe, creeLe: dateHeureFR(cle.createdAt))
    }
}

/// `GET /ma-structure/cles/:id/revoquer` (`cle-api-revoquer`): what revoking this key will do, and the form that does
/// it (no script).
struct CleApiRevocationVue: VuePage {
    static let gabarit = "cle-api-revoquer"

    /// The key as the list of Ma structure shows it.
    let cle: MaStructureVue.Cle

    static func construire(_ cle: CleApi, maintenant: Date) -> CleApiRevocationVue {
        CleApiRevocationVue(cle: MaStructureVue.Cle.construire(cle, maintenant: maintenant))
    }
}
