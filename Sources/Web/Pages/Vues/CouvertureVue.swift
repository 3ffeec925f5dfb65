import Domain
import Foundation

/// How many organismes of the perimeter transmit, and how recently (`couverture`).
struct CouvertureVue: Sendable {
    let total: String
    let transmetteurs: String
    let nonTransmetteurs: String
    let taux: String
    let recents: String
    let unATrois: String
    let arretes: String
    let jamais: String

    /// From the coverage of each département of the perimeter.
    static func construire(_ c: [CouvertureOrganismes]) -> CouvertureVue {
        let total = c.reduce(0) { $0 + $1.totalOrganismes.total }
        let transmetteurs = c.reduce(0) { $0 + $1.organismesTransmetteurs.total }
        return CouvertureVue(
            total: nombre(total), transmetteurs: nombre(transmetteurs), nonTransmetteurs: nombre(total - transmetteurs),
            taux: total == 0 ? "–" : String(format: "%.0f %%", Double(transmetteurs) * 100 / Double(total)),
            recents: nombre(c.reduce(0) { $0 + $1.transmissionRecente }),
            unATrois: nombre(c.reduce(0) { $0 + $1.transmission1a3Mois }),
            arretes: nombre(c.reduce(0) { $0 + $1.transmissionArretee }),
            jamais: nombre(c.reduce(0) { $0 + $1.jamaisTransmis }))
    }
}
