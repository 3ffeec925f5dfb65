import Foundation

/// Personal data and audit (F21, F22): the retention purge, a learner's export and erasure, the journal search.
public protocol StoreDonnees: Sendable {
    /// The school years holding effectifs not yet pseudonymised.
    func anneesNominatives() async throws -> [AnneeScolaire]
    /// How many effectifs of the year are not yet pseudonymised.
    func nombreNominatifs(annee: AnneeScolaire) async throws -> Int
    /// Pseudonymises (`Effectif.pseudonymise`) up to `limite` effectifs of the year not yet pseudonymised, after
    /// the id `apres`; returns the last id done, nil when none was left.
    func pseudonymiser(annee: AnneeScolaire, apres: EffectifID?, limite: Int) async throws -> (
        nombre: Int, dernier: EffectifID
    )?
    /// The active keys unused since `avant` (12 months: they no longer authenticate), to revoke and journal.
    func clesApiInutilisees(avant: Date) async throws -> [CleApi]
    /// Counts (`simulation`) or purges the data of a kind older than `avant` — items as sent emptied, rows deleted,
    /// keys revoked — as the policy says; returns how many.
    func purger(_ genre: GenreDonnees, avant: Date, simulation: Bool, now: Date) async throws -> Int

    /// The effectifs of a learner, by key or by name and birth date.
    func effectifs(recherche: RechercheApprenant, limite: Int) async throws -> [EffectifStocke]
    /// What was received for the learner: the items of every transmission of the effectif, and the rejected
    /// items with its ERP id sent by its organismes.
    func transmissions(de e: EffectifStocke) async throws -> [TransmissionApprenant]
    /// Deletes the effectif and its transmissions, and records the erasure (key fingerprint only); returns how many
    /// transmissions were deleted.
    func effacer(_ e: EffectifStocke, empreinte: String, now: Date) async throws -> Int
    /// Erasures recorded after `numero`, in order (how every instance removes them from its index).
    func effacements(apres numero: Int64, limite: Int) async throws -> [Effacement]
    /// Erasures whose learner has not been sent again yet.
    func effacementsASurveiller() async throws -> [Effacement]
    /// The ERP ids of the effectifs created for the organisme and year since a date.
    func idsErpCrees(organisme: OrganismeID, annee: AnneeScolaire, depuis: Date) async throws -> [String]
    func noterRetour(effacement numero: Int64, now: Date) async throws
    /// Erased learners sent again, the latest first.
    func effacementsRevenus(limite: Int) async throws -> [Effacement]

    /// A page of the journal, the latest first, with the number of entries matching.
    func journal(filtre: FiltreJournal, page: Int, parPage: Int) async throws -> PageJournal
    /// The actions the journal holds, sorted.
    func actionsJournal() async throws -> [String]
}

public enum RechercheApprenant: Sendable, Equatable {
    case cle(CleEffectif)
    case identite(nom: String, prenom: String?, dateDeNaissance: Jour)

    /// Whether the names match, ignoring case and accents (the stores select by birth date, then ask this: SQLite's
    /// `lower` knows ASCII only).
    public func nommeBien(_ e: Effectif) -> Bool {
        guard case .identite(let nom, let prenom, _) = self else { return true }
        func plier(_ s: String) -> String {
            s.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil).trimmingCharacters(
                in: .whitespaces)
        }
        return plier(e.apprenant.nom) == plier(nom) && (prenom.map { plier($0) == plier(e.apprenant.prenom) } ?? true)
    }
}

/// An item received for a learner, as stored.
public struct TransmissionApprenant: Sendable, Equatable {
    public let recuLe: Date
    public let accepte: Bool
    public let donnees: String
    public let erreurs: [ErreurValidation]

    public init(recuLe: Date, accepte: Bool, donnees: String, erreurs: [ErreurValidation]) {
        self.recuLe = recuLe
        self.accepte = accepte
        self.donnees = donnees
        self.erreurs = erreurs
    }
}

/// A learner erased on request: no name, only its organisme, school year and the fingerprint of its key.
public struct Effacement: Sendable, Equatable {
    public let numero: Int64
    public let le: Date
    public let effectif: EffectifID
    /// The change number of the erased row: a later row with the same id (SQLite may reuse it) is not removed.
    public let version: Int64
    public let organisme: OrganismeID
    public let anneeScolaire: AnneeScolaire
    public let empreinte: String
    public let revenuLe: Date?

    public init(
        numero: Int64, le: Date, effectif: EffectifID, version: Int64, organisme: OrganismeID,
        anneeScolaire: AnneeScolaire,
        empreinte: String, revenuLe: Date?
    ) {
        self.numero = numero
        self.le = le
        self.effectif = effectif
        self.version = version
        self.organisme = organisme
        self.anneeScolaire = anneeScolaire
        self.empreinte = empreinte
        self.revenuLe = revenuLe
    }
}

/// The search of `/admin/journal`: every criterion optional.
public struct FiltreJournal: Sendable, Equatable {
    public var action: String?
    /// Part of the acting user's e-mail.
    public var utilisateur: String?
    /// The organisation of the acting user.
    public var organisation: OrganisationID?
    public var du: Jour?
    /// Inclusive: the whole day.
    public var au: Jour?

    public init(
        action: String? = nil, utilisateur: String? = nil, organisation: OrganisationID? = nil, du: Jour? = nil,
        au: Jour? = nil
    ) {
        self.action = action
        self.utilisateur = utilisateur
        self.organisation = organisation
        self.du = du
        self.au = au
    }
}

public struct PageJournal: Sendable, Equatable {
    public let entrees: [EntreeJournal]
    public let total: Int
    public init(entrees: [EntreeJournal], total: Int) {
        self.entrees = entrees
        self.total = total
    }
}
