import Domain
import Foundation

/// Removing an erased learner (F22): its row leaves every bucket the scans and counts read, so it counts nowhere;
/// its slot in the columns stays, unused, until the next start-up builds the index afresh.
extension IndexIndicateurs {
    /// Removes the rows of these erasures, unless a row holds a later write (an id SQLite gave again).
    public func retirer(_ effacements: [Effacement]) {
        guard !effacements.isEmpty else { return }
        ecriture { Self.retirer(effacements, de: &$0) }
    }

    private static func retirer(_ effacements: [Effacement], de c: inout Colonnes) {
        for e in effacements { c.retirer(e) }
        c.effacementSuivi = max(c.effacementSuivi, effacements.map(\.numero).max() ?? 0)
    }

    /// Applies the erasures recorded after the followed one (made by this instance or another); returns how many.
    func suivreEffacements(depuis store: any Store) async throws -> Int {
        var n = 0
        while true {
            let depuis = await lecture { $0.effacementSuivi }
            let lus = try await store.effacements(apres: depuis, limite: 1_000)
            guard !lus.isEmpty else { return n }
            await ecritureEnReserve { Self.retirer(lus, de: &$0) }
            n += lus.count
        }
    }
}
