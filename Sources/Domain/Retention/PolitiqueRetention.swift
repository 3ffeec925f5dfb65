import Foundation

/// A kind of stored data that the retention policy governs (F22).
public enum GenreDonnees: String, Sendable, CaseIterable, Hashable {
    /// The named fields of effectifs (names, contacts, INE, addresses).
    case effectifsNominatifs = "effectifs-nominatifs"
    /// Rejected items of a transmission, kept as sent so that the CFA can correct them.
    case itemsRejetes = "items-rejetes"
    case courriels
    case sessions
    case liensUniques = "liens-uniques"
    case clesApiInutilisees = "cles-api-inutilisees"
    case journal
    /// Cases of mission-locale follow-up: not built yet.
    case dossiersSuivi = "dossiers-suivi"
}

/// One line of the policy: which data, how long, what then happens.
public struct RegleRetention: Sendable, Equatable {
    public enum Duree: Sendable, Equatable {
        case jours(Int)
        case mois(Int)
        case ans(Int)
        /// Gone as soon as it expires (sessions, links).
        case aExpiration
    }

    public enum Action: String, Sendable, Equatable {
        case pseudonymiser = "pseudonymisées"
        case vider = "effacées (la ligne reste, sans les données envoyées)"
        case supprimer = "supprimées"
        case revoquer = "révoquées"
    }

    public let genre: GenreDonnees
    public let donnees: String
    public let depart: String
    public let duree: Duree
    public let action: Action
    /// False for a kind of data the service does not hold yet: the line says what will apply.
    public let applicable: Bool

    public var libelleDuree: String {
        switch duree {
        case .jours(let n): "\(n) jours"
        case .mois(let n): "\(n) mois"
        case .ans(let n): "\(n) ans"
        case .aExpiration: "à expiration"
        }
    }

    /// The instant before which data of this kind (counted from its `depart`) is past retention.
    public func limite(now: Date) -> Date {
        let c = Calendar.utc
        switch duree {
        case .jours(let n): return now.addingTimeInterval(-Double(n) * 86_400)
        case .mois(let n): return c.date(byAdding: .month, value: -n, to: now) ?? now
        case .ans(let n): return c.date(byAdding: .year, value: -n, to: now) ?? now
        case .aExpiration: return now
        }
    }
}

/// The retention policy as data (F22): one rule per kind of data. `tdb purge` and the daily purge of `tdb serve`
/// apply it; `/admin/retention` shows it.
public struct PolitiqueRetention: Sendable, Equatable {
    public let regles: [RegleRetention]

    public init(regles: [RegleRetention]) { self.regles = regles }

    public func regle(_ g: GenreDonnees) -> RegleRetention? { regles.first { $0.genre == g } }

    public static let defaut = PolitiqueRetention(regles: [
        RegleRetention(
            genre: .effectifsNominatifs,
            donnees:
                "Champs nominatifs des effectifs : nom, prénom, INE, courriel, téléphone, courriels des responsables, adresses, référent handicap",
            depart: "fin de l'année scolaire de l'effectif", duree: .ans(3), action: .pseudonymiser,
            applicable: true),
        RegleRetention(
            genre: .itemsRejetes, donnees: "Dossiers rejetés tels qu'envoyés par l'ERP (transmissions)",
            depart: "réception", duree: .jours(90), action: .vider, applicable: true),
        RegleRetention(
            genre: .courriels, donnees: "Courriels de la file d'envoi", depart: "création", duree: .jours(90),
            action: .supprimer, applicable: true),
        RegleRetention(
            genre: .sessions, donnees: "Sessions de connexion", depart: "expiration ou révocation",
            duree: .aExpiration, action: .supprimer, applicable: true),
        RegleRetention(
            genre: .liensUniques, donnees: "Liens à usage unique (invitations, mots de passe)",
            depart: "expiration", duree: .aExpiration, action: .supprimer, applicable: true),
        RegleRetention(
            genre: .clesApiInutilisees, donnees: "Clés d'API des ERP non utilisées",
            depart: "dernière utilisation", duree: .mois(CleApi.moisInactiviteAvantExpiration),
            action: .revoquer, applicable: true),
        RegleRetention(
            genre: .journal, donnees: "Journal des actions", depart: "date de l'action", duree: .ans(2),
            action: .supprimer, applicable: true),
        RegleRetention(
            genre: .dossiersSuivi, donnees: "Dossiers de suivi des missions locales",
            depart: "clôture du dossier", duree: .ans(2), action: .supprimer, applicable: false),
    ])

    /// The school years whose effectifs are past retention: the last day of the year is older than the duration.
    public func anneesAPseudonymiser(parmi annees: [AnneeScolaire], now: Date) -> [AnneeScolaire] {
        guard let r = regle(.effectifsNominatifs), r.applicable else { return [] }
        let limite = Jour(r.limite(now: now))
        return annees.filter { $0.dernierJour < limite }.sorted()
    }
}
