import Foundation
import Outils

/// What the service needs from a database. `SQLiteStore` and `PostgresStore` implement it; one contract test
/// suite runs against each.
public protocol Store: StoreOrganismes, StoreEffectifs, StoreClesApi, StoreComptes, StoreConsultation,
    StoreComptesSecurite,
    StoreLimites, StoreDonnees, StoreAdministration, StoreMissionsLocales, StoreSuivis, StoreTaches,
    StoreNotifications, StoreInvitationsJeunes, StoreRappels, StoreDemandesEntreprises, StoreRechercheEntreprises
{
    /// Checks that the database answers (health check).
    func verifier() async throws
}

public protocol StoreOrganismes: Sendable {
    func organisme(id: OrganismeID) async throws -> Organisme?
    func organisme(cle: OrganismeCle) async throws -> Organisme?
    /// The stored organismes among these couples, by couple.
    func organismes(cles: Set<OrganismeCle>) async throws -> [OrganismeCle: Organisme]
    /// For whom a key of this organisme may write: it, its formateurs, and their responsables (one query).
    func perimetreCle(de id: OrganismeID) async throws -> PerimetreCle
    /// Inserts or updates by (UAI, SIRET), all rows in one transaction.
    func importer(organismes: [OrganismeImporte]) async throws -> BilanImport
    /// Inserts or updates formations of the catalogue by (CFD, RNCP).
    func importer(formations: [FormationCatalogue]) async throws -> BilanImport
    func formations() async throws -> [FormationCatalogue]
    /// Every organisme (the indicator index keeps them all in memory).
    func tousLesOrganismes() async throws -> [Organisme]
    /// Adds responsable → formateur links (by couples already resolved) and recomputes partial responsibility.
    func importer(relations: [(responsable: OrganismeID, formateur: OrganismeID)]) async throws -> BilanImport
}

public protocol StoreEffectifs: Sendable {
    /// Records a whole batch in one transaction: every item as a transmission row, every accepted dossier merged
    /// into its effectif with its timeline rebuilt, the transmission dates of the organismes. All or nothing.
    func enregistrer(lot: LotPrepare) async throws -> [ItemEnregistre]
    func effectif(cle: CleEffectif) async throws -> EffectifStocke?
    func effectifs(organismes: [OrganismeID], annee: AnneeScolaire?, page: Int, limite: Int) async throws
        -> PageEffectifs
    func nombreEffectifs() async throws -> Int
    /// Streams every effectif as the indicator index needs it, in batches, in id order. A row that cannot be read
    /// is told to `illisible` and left out when it is given (start-up: the rest is served), thrown otherwise.
    func parcourirEffectifs(
        taillePaquet: Int, illisible: (@Sendable (LigneIllisible) -> Void)?,
        _ traiter: @Sendable ([EffectifIndexable]) throws -> Void) async throws
    func nombreTransmissions() async throws -> Int
    /// The change numbers of the database. Every batch numbers the effectifs it writes after the last number,
    /// under a lock held until its commit, so numbers become visible in order.
    func versions() async throws -> VersionsBase
    /// The effectifs written after change `version`, in change order (how an instance follows the others).
    func changements(apres version: Int64, limite: Int) async throws -> [EffectifIndexable]
}

extension StoreEffectifs {
    /// Streams every effectif; the first row that cannot be read is thrown.
    public func parcourirEffectifs(taillePaquet: Int, _ traiter: @Sendable ([EffectifIndexable]) throws -> Void)
        async throws
    {
        try await parcourirEffectifs(taillePaquet: taillePaquet, illisible: nil, traiter)
    }
}

/// Where the database stands: the last change number of the effectifs, and a number bumped by every import of
/// organismes, relations or formations.
public struct VersionsBase: Sendable, Equatable {
    public var effectifs: Int64
    public var organismes: Int64
    public init(effectifs: Int64, organismes: Int64) {
        self.effectifs = effectifs
        self.organismes = organismes
    }
}

public protocol StoreClesApi: Sendable {
    /// A new key of `organisme`, named, with its prefix in clear and only the hash of its value.
    func creerCleApi(organisme: OrganismeID, nom: String, prefixe: String, hash: String, now: Date) async throws
        -> CleApi
    func cleApi(hash: String) async throws -> CleApi?
    func cleUtilisee(_ id: CleApiID, now: Date) async throws
    /// Revokes the active keys of an organisme (or the one with this hash); returns how many were revoked.
    func revoquerClesApi(organisme: OrganismeID?, hash: String?, now: Date) async throws -> Int
}

extension StoreClesApi {
    /// A key without name or prefix (the command line, tests).
    public func creerCleApi(organisme: OrganismeID, hash: String, now: Date) async throws -> CleApi {
        try await creerCleApi(organisme: organisme, nom: "", prefixe: "", hash: hash, now: now)
    }
}

/// What the indicator index keeps of an effectif.
public struct EffectifIndexable: Sendable, Equatable {
    public let id: EffectifID
    public let organisme: OrganismeID
    public let anneeScolaire: AnneeScolaire
    public let dateDeNaissance: Jour
    public let anneeFormation: Int?
    public let cfd: String?
    public let rncp: String?
    public let parcours: Parcours
    /// The change number of the write that produced this state (0 when unknown).
    public let version: Int64
    /// When that write happened (the transmission that produced it), when read back as a change.
    public let transmisLe: Date?

    public init(
        id: EffectifID, organisme: OrganismeID, anneeScolaire: AnneeScolaire, dateDeNaissance: Jour,
        anneeFormation: Int?, cfd: String?, rncp: String?, parcours: Parcours, version: Int64 = 0,
        transmisLe: Date? = nil
    ) {
        self.id = id
        self.version = version
        self.transmisLe = transmisLe
        self.organisme = organisme
        self.anneeScolaire = anneeScolaire
        self.dateDeNaissance = dateDeNaissance
        self.anneeFormation = anneeFormation
        self.cfd = cfd
        self.rncp = rncp
        self.parcours = parcours
    }

    public init(_ s: EffectifStocke, version: Int64 = 0) {
        let e = s.effectif
        self.init(
            id: s.id, organisme: e.organismeId, anneeScolaire: e.anneeScolaire,
            dateDeNaissance: e.apprenant.dateDeNaissance,
            anneeFormation: e.formation.annee, cfd: e.formation.cfd, rncp: e.formation.rncp, parcours: s.parcours,
            version: version)
    }
}

/// An effectif with its id and timeline, as read back.
public struct EffectifStocke: Sendable, Equatable {
    public let id: EffectifID
    public let effectif: Effectif
    public let parcours: Parcours

    public init(id: EffectifID, effectif: Effectif, parcours: Parcours) {
        self.id = id
        self.effectif = effectif
        self.parcours = parcours
    }
}

/// A line of `GET /api/v3/effectifs`.
public struct LigneEffectif: Sendable, Equatable {
    public let idErpApprenant: String
    public let anneeScolaire: AnneeScolaire
    public let uai: UAI?
    public let siret: SIRET
    public let parcours: Parcours

    public init(idErpApprenant: String, anneeScolaire: AnneeScolaire, uai: UAI?, siret: SIRET, parcours: Parcours) {
        self.idErpApprenant = idErpApprenant
        self.anneeScolaire = anneeScolaire
        self.uai = uai
        self.siret = siret
        self.parcours = parcours
    }
}

public struct PageEffectifs: Sendable, Equatable {
    public let lignes: [LigneEffectif]
    public let total: Int
    public init(lignes: [LigneEffectif], total: Int) {
        self.lignes = lignes
        self.total = total
    }
}

public struct BilanImport: Sendable, Equatable {
    public var crees: Int
    public var misAJour: Int
    public init(crees: Int = 0, misAJour: Int = 0) {
        self.crees = crees
        self.misAJour = misAJour
    }
}
