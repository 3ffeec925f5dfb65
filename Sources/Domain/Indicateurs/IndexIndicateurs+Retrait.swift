import Foundation

/// Removing an erased learner (F22): its row leaves every bucket the scans and counts read, so it counts nowhere;
/// its slot in the columns stays, unused, until the next start-up builds the index afresh.
extension IndexIndicateurs {
    /// Removes the rows of these erasures, unless a row holds a later write (an id SQLite gave again).
    public func retirer(_ effacements: [Effacement]) {
        guard !effacements.isEmpty else { return }
        verrou.withLock {
            for e in effacements {
                guard let r = ligneParId[e.effectif.rawValue], versionLigne[Int(r)] <= e.version else { continue }
                let i = Int(r)
                let cleAnnee = Self.cleAnnee(e.anneeScolaire)
                lignesParAnnee[cleAnnee]?.removeAll { $0 == r }
                let cle = Self.cleComptage(orgId[i], cleAnnee)
                lignesParComptage[cle]?.removeAll { $0 == r }
                comptagesPerimes.insert(cle)
                ligneParId[e.effectif.rawValue] = nil
                generationInterne &+= 1
                org[i] = -1
                nbEtapes[i] = 0
            }
            effacementSuivi = max(effacementSuivi, effacements.map(\.numero).max() ?? 0)
        }
    }

    /// Applies the erasures recorded after the followed one (made by this instance or another); returns how many.
    func suivreEffacements(depuis store: any Store) async throws -> Int {
        var n = 0
        while true {
            let depuis = verrou.withLock { effacementSuivi }
            let lus = try await store.effacements(apres: depuis, limite: 1_000)
            guard !lus.isEmpty else { return n }
            retirer(lus)
            n += lus.count
        }
    }
}
