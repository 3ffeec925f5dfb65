import Domain

/// `GET /listes/:indicateur` (`liste`): the learners counted in an indicator at a date, by name, with downloads; a
/// title that says the filters and the date, its own date, territory and status filters, and how its count relates
/// to the counter it comes from.
struct ListeNominativeVue: VuePage {
    static let gabarit = "liste"

    let titre: String
    let indicateur: String
    let perimetre: String
    let dateLongue: String
    let csv: String
    let xlsx: String
    let liste: ListeApprenantsVue
    let filtres: FiltresVue
    let explication: String

    static func construire(
        _ ecran: ListesNominatives.Ecran, demande d: ListesNominatives.Demande, contacts: Bool, explication: String,
        lienOrganisme: (OrganismeID) -> String?
    ) -> ListeNominativeVue {
        let query = d.query
        let sansPage = query.filter { $0.0 != "page" }
        let chemin = "/listes/\(d.indicateur.rawValue)"
        let telechargement = "\(chemin)/telechargement"
        let organisme = query.filter { $0.0 == "organisme" }
        return ListeNominativeVue(
            titre: d.titre, indicateur: d.indicateur.libelle, perimetre: d.perimetre.libelle,
            dateLongue: Web.dateLongue(d.requete.filtres.date),
            csv: VueTableau.adresse(telechargement, sansPage + [("format", "csv")]),
            xlsx: VueTableau.adresse(telechargement, sansPage + [("format", "xlsx")]),
            liste: ListeApprenantsVue.construire(
                ecran, aujourdhui: d.requete.filtres.date, contacts: contacts, query: query, chemin: chemin,
                lienOrganisme: lienOrganisme,
                champsCaches: query.filter { !["q", "page"].contains($0.0) }),
            filtres: FiltresVue.construire(
                d.requete.filtres, perimetre: d.perimetre, choix: d.choix,
                territoires: organisme.isEmpty,
                statuts: ListesNominatives.statutsDe(d.indicateur).map {
                    OptionVue(valeur: $0.cle, libelle: $0.pluriel, selectionne: $0.cle == d.statut?.cle)
                },
                champsCaches: query.filter { ["organisme", "q"].contains($0.0) },
                effacer: VueTableau.adresse(chemin, organisme)),
            explication: explication)
    }
}
