import Domain

/// `GET /listes/:indicateur` (`liste`): the learners counted in an indicator at a date, by name, with downloads.
struct ListeNominativeVue: VuePage {
    static let gabarit = "liste"

    let indicateur: String
    let perimetre: String
    let dateLongue: String
    let csv: String
    let xlsx: String
    let liste: ListeApprenantsVue

    static func construire(
        _ ecran: ListesNominatives.Ecran, indicateur: IndicateurListe, perimetre: Perimetre, date: Jour,
        contacts: Bool, query: [(String, String)], lienOrganisme: (OrganismeID) -> String?
    ) -> ListeNominativeVue {
        let sansPage = query.filter { $0.0 != "page" }
        let telechargement = "/listes/\(indicateur.rawValue)/telechargement"
        return ListeNominativeVue(
            indicateur: indicateur.libelle, perimetre: perimetre.libelle, dateLongue: Web.dateLongue(date),
            csv: VueTableau.adresse(telechargement, sansPage + [("format", "csv")]),
            xlsx: VueTableau.adresse(telechargement, sansPage + [("format", "xlsx")]),
            liste: ListeApprenantsVue.construire(
                ecran, aujourdhui: date, contacts: contacts, query: query,
                chemin: "/listes/\(indicateur.rawValue)", lienOrganisme: lienOrganisme,
                champsCaches: query.filter { !["q", "page"].contains($0.0) }))
    }
}
