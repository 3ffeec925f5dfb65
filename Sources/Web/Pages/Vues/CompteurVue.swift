import Domain

/// One of the five counters shown as cards (`compteurs`).
struct CompteurVue: Sendable {
    let cle: String
    let libelle: String
    /// Formatted the French way (`12 345`).
    let valeur: String
    let aide: String

    static func construire(_ c: Compteurs) -> [CompteurVue] {
        [
            CompteurVue(
                cle: "apprenants", libelle: "Apprenants", valeur: nombre(c.apprenants),
                aide: "apprentis, inscrits sans contrat et rupturants"),
            CompteurVue(
                cle: "apprentis", libelle: "Apprentis", valeur: nombre(c.apprentis), aide: "avec un contrat en cours"),
            CompteurVue(
                cle: "inscrits", libelle: "Inscrits sans contrat", valeur: nombre(c.inscrits),
                aide: "en formation, sans contrat encore"),
            CompteurVue(
                cle: "rupturants", libelle: "Rupturants", valeur: nombre(c.rupturants),
                aide: "contrat rompu, toujours en formation"),
            CompteurVue(
                cle: "abandons", libelle: "Sorties d'apprentissage", valeur: nombre(c.abandons),
                aide: "ont quitté la formation"),
        ]
    }
}
