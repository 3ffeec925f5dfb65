import Domain

extension AppConfig {
    /// `TDB_SUIVI_DEPUIS`: the first day of rupture the missions locales follow (YYYY-MM-DD).
    static func lireSuivi(_ env: [String: String], _ c: inout AppConfig, _ erreurs: inout [String]) {
        guard let v = env["TDB_SUIVI_DEPUIS"], !v.isEmpty else { return }
        if let jour = Jour(iso: v), Jour.plausibles.contains(jour) {
            c.reglesSuivi = ReglesSuivi(depuis: jour)
        } else {
            erreurs.append("TDB_SUIVI_DEPUIS=\(v) : une date AAAA-MM-JJ est attendue (\(Jour.plagePlausible))")
        }
    }
}
