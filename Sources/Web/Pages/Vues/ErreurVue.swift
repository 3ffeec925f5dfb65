import Domain

/// The HTML page of an error outside `/api/` (`erreur`): its status, its message, the fields at fault.
struct ErreurVue: VuePage {
    static let gabarit = "erreur"

    struct Detail: Sendable {
        let champ: String
        let message: String
    }

    let statut: Int
    let message: String
    let details: [Detail]

    static func construire(statut: Int, message: String, details: [ErreurValidation]) -> ErreurVue {
        ErreurVue(
            statut: statut, message: message,
            details: details.map { Detail(champ: $0.path.joined(separator: "."), message: $0.message) })
    }
}
