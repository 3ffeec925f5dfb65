/// The kinds of e-mail a user can turn on or off on `/mon-compte/notifications` (all on by default).
public enum GenreNotification: String, Sendable, CaseIterable, Hashable {
    case resumeQuotidienMissionLocale = "resume-quotidien-mission-locale"
    case resumeQuotidienCFA = "resume-quotidien-cfa"
    case recapitulatifHebdomadaireMissionLocale = "recapitulatif-hebdomadaire-mission-locale"
    case alerteTransmission = "alerte-transmission"

    public var libelle: String {
        switch self {
        case .resumeQuotidienMissionLocale: "Résumé quotidien mission locale"
        case .resumeQuotidienCFA: "Résumé quotidien CFA"
        case .recapitulatifHebdomadaireMissionLocale: "Récapitulatif hebdomadaire mission locale"
        case .alerteTransmission: "Alerte de transmission"
        }
    }

    public var description: String {
        switch self {
        case .resumeQuotidienMissionLocale:
            "Chaque matin : les nouvelles demandes des CFA et les jeunes qui ont répondu."
        case .resumeQuotidienCFA: "Chaque matin : les nouvelles de la mission locale sur vos jeunes."
        case .recapitulatifHebdomadaireMissionLocale: "Chaque lundi : les dossiers en attente."
        case .alerteTransmission:
            "Quand votre organisme n'a plus transmis ses effectifs depuis 30 jours (au plus une fois par mois)."
        }
    }

    /// The kinds that concern a user of this type of organisation with this role (the transmission alert goes to
    /// the administrators of an organisme's organisation only).
    public static func pertinents(pour type: TypeOrganisation, role: Role) -> [GenreNotification] {
        switch type {
        case .missionLocale: [.resumeQuotidienMissionLocale, .recapitulatifHebdomadaireMissionLocale]
        case .organismeFormation:
            role == .administrateur ? [.resumeQuotidienCFA, .alerteTransmission] : [.resumeQuotidienCFA]
        default: []
        }
    }
}
