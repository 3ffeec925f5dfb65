import Foundation

/// Typed id of a case.
public struct SuiviID: Hashable, Sendable, CustomStringConvertible {
    public let rawValue: Int64
    public init(_ rawValue: Int64) { self.rawValue = rawValue }
    public var description: String { String(rawValue) }
}

/// What a case row holds, derived from the effectif in the batch's transaction (`DerivationSuivis`).
public struct LigneSuivi: Sendable, Equatable {
    public var effectif: EffectifID
    public var missionLocale: String?
    public var organisme: OrganismeID
    /// The latest rupture on or after the start of follow-up at an eligible age (nil when there is none).
    public var rupture: Jour?
    public var nom: String
    public var prenom: String
    public var dateDeNaissance: Jour
    public var rqth: Bool
    public var communeInsee: String?
    public var codePostal: String?
    public var cfd: String?
    public var rncp: String?
    public var parcours: Parcours
    /// The day of a rupture declared by the CFA that the ERP's data does not show yet: the timeline above has it.
    public var ruptureDeclaree: Jour?

    public init(
        effectif: EffectifID, missionLocale: String?, organisme: OrganismeID, rupture: Jour?, nom: String,
        prenom: String, dateDeNaissance: Jour, rqth: Bool, communeInsee: String?, codePostal: String?,
        cfd: String?, rncp: String?, parcours: Parcours, ruptureDeclaree: Jour? = nil
    ) {
        self.effectif = effectif
        self.missionLocale = missionLocale
        self.organisme = organisme
        self.rupture = rupture
        self.nom = nom
        self.prenom = prenom
        self.dateDeNaissance = dateDeNaissance
        self.rqth = rqth
        self.communeInsee = communeInsee
        self.codePostal = codePostal
        self.cfd = cfd
        self.rncp = rncp
        self.parcours = parcours
        self.ruptureDeclaree = ruptureDeclaree
    }

    /// Whether it is a case: a mission locale covers the residence and a rupture qualifies.
    public var estCandidat: Bool { missionLocale != nil && rupture != nil }

    public var faits: FaitsSuivi {
        FaitsSuivi(
            parcours: parcours, dateDeNaissance: dateDeNaissance, rqth: rqth, communeInsee: communeInsee,
            codePostal: codePostal)
    }
}

/// A case as read back: its derived row and the summary its history keeps up to date.
public struct SuiviStocke: Sendable, Equatable {
    public let id: SuiviID
    public var ligne: LigneSuivi
    /// Bumped by every event: the version a form was read at must still be current when it is saved.
    public var version: Int64
    public var creeLe: Date
    /// The last outcome recorded, and the rupture it was about.
    public var dernierResultat: ResultatContact?
    public var ruptureDuResultat: Jour?
    public var resultatLe: Date?
    /// The first outcome ever recorded (the reached rate and the delay to a first contact are read from it).
    public var premierResultatLe: Date?
    /// An outcome was recorded or the CFA sent the case: it stays in the list after a new contract.
    public var prisEnCharge: Bool
    /// When the CFA first asked for the mission locale's support.
    public var demandeCFALe: Date?
    /// The young person's last answer on their personal page, and when.
    public var reponseJeune: ReponseJeune?
    public var reponseJeuneLe: Date?

    public init(
        id: SuiviID, ligne: LigneSuivi, version: Int64, creeLe: Date, dernierResultat: ResultatContact? = nil,
        ruptureDuResultat: Jour? = nil, resultatLe: Date? = nil, premierResultatLe: Date? = nil,
        prisEnCharge: Bool = false, demandeCFALe: Date? = nil, reponseJeune: ReponseJeune? = nil,
        reponseJeuneLe: Date? = nil
    ) {
        self.demandeCFALe = demandeCFALe
        self.id = id
        self.ligne = ligne
        self.version = version
        self.creeLe = creeLe
        self.dernierResultat = dernierResultat
        self.ruptureDuResultat = ruptureDuResultat
        self.resultatLe = resultatLe
        self.premierResultatLe = premierResultatLe
        self.prisEnCharge = prisEnCharge
        self.reponseJeune = reponseJeune
        self.reponseJeuneLe = reponseJeuneLe
    }

    /// The young person answered and no outcome was recorded since: the mission locale should act on it.
    public var reponseJeuneEnAttente: Bool {
        guard let le = reponseJeuneLe, reponseJeune != nil else { return false }
        return resultatLe.map { $0 < le } ?? true
    }

    /// The outcome recorded for this rupture: one recorded for an earlier rupture does not count for a new one.
    public func resultat(pour rupture: Jour) -> ResultatContact? {
        ruptureDuResultat == rupture ? dernierResultat : nil
    }
}

/// One line of a case's history: never rewritten.
public struct EvenementSuivi: Sendable, Equatable {
    public enum Genre: String, Sendable, CaseIterable {
        /// The mission locale recorded the outcome of a contact attempt.
        case resultat = "RESULTAT"
        /// The young person moved: the case went from one mission locale to another.
        case transfert = "TRANSFERT"
        /// The young person was sent a personal link (`email`) to answer.
        case invitationJeune = "INVITATION_JEUNE"
        /// The young person answered on their personal page (`reponseJeune`, `telephone`).
        case reponseJeune = "REPONSE_JEUNE"
        /// The CFA asked the mission locale to support the young person (`demande`).
        case demandeCFA = "DEMANDE_CFA"
        /// A comment of the CFA or of the mission locale, read by both.
        case commentaire = "COMMENTAIRE"
        /// The CFA declared a rupture its ERP had not sent (`rupture`, the cause in `commentaire`).
        case declarationRupture = "DECLARATION_RUPTURE"
        /// The CFA withdrew its declaration: the case follows the ERP's data again.
        case declarationRetiree = "DECLARATION_RETIREE"
        /// The ERP's data came after a declaration: the case follows it again (`rupture`: the ERP's, if any; how it
        /// compares with the declaration in `commentaire`).
        case rapprochementERP = "RAPPROCHEMENT_ERP"
    }

    /// Which side wrote an event: each side is told of what the other wrote.
    public enum Cote: String, Sendable, CaseIterable {
        case cfa = "CFA"
        case missionLocale = "ML"
        case service = "SERVICE"
        /// The young person, on their personal page: only the mission locale reads it.
        case jeune = "JEUNE"

        /// The sides whose events `cote` is told of: the CFA reads the mission locale's; the mission locale the
        /// CFA's and the young person's answers.
        public static func autres(que cote: Cote) -> [Cote] {
            switch cote {
            case .cfa: [.missionLocale]
            case .missionLocale: [.cfa, .jeune]
            case .service, .jeune: []
            }
        }

        /// The sides that read the other's news (each has an unread counter).
        public static let lecteurs: [Cote] = allCases.filter { !autres(que: $0).isEmpty }

        /// The sides told of an event this side wrote.
        public var lecteurs: [Cote] { Self.lecteurs.filter { Self.autres(que: $0).contains(self) } }
    }

    /// The author of what the service does by itself (a transfer when the young person moves).
    public static let auteurService = "Tableau de bord (automatique)"
    /// The author of an answer given on the personal page.
    public static let auteurJeune = "Le jeune (page personnelle)"

    public var id: Int64
    public var le: Date
    public var genre: Genre
    /// Who: the user's name and e-mail at the time, or the service.
    public var auteur: String
    public var organisation: String?
    public var rupture: Jour?
    public var resultat: ResultatContact?
    public var commentaire: String?
    public var dejaConnu: Bool
    /// For a transfer: the mission locale it came from and the one it went to.
    public var de: String?
    public var vers: String?
    /// For a CFA's request: what it asked.
    public var demande: DemandeAccompagnement?

    /// The side that wrote it: the CFA for its requests and its comments, the service for transfers.
    public var cote: Cote {
        switch genre {
        case .resultat: .missionLocale
        case .transfert: .service
        case .demandeCFA, .declarationRupture, .declarationRetiree: .cfa
        case .rapprochementERP: .service
        case .invitationJeune: .missionLocale
        case .reponseJeune: .jeune
        case .commentaire: organisationCFA ? .cfa : .missionLocale
        }
    }
    /// Whether the CFA may read it: not the invitation of the young person nor their answer, which their page
    /// promises only the mission locale reads.
    public var visibleParLeCFA: Bool { !Self.invisiblesParLeCFA.contains(genre) }
    public static let invisiblesParLeCFA: [Genre] = [.invitationJeune, .reponseJeune]

    /// The sides this event is news for: the other side, when it may read it.
    public var lecteurs: [Cote] { cote.lecteurs.filter { $0 != .cfa || visibleParLeCFA } }

    /// Whether a history holds news for this side after what it read: opening the case then marks it read (else
    /// no write is needed).
    public static func nouvelles(_ evenements: [EvenementSuivi], pour cote: Cote, luJusqua: Int64?) -> Bool {
        evenements.contains { $0.id > (luJusqua ?? 0) && $0.lecteurs.contains(cote) }
    }

    /// The genres a side is told of when written by a side it reads, as SQL literals (the unread table's fill).
    public static func genresLusSQL(par cote: Cote) -> String {
        Genre.allCases.filter { cote != .cfa || !invisiblesParLeCFA.contains($0) }.map { "'\($0.rawValue)'" }
            .joined(separator: ", ")
    }
    /// For a comment: written by a CFA's user.
    public var organisationCFA: Bool
    /// For an invitation: the address it was sent to. For an answer: what the young person said, and the phone
    /// number they gave.
    public var email: String?
    public var reponseJeune: ReponseJeune?
    public var telephone: String?

    public init(
        id: Int64 = 0, le: Date, genre: Genre, auteur: String, organisation: String? = nil, rupture: Jour? = nil,
        resultat: ResultatContact? = nil, commentaire: String? = nil, dejaConnu: Bool = false, de: String? = nil,
        vers: String? = nil, demande: DemandeAccompagnement? = nil, organisationCFA: Bool = false,
        email: String? = nil, reponseJeune: ReponseJeune? = nil, telephone: String? = nil
    ) {
        self.demande = demande
        self.organisationCFA =
            organisationCFA || genre == .demandeCFA || genre == .declarationRupture || genre == .declarationRetiree
        self.id = id
        self.le = le
        self.genre = genre
        self.auteur = auteur
        self.organisation = organisation
        self.rupture = rupture
        self.resultat = resultat
        self.commentaire = commentaire
        self.dejaConnu = dejaConnu
        self.de = de
        self.vers = vers
        self.email = email
        self.reponseJeune = reponseJeune
        self.telephone = telephone
    }
}

/// What saving an event did: written (the case's new version), or refused because someone saved before.
public enum EnregistrementSuivi: Sendable, Equatable {
    case fait(version: Int64)
    case conflit(auteur: String, le: Date)
    case inconnu
}
