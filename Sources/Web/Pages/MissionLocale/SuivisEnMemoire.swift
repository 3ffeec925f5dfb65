import Domain

/// This instance's copy of the missions locales' cases (`CatalogueSuivis`): read whole at start, then brought up to
/// date before each use with only the cases written or deleted since — by any instance. Work lists and statistics
/// are computed from it, and kept until a case of theirs changes.
public actor SuivisEnMemoire {
    private var catalogue = CatalogueSuivis()
    /// The read in progress: concurrent callers wait for it rather than reading the same changes again.
    private var lecture: Task<Void, any Error>?
    private var numeroLecture = 0
    /// The référentiel of the missions locales and its coverage, as of a version of it.
    private var referentiel: (version: Int64, missionsLocales: [MissionLocale], couverture: CouvertureMissionsLocales)?

    public init() {}

    /// Reads what changed since the last look; returns how many cases are held. A read started before the call
    /// may miss a write the caller just made: the call waits for it, then reads again. The read clears itself when
    /// it ends, on the actor, before its waiters resume: a waiter never finds a finished read still in place (it
    /// would wait for it again and again without ever letting the read's owner run).
    @discardableResult
    public func rattraper(_ store: any Store) async throws -> Int {
        while let l = lecture { _ = try? await l.value }
        numeroLecture += 1
        let numero = numeroLecture
        let t = Task {
            defer { if numeroLecture == numero { lecture = nil } }
            try await lire(store)
        }
        lecture = t
        try await t.value
        return catalogue.nombre
    }

    private func lire(_ store: any Store) async throws {
        while true {
            let changements = try await store.changementsSuivis(apres: catalogue.seq, limite: 20_000)
            catalogue.appliquer(changements)
            if changements.complet { return }
        }
    }

    /// The référentiel of the missions locales, read again only when an import changed it (its 306 rows and their
    /// communes cost a statistics page most of its time).
    func referentiel(_ store: any Store) async throws -> (
        version: Int64, missionsLocales: [MissionLocale], couverture: CouvertureMissionsLocales
    ) {
        let version = try await store.versionMissionsLocales()
        if let r = referentiel, r.version == version { return r }
        let liste = try await store.missionsLocales()
        let r = (version: version, missionsLocales: liste, couverture: CouvertureMissionsLocales(liste))
        referentiel = r
        return r
    }

    func declares(organismes: Set<OrganismeID>, store: any Store) async throws -> [SuiviStocke] {
        try await rattraper(store)
        return catalogue.declares(organismes: organismes)
    }

    /// The cases of these learners and those of the organismes' learners whose rupture their CFA declared, with
    /// the change number of each case's last write.
    func suivis(effectifs: [EffectifID], declaresDe organismes: Set<OrganismeID>, store: any Store) async throws
        -> [EffectifID: (seq: Int64, suivi: SuiviStocke)]
    {
        try await rattraper(store)
        return catalogue.suivis(
            effectifs: effectifs + catalogue.declares(organismes: organismes).map(\.ligne.effectif))
    }

    func cas(missionLocale: String, store: any Store, regles: ReglesSuivi, aujourdhui: Jour) async throws
        -> [CasSuivi]
    {
        try await rattraper(store)
        return catalogue.cas(missionLocale: missionLocale, regles: regles, aujourdhui: aujourdhui)
    }

    /// Computes each mission locale's list and figures of every period for the day, one mission locale at a time
    /// (pages are served in between), so that the first page of the day does not pay for them; returns how many.
    public func prechauffer(store: any Store, regles: ReglesSuivi, aujourdhui: Jour) async throws -> Int {
        let missionsLocales = try await referentiel(store).missionsLocales
        for ml in missionsLocales {
            try await rattraper(store)
            for p in PeriodeStatistiques.allCases {
                _ = catalogue.statistiques(missionsLocales: [ml], regles: regles, aujourdhui: aujourdhui, periode: p)
            }
            await Task.yield()
        }
        return missionsLocales.count
    }

    func statistiques(
        missionsLocales: [MissionLocale], store: any Store, regles: ReglesSuivi, aujourdhui: Jour,
        periode: PeriodeStatistiques
    ) async throws -> StatistiquesSuivis {
        try await rattraper(store)
        return catalogue.statistiques(
            missionsLocales: missionsLocales, regles: regles, aujourdhui: aujourdhui, periode: periode)
    }
}
