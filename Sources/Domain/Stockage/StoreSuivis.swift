import Foundation

/// The référentiel of the missions locales (`tdb import missions-locales`) and their settings.
public protocol StoreMissionsLocales: Sendable {
    /// Inserts or updates by code, in one transaction, and bumps the référentiel's version: cases are rebuilt for
    /// the new coverage by `reconstruireSuivisSiNecessaire`.
    func importer(missionsLocales: [MissionLocale], now: Date) async throws -> BilanImport
    /// Every mission locale, by code.
    func missionsLocales() async throws -> [MissionLocale]
    /// The référentiel's version, bumped by every import (what an in-memory copy of it is checked against).
    func versionMissionsLocales() async throws -> Int64
    func missionLocale(code: String) async throws -> MissionLocale?
    func parametres(missionLocale: String) async throws -> ParametresMissionLocale
    func enregistrer(parametres: ParametresMissionLocale, missionLocale: String) async throws
}

/// The missions locales' cases (F16). Cases are derived in the batch's transaction by `enregistrer(lot:)`
/// (`DerivationSuivis`), under the rules given to `configurerSuivis`.
public protocol StoreSuivis: Sendable {
    /// The rules cases are derived under (`TDB_SUIVI_DEPUIS`); set once at start, before any batch.
    func configurerSuivis(_ regles: ReglesSuivi)
    /// Batches derive cases (always, but while `tdb bench` measures what deriving costs).
    func deriverSuivis(_ actif: Bool)
    /// Rebuilds every case row when they were derived under other rules or another référentiel (or never); returns
    /// how many effectifs were read, nil when nothing had to be done. History is kept.
    func reconstruireSuivisSiNecessaire(now: Date) async throws -> Int?

    /// The cases written and deleted after change number `apres`, at most `limite` written ones, oldest change
    /// first (what each instance's `CatalogueSuivis` follows). Every write of a case, on any path, takes the next
    /// number; numbers become visible in order.
    func changementsSuivis(apres: Int64, limite: Int) async throws -> ChangementsSuivis
    /// Every case of a mission locale (what the work list filters at today's date).
    func suivis(missionLocale: String) async throws -> [SuiviStocke]
    /// Every case, or those of these missions locales (statistics).
    func suivis(missionsLocales: [String]?) async throws -> [SuiviStocke]
    func suivi(id: SuiviID) async throws -> SuiviStocke?
    /// The effectif of a case, whole (the case page shows its contacts and contracts).
    func effectif(id: EffectifID) async throws -> EffectifStocke?
    /// The history of a case, oldest first.
    func evenements(suivi: SuiviID) async throws -> [EvenementSuivi]
    /// The active users of the organisme's organisations who chose to be shown to the missions locales.
    func contactsPourMissionsLocales(organisme: OrganismeID) async throws -> [ContactOrganisme]
    /// Whether the user is shown to the missions locales as a contact of its organisme.
    func contactPourMissionsLocales(utilisateur: UtilisateurID) async throws -> Bool
    func definir(contactPourMissionsLocales: Bool, utilisateur: UtilisateurID) async throws

    /// Appends to the history if the case is still at `versionLue`; else says who saved last and when.
    func ajouter(_ e: EvenementSuivi, a suivi: SuiviID, versionLue: Int64) async throws -> EnregistrementSuivi
    /// Appends to the history whatever the case's version (a comment adds to it, it changes nothing decided);
    /// false when there is no such case.
    func ajouter(_ e: EvenementSuivi, a suivi: SuiviID) async throws -> Bool

    /// The events of every case after `depuis` and up to `jusqua` (the daily digests), oldest first.
    func nouvellesSuivis(depuis: Date, jusqua: Date) async throws -> [NouvelleSuivi]
    /// The active users of missions locales (with its code) and of training organisations (with their organisme).
    func destinatairesResumes() async throws -> [DestinataireResume]
    /// The cases of these effectifs (a CFA's young people in rupture).
    func suivis(effectifs: [EffectifID]) async throws -> [SuiviStocke]
    /// The side has read the case's history up to its last event.
    func marquerLu(suivi: SuiviID, cote: EvenementSuivi.Cote) async throws
    /// The last event of the case the side has read (nil: never opened).
    func luJusqua(suivi: SuiviID, cote: EvenementSuivi.Cote) async throws -> Int64?
    /// These effectifs, whole, in no particular order (those that do not exist are left out).
    func effectifsStockes(ids: [EffectifID]) async throws -> [EffectifStocke]
    /// The cases of a mission locale (`.missionLocale`) or of organismes (`.organismes`) holding events of the other
    /// side that `cote` has not read.
    func nonLus(_ cote: EvenementSuivi.Cote, dans perimetre: Perimetre) async throws -> Set<SuiviID>

    /// Records a rupture the CFA declares (`DeclarationRupture`) and derives the case from it in the same
    /// transaction, so that it is in the mission locale's list at once; the declaration is in the history
    /// (`auteur`, `organisation`). Checked again against the effectif as stored then.
    func declarer(
        _ d: DeclarationRupture, effectif: EffectifID, auteur: String, organisation: String?, now: Date
    ) async throws -> ResultatDeclaration
    /// Withdraws the CFA's declaration: the case follows the ERP's data again (and leaves the list when it shows no
    /// rupture, unless the case was handled). False when no declaration is running.
    func retirerDeclaration(effectif: EffectifID, auteur: String, organisation: String?, now: Date) async throws
        -> Bool
}

/// What a declaration of rupture did.
public enum ResultatDeclaration: Sendable, Equatable {
    case declaree(SuiviID)
    /// The declared rupture puts the young person out of the missions locales' scope: nothing is written.
    case horsChamp(MotifHorsListe)
    /// The stored data has no running contract to break on that day any more (the ERP sent in between).
    case plusDeContrat
    case effectifInconnu
}

/// A person a mission locale may call about a CFA's young people.
public struct ContactOrganisme: Sendable, Equatable {
    public let nom: String
    public let email: String
    public init(nom: String, email: String) {
        self.nom = nom
        self.email = email
    }
}

/// What changed in the cases after a change number.
public struct ChangementsSuivis: Sendable {
    /// The cases as written now, each with the number of its last write.
    public var ecrits: [(seq: Int64, suivi: SuiviStocke)]
    /// The cases deleted, each with the number of its deletion.
    public var retires: [(seq: Int64, id: SuiviID)]
    /// Everything up to this number was read.
    public var jusqua: Int64
    /// Whether that is the last number given (false: read again from `jusqua`).
    public var complet: Bool

    public init(
        ecrits: [(seq: Int64, suivi: SuiviStocke)], retires: [(seq: Int64, id: SuiviID)], jusqua: Int64,
        complet: Bool
    ) {
        self.ecrits = ecrits
        self.retires = retires
        self.jusqua = jusqua
        self.complet = complet
    }
}
