import Domain

/// `GET /admin/journal` (`admin-journal`): a page of the audit log, its search form and its links.
struct AdminJournalVue: VuePage {
    static let gabarit = "admin-journal"

    struct Entree: Sendable {
        let date: String
        let acteur: String
        let action: String
        let detail: String
    }

    let entrees: [Entree]
    let actions: [OptionVue]
    /// The searched user (named apart from the layout's signed-in `utilisateur`).
    let filtreUtilisateur: String
    let organisation: String
    /// The name of the organisation searched, when there is one.
    let organisationNom: String?
    let du: String
    let au: String
    let total: Int
    let page: Int
    let pages: Int
    let csv: String
    let pagination: PaginationVue?

    /// `actions`: every action the log holds, offered by the form.
    static func construire(
        _ p: ParametresJournal, resultat: PageJournal, actions: [String], organisation o: Organisation? = nil
    ) -> AdminJournalVue {
        let pages = max(1, (resultat.total + ParametresJournal.parPage - 1) / ParametresJournal.parPage)
        return AdminJournalVue(
            entrees: resultat.entrees.map {
                Entree(
                    date: dateHeureFR($0.date), acteur: $0.acteurEmail ?? "système",
                    action: LibellesJournal.libelle($0.action), detail: $0.detail)
            },
            actions: actions.map {
                OptionVue(valeur: $0, libelle: LibellesJournal.libelle($0), selectionne: $0 == p.filtre.action)
            }.sorted { $0.libelle < $1.libelle },
            filtreUtilisateur: p.filtre.utilisateur ?? "",
            organisation: p.filtre.organisation.map { String($0.rawValue) } ?? "",
            organisationNom: o.map { "\($0.nom) (\($0.type.libelle))" },
            du: p.filtre.du?.description ?? "", au: p.filtre.au?.description ?? "",
            total: resultat.total, page: p.page, pages: pages, csv: "/admin/journal.csv?" + p.requete(),
            pagination: PaginationVue.construire(numero: p.page, pages: pages) {
                "/admin/journal?" + p.requete(page: $0)
            })
    }
}
