import Domain
import Foundation
import Web

extension Bench {
    /// The statistics pages of the missions locales' follow-up, as a platform administrator: national, and the
    /// région with the most missions locales in the demo référentiel (84).
    static let cheminsStatistiquesSuivi = [
        ("statistiques du suivi, national (page)", "/suivi/statistiques"),
        ("statistiques du suivi, région 84 (page)", "/suivi/statistiques?region=84"),
    ]

    /// The cases as an instance holds them (`CatalogueSuivis`): read whole as at start-up, then the follow-up
    /// statistics computed from them (`/suivi/statistiques`), nationally and for the région with the most missions
    /// locales. The first computation of a day decides every case at that day; the next ones reuse each mission
    /// locale's figures until one of its cases changes. The bound: 200 ms at 2,000,000 effectifs.
    func statistiquesSuivi(store: any StoreOuvert, regles: ReglesSuivi) async throws -> [(String, String)] {
        let referentiel = try await store.missionsLocales()
        guard !referentiel.isEmpty else { return [("statistiques du suivi des missions locales", "aucun référentiel")] }
        let t0 = ContinuousClock.now
        var catalogue = CatalogueSuivis()
        while true {
            let c = try await store.changementsSuivis(apres: catalogue.seq, limite: 20_000)
            catalogue.appliquer(c)
            if c.complet { break }
        }
        var lignes = [
            (
                "suivis des missions locales en mémoire (lecture au démarrage)",
                "\(catalogue.nombre) suivis en \(fmt(secondes(ContinuousClock.now - t0))) s"
            )
        ]
        let aujourdhui = HeureDeParis.jour(Date())
        let parRegion = Dictionary(grouping: referentiel, by: { $0.region ?? "" })
        let (region, missionsLocales) =
            parRegion.max { ($0.value.count, $1.key) < ($1.value.count, $0.key) } ?? ("", [])
        for (nom, retenues) in [
            ("statistiques du suivi, national", referentiel),
            ("statistiques du suivi, région \(region) (\(missionsLocales.count) missions locales)", missionsLocales),
        ] {
            var durees: [Double] = []
            var jeunes = 0
            for _ in 0..<max(3, min(repetitions, 10)) {
                let t = ContinuousClock.now
                jeunes =
                    catalogue.statistiques(
                        missionsLocales: retenues, regles: regles, aujourdhui: aujourdhui, periode: .tout
                    ).total.jeunes
                durees.append(secondes(ContinuousClock.now - t) * 1000)
            }
            let premier = durees.removeFirst()
            durees.sort()
            lignes.append(
                (
                    nom,
                    "\(fmt(durees[durees.count / 2])) ms ; premier calcul du jour \(fmt(premier)) ms "
                        + "(\(jeunes) jeunes dans les listes)"
                ))
        }
        // What `PrechauffageSuivis` does in the background at start-up and when the day turns: every list and every
        // period's figures of the day, so that no page pays for the first computation.
        let memoire = SuivisEnMemoire()
        _ = try await memoire.rattraper(store)
        let t1 = ContinuousClock.now
        let n = try await memoire.prechauffer(store: store, regles: regles, aujourdhui: aujourdhui)
        lignes.append(
            (
                "listes et statistiques du jour, \(n) missions locales (tâche de fond : démarrage, minuit)",
                "\(fmt(secondes(ContinuousClock.now - t1))) s"
            ))
        return lignes
    }
}
