import Domain

/// `GET /` (`accueil`): the service in a few words (or the signed-in user's shortcuts) and today's national counters.
struct AccueilVue: VuePage {
    static let gabarit = "accueil"

    let compteurs: [CompteurVue]
    let dateLongue: String

    static func construire(compteurs: Compteurs, aujourdhui: Jour) -> AccueilVue {
        AccueilVue(compteurs: CompteurVue.construire(compteurs), dateLongue: Web.dateLongue(aujourdhui))
    }
}
