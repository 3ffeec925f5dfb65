/// The kinds of organisation a user can belong to (reference-product §1, `acces_par_type.csv`).
public enum TypeOrganisation: String, Sendable, CaseIterable {
    case organismeFormation = "ORGANISME_FORMATION"
    case teteDeReseau = "TETE_DE_RESEAU"
    case dreets = "DREETS"
    case ddets = "DDETS"
    case academie = "ACADEMIE"
    case draaf = "DRAAF"
    case drafpic = "DRAFPIC"
    case conseilRegional = "CONSEIL_REGIONAL"
    case carifOrefRegional = "CARIF_OREF_REGIONAL"
    case carifOrefNational = "CARIF_OREF_NATIONAL"
    case operateurPublicNational = "OPERATEUR_PUBLIC_NATIONAL"
    case arml = "ARML"
    case franceTravail = "FRANCE_TRAVAIL"
    case missionLocale = "MISSION_LOCALE"
    case administrateur = "ADMINISTRATEUR"

    public var libelle: String {
        switch self {
        case .organismeFormation: "Organisme de formation"
        case .teteDeReseau: "Tête de réseau"
        case .dreets: "DREETS"
        case .ddets: "DDETS"
        case .academie: "Académie (rectorat)"
        case .draaf: "DRAAF"
        case .drafpic: "DRAFPIC"
        case .conseilRegional: "Conseil régional"
        case .carifOrefRegional: "CARIF-OREF régional"
        case .carifOrefNational: "CARIF-OREF national"
        case .operateurPublicNational: "Opérateur public national"
        case .arml: "ARML"
        case .franceTravail: "France Travail"
        case .missionLocale: "Mission locale"
        case .administrateur: "Administrateur"
        }
    }

    /// What identifies an organisation of this type: its organisme, its territory, its réseau, or nothing.
    public var ancrage: Ancrage {
        switch self {
        case .organismeFormation: .organisme
        case .teteDeReseau: .reseau
        case .dreets, .draaf, .drafpic, .conseilRegional, .carifOrefRegional, .arml, .franceTravail: .region
        case .ddets: .departement
        case .academie: .academie
        case .missionLocale: .nom
        case .carifOrefNational, .operateurPublicNational, .administrateur: .national
        }
    }

    public enum Ancrage: Sendable { case organisme, reseau, region, departement, academie, nom, national }

    /// Types one can sign up for (administrators are created by the CLI or by another administrator).
    public static var inscriptibles: [TypeOrganisation] { allCases.filter { $0 != .administrateur } }
}

/// What a user may do, each capability having its own perimeter (columns of `acces_par_type.csv`).
public enum Capacite: String, Sendable, CaseIterable {
    case voirContacts = "viewContacts"
    case voirTransmissions = "infoTransmissionEffectifs"
    case voirIndicateurs = "indicateursEffectifs"
    case listeApprenants = "nominatif_apprenant"
    case listeApprentis = "nominatif_apprenti"
    case listeInscritsSansContrat = "nominatif_inscritSansContrat"
    case listeRupturants = "nominatif_rupturant"
    case listeAbandons = "nominatif_abandon"
    case gererEffectifs = "manageEffectifs"
    case configurerTransmission = "configurerModeTransmission"
    /// The named cases of a mission locale: its work list, case pages, outcomes, exports (F16).
    case suiviMissionLocale = "suivi_mission_locale"
    /// The aggregated figures of the missions locales' follow-up (no names).
    case statistiquesSuivi = "statistiques_suivi"
    /// The anonymous figures of the companies' searches and requests to CFAs (F18).
    case statistiquesEntreprises = "statistiques_entreprises"

    public var libelle: String {
        switch self {
        case .voirContacts: "voir les contacts des organismes"
        case .voirTransmissions: "voir l'état des transmissions"
        case .voirIndicateurs: "voir les indicateurs"
        case .listeApprenants: "liste nominative des apprenants"
        case .listeApprentis: "liste nominative des apprentis"
        case .listeInscritsSansContrat: "liste nominative des inscrits sans contrat"
        case .listeRupturants: "liste nominative des rupturants"
        case .listeAbandons: "liste nominative des abandons"
        case .gererEffectifs: "gérer les effectifs"
        case .configurerTransmission: "configurer la transmission (clés d'API)"
        case .suiviMissionLocale: "suivre les jeunes en rupture de sa mission locale"
        case .statistiquesSuivi: "voir les statistiques du suivi des missions locales"
        case .statistiquesEntreprises: "voir les statistiques des recherches et demandes des entreprises"
        }
    }

    public static let listesNominatives: [Capacite] = [
        .listeApprenants, .listeApprentis, .listeInscritsSansContrat, .listeRupturants, .listeAbandons,
    ]
}
