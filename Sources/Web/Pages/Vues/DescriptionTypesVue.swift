import Domain

/// What each type of organisation can see once its account is validated, in one sentence (step 1 of the sign-up).
/// Written from the permission table (`acces_par_type.csv`); `DescriptionTypesTests` checks that each sentence
/// promises named lists only to the types that have them.
enum DescriptionTypesVue {
    static func description(_ t: TypeOrganisation) -> String {
        switch t {
        case .organismeFormation:
            "Les effectifs de votre organisme et des formateurs dont il est responsable, avec les listes nominatives "
                + "de vos apprenants ; vous gérez les clés d'API de votre logiciel de gestion."
        case .teteDeReseau:
            "Les indicateurs et les transmissions des organismes de votre réseau, et leurs listes nominatives si "
                + "votre réseau en est responsable."
        case .dreets:
            "Les indicateurs de votre région, l'état des transmissions de tous les organismes, et les listes "
                + "nominatives des inscrits sans contrat, rupturants et abandons de votre région."
        case .ddets:
            "Les indicateurs de votre département, l'état des transmissions de tous les organismes, et les listes "
                + "nominatives des inscrits sans contrat, rupturants et abandons de votre département."
        case .academie:
            "Les indicateurs de votre académie, l'état des transmissions de tous les organismes, et les listes "
                + "nominatives des inscrits sans contrat, rupturants et abandons de votre académie."
        case .draaf, .drafpic, .conseilRegional, .carifOrefRegional:
            "Les indicateurs et l'état des transmissions des organismes de votre région, sans liste nominative."
        case .carifOrefNational, .operateurPublicNational:
            "Les indicateurs et l'état des transmissions de toute la France, sans liste nominative."
        case .arml:
            "Les indicateurs de votre région et les statistiques du suivi de ses missions locales, sans aucun nom."
        case .franceTravail:
            "Les indicateurs de votre région, sans liste nominative ni état des transmissions."
        case .missionLocale:
            "Les jeunes de votre territoire dont le contrat d'apprentissage a été rompu, à recontacter, avec leurs "
                + "coordonnées, le résultat de chaque contact et vos statistiques."
        case .administrateur:
            "Tout le service (les administrateurs sont créés par l'équipe du service)."
        }
    }

    /// What step 2 asks for this type.
    static func champ(_ t: TypeOrganisation) -> String {
        switch t.ancrage {
        case .organisme: "le SIRET ou l'UAI de votre organisme"
        case .reseau: "votre réseau"
        case .region: "votre région"
        case .departement: "votre département"
        case .academie: "votre académie"
        case .nom: "votre mission locale"
        case .national: "rien de plus : l'organisation est nationale"
        }
    }
}
