import Domain
import Foundation

extension Bench {
    /// The follow-up statistics of the missions locales (F16) as `/suivi/statistiques` computes them: the cases read
    /// from the store, then counted (`StatistiquesSuivis.calculer`), nationally and for the région with the most
    /// missions locales. The bound: 200 ms at 2,000,000 effectifs.
    func statistiquesSuivi(store: any StoreOuvert, regles: ReglesSuivi) async throws -> [(String, String)] {
        let referentiel = try await store.missionsLocales()
        guard !referentiel.isEmpty else { return [("statistiques du suivi des missions locales", "aucun référentiel")] }
        let aujourdhui = Jour(Date())
        let parRegion = Dictionary(grouping: referentiel, by: { $0.region ?? "" })
        let (region, missionsLocales) =
            parRegion.max { ($0.value.count, $1.key) < ($1.value.count, $0.key) } ?? ("", [])
        var lignes: [(String, String)] = []
        var nombre = 0
        for (nom, codes, retenues) in [
            ("statistiques du suivi, national", nil as [String]?, referentiel),
            (
                "statistiques du suivi, région \(region) (\(missionsLocales.count) missions locales)",
                missionsLocales.map(\.code), missionsLocales
            ),
        ] {
            var lecture: [Double] = []
            var calcul: [Double] = []
            for _ in 0..<max(3, min(repetitions, 10)) {
                let t0 = ContinuousClock.now
                let suivis = try await store.suivis(missionsLocales: codes)
                let t1 = ContinuousClock.now
                let s = StatistiquesSuivis.calculer(
                    suivis: suivis, missionsLocales: retenues, regles: regles, aujourdhui: aujourdhui,
                    periode: .tout)
                let t2 = ContinuousClock.now
                nombre = s.total.jeunes
                lecture.append(secondes(t1 - t0) * 1000)
                calcul.append(secondes(t2 - t1) * 1000)
            }
            let total = zip(lecture, calcul).map { $0 + $1 }.sorted()
            lignes.append(
                (
                    nom,
                    "\(fmt(total[total.count / 2])) ms / \(fmt(total[total.count - 1])) ms (lecture "
                        + "\(fmt(lecture.sorted()[lecture.count / 2])) ms, calcul \(fmt(calcul.sorted()[calcul.count / 2])) ms ; "
                        + "\(nombre) jeunes dans les listes)"
                ))
        }
        return lignes
    }
}
