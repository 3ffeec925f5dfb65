import Domain

/// `GET /organismes/:id` (`organisme`): its card, counters, evolution, formations, formateurs and — for those who
/// may see them — its learners by name.
struct OrganismeVue: VuePage {
    static let gabarit = "organisme"

    /// The learners' part, for users who may see the organisme's named list.
    struct Apprenants {
        let ecran: ListesNominatives.Ecran
        let contacts: Bool
        /// The `statut` of the query (a key of `ListesNominatives.statuts`).
        let statut: String?
        /// The organisme's formations, offered by the formation filter.
        let formations: [(cfd: String, libelle: String)]
        /// The named lists the user may download for this organisme.
        let telechargements: [IndicateurListe]
    }

    struct Telechargement: Sendable {
        let libelle: String
        let xlsx: String
        let csv: String
    }

    let organisme: FicheOrganismeVue
    let date: String
    let dateLongue: String
    let compteurs: [CompteurVue]
    let evolution: EvolutionVue
    let formations: TableauIndicateursVue
    let formateurs: TableauIndicateursVue?
    let filtres: FiltresVue
    /// The address of its transmissions, for users who may see them.
    let transmissions: String?
    /// The user belongs to this organisme and may configure its API key.
    let cles: Bool
    let apprenants: ListeApprenantsVue?
    let telechargements: [Telechargement]

    /// `formateurs`: the counters of its formateurs the user may see (`nil` when there is none).
    static func construire(
        _ o: Organisme, filtres f: FiltresIndicateurs, compteurs: Compteurs,
        evolution: [(mois: String, date: Jour, compteurs: Compteurs)], parFormation: [LigneIndicateurs],
        formateurs: [LigneIndicateurs]?, voitTransmissions: Bool, cles: Bool, apprenants a: Apprenants?,
        query: [(String, String)], lienOrganisme: @escaping (OrganismeID) -> String?
    ) throws -> OrganismeVue {
        let chemin = "/organismes/\(o.id)"
        func telechargement(_ l: IndicateurListe, _ format: String) -> String {
            VueTableau.adresse(
                "/listes/\(l.rawValue)/telechargement",
                [("organisme", o.id.description), ("date", f.date.description), ("format", format)])
        }
        return OrganismeVue(
            organisme: FicheOrganismeVue.construire(o), date: f.date.description, dateLongue: Web.dateLongue(f.date),
            compteurs: CompteurVue.construire(compteurs), evolution: EvolutionVue.construire(evolution),
            formations: try TableauIndicateursVue.construire(
                parFormation, titre: "Par formation", premiereColonne: "Formation", parametreTri: "tri_formations",
                query: query, chemin: chemin),
            formateurs: try formateurs.map { lignes in
                try TableauIndicateursVue.construire(
                    lignes, titre: "Ses organismes formateurs", premiereColonne: "Organisme formateur",
                    parametreTri: "tri_organismes", query: query, chemin: chemin,
                    lien: { Int64($0.cle).map(OrganismeID.init).flatMap(lienOrganisme) })
            },
            filtres: FiltresVue.construire(f, perimetre: .organismes([o.id]), complets: false, territoires: false),
            transmissions: voitTransmissions ? "\(chemin)/transmissions" : nil, cles: cles,
            apprenants: a.map { a in
                ListeApprenantsVue.construire(
                    a.ecran, aujourdhui: f.date, contacts: a.contacts, query: query, chemin: chemin,
                    ancre: "apprenants", lienOrganisme: lienOrganisme,
                    champsCaches: query.filter { !["q", "page", "statut", "formation_cfds"].contains($0.0) },
                    statuts: ListesNominatives.statuts.map {
                        OptionVue(valeur: $0.cle, libelle: $0.pluriel, selectionne: $0.cle == a.statut)
                    },
                    formationsProposees: a.formations.map {
                        OptionVue(valeur: $0.cfd, libelle: $0.libelle, selectionne: f.cfds.contains($0.cfd))
                    })
            },
            telechargements: (a?.telechargements ?? []).map {
                Telechargement(libelle: $0.libelle, xlsx: telechargement($0, "xlsx"), csv: telechargement($0, "csv"))
            })
    }
}
