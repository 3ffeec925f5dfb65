import Domain

/// The cases as last read from the store, by mission locale and for all of them (statistics), kept while the
/// store's `signatureSuivis` is unchanged: no batch written, no event saved, no rebuild, same référentiel — on any
/// instance. A page then filters them at today's date without reading and decoding thousands of rows again.
actor CacheSuivis {
    private var signature: [Int64] = []
    private var parMissionLocale: [String: [SuiviStocke]] = [:]
    private var tous: [SuiviStocke]?

    /// Forgets everything when the store moved on.
    private func valider(_ store: any Store) async throws {
        let actuelle = try await store.signatureSuivis()
        guard actuelle != signature else { return }
        signature = actuelle
        parMissionLocale = [:]
        tous = nil
    }

    func suivis(missionLocale code: String, store: any Store) async throws -> [SuiviStocke] {
        try await valider(store)
        if let s = parMissionLocale[code] { return s }
        let s = try await store.suivis(missionLocale: code)
        parMissionLocale[code] = s
        return s
    }

    /// Every case, or those of these missions locales (each read once, as for its work list).
    func suivis(missionsLocales codes: [String]?, store: any Store) async throws -> [SuiviStocke] {
        try await valider(store)
        guard let codes else {
            if tous == nil { tous = try await store.suivis(missionsLocales: nil) }
            return tous ?? []
        }
        if let tous {
            let retenues = Set(codes)
            return tous.filter { $0.ligne.missionLocale.map(retenues.contains) ?? false }
        }
        var resultat: [SuiviStocke] = []
        for code in Set(codes).sorted() {
            if parMissionLocale[code] == nil { parMissionLocale[code] = try await store.suivis(missionLocale: code) }
            resultat += parMissionLocale[code] ?? []
        }
        return resultat
    }
}
