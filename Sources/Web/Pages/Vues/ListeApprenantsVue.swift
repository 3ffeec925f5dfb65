import Domain
import Mustache

/// One screen page of a named list of learners (`liste-apprenants`, in the list page and the organisme page):
/// search form, count, rows with their timeline, pagination links that keep the rest of the query.
struct ListeApprenantsVue: Sendable {
    struct Ligne: Sendable {
        let nom: String
        let prenom: String
        let naissance: String
        let organisme: String
        /// The organisme's page, when the account may open it.
        let lienOrganisme: String?
        let formation: String
        let statut: String
        let statutCle: String
        /// Written by `FriseParcours` (escaped there).
        let frise: String
        /// Only for users who may see contacts.
        let courriel: String?
        let telephone: String?
        let transmis: String
    }

    let total: String
    /// Contacts are shown: the user may see them and at least one row of the page has one.
    let contacts: Bool
    /// The formation column is shown: at least one row of the page has one.
    let colonneFormation: Bool
    let recherche: String
    /// The list is too long to be sorted by name on screen: pages follow the order of arrival.
    let ordreArrivee: Bool
    let lignes: [Ligne]
    let pagination: PaginationVue?
    /// The rest of the query, kept by the search form.
    let champsCaches: [ChampCacheVue]
    /// The status and formation filters (an organisme's page).
    let filtreStatut: Bool
    let statuts: [OptionVue]
    let formationsProposees: [OptionVue]

    /// `ecran`: the rows of page `numero` (50 a page) and how many match; `aujourdhui`: the date of the statuses.
    static func construire(
        _ ecran: ListesNominatives.Ecran, aujourdhui: Jour, contacts: Bool, query: [(String, String)],
        chemin: String, ancre: String? = nil, lienOrganisme: (OrganismeID) -> String?,
        champsCaches: [(String, String)],
        statuts: [OptionVue]? = nil, formationsProposees: [OptionVue] = []
    ) -> ListeApprenantsVue {
        let sansPage = query.filter { $0.0 != "page" }
        let pages = max(1, (ecran.total + ListesNominatives.parPage - 1) / ListesNominatives.parPage)
        let lignes = ecran.lignes.map {
            ligne($0, aujourdhui: aujourdhui, contacts: contacts, lien: lienOrganisme($0.effectif.organisme))
        }
        // Empty columns are left out.
        let avecContacts = lignes.contains { !($0.courriel ?? "").isEmpty || !($0.telephone ?? "").isEmpty }
        return ListeApprenantsVue(
            total: nombre(ecran.total), contacts: avecContacts, colonneFormation: lignes.contains { !$0.formation.isEmpty },
            recherche: ecran.recherche,
            ordreArrivee: ecran.total > ListesNominatives.triParNomJusqua && ecran.recherche.isEmpty,
            lignes: lignes,
            pagination: PaginationVue.construire(numero: ecran.numero, pages: pages) {
                VueTableau.adresse(chemin, sansPage + [("page", String($0))], ancre: ancre)
            },
            champsCaches: ChampCacheVue.liste(champsCaches), filtreStatut: statuts != nil, statuts: statuts ?? [],
            formationsProposees: formationsProposees)
    }

    static func ligne(_ l: ListesNominatives.Ligne, aujourdhui: Jour, contacts: Bool, lien: String?) -> Ligne {
        let e = l.effectif
        let s = ListesNominatives.libelleStatut(l.statut)
        return Ligne(
            nom: e.nom, prenom: e.prenom, naissance: Classeur.dateFrancaise(e.dateDeNaissance),
            organisme: l.organisme?.nom ?? "", lienOrganisme: lien,
            formation: l.formation ?? e.cfd ?? e.rncp ?? "", statut: s.libelle, statutCle: s.cle,
            frise: FriseParcours.svg(e.parcours, debut: e.dateEntree, fin: e.dateFin, aujourdhui: aujourdhui),
            courriel: contacts ? e.courriel ?? "" : nil, telephone: contacts ? e.telephone ?? "" : nil,
            transmis: Classeur.dateFrancaise(HeureDeParis.jour(e.transmisLe)))
    }
}

// Rows of a list without reflection; `contacts` is read from the list itself.
extension ListeApprenantsVue.Ligne: MustacheParent {
    func child(named champ: String) -> Any? {
        switch champ {
        case "nom": self.nom
        case "prenom": self.prenom
        case "naissance": self.naissance
        case "organisme": self.organisme
        case "lienOrganisme": (self.lienOrganisme as Any?) ?? false
        case "formation": self.formation
        case "statut": self.statut
        case "statutCle": self.statutCle
        case "frise": self.frise
        case "courriel": self.courriel
        case "telephone": self.telephone
        case "transmis": self.transmis
        default: nil
        }
    }
}

// Read from every row (`contacts`): by name, without reflection.
extension ListeApprenantsVue: MustacheParent {
    func child(named champ: String) -> Any? {
        switch champ {
        case "total": total
        case "contacts": contacts
        case "colonneFormation": colonneFormation
        case "recherche": recherche
        case "ordreArrivee": ordreArrivee
        case "lignes": lignes
        case "pagination": pagination
        case "champsCaches": champsCaches
        case "filtreStatut": filtreStatut
        case "statuts": statuts
        case "formationsProposees": formationsProposees
        default: nil
        }
    }
}
