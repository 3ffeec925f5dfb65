import Domain

/// `GET /inscription` (`inscription`): the sign-up form, with what was typed when it failed.
struct InscriptionVue: VuePage {
    static let gabarit = "inscription"

    let types: [OptionVue]
    let regions: [OptionVue]
    let departements: [OptionVue]
    let academies: [OptionVue]
    let reseaux: [OptionVue]
    let email: String
    let nom: String
    let prenom: String
    let identifiant: String

    static func construire(_ d: DemandeInscription) -> InscriptionVue {
        let t = Territoires.france
        return InscriptionVue(
            types: OptionVue.liste(TypeOrganisation.inscriptibles.map { ($0.rawValue, $0.libelle) }, choisis: [d.type]),
            regions: OptionVue.liste(t.regions.map { ($0.code, $0.nom) }, choisis: [d.region]),
            departements: OptionVue.liste(
                t.departements.map { ($0.code, "\($0.code) — \($0.nom)") }, choisis: [d.departement]),
            academies: OptionVue.liste(t.academies.map { ($0.code, $0.nom) }, choisis: [d.academie]),
            reseaux: OptionVue.liste(Reseau.reference.map { ($0.cle, $0.nom) }, choisis: [d.reseau]),
            email: d.email, nom: d.nom, prenom: d.prenom, identifiant: d.identifiant)
    }
}
