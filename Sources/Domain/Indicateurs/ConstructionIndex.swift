import Foundation

extension IndexIndicateurs {
    /// Builds the index from the store: organismes and catalogue, then every effectif streamed in batches.
    /// `progression` is told the number of effectifs read so far, every `pas` effectifs.
    public static func construire(depuis store: any Store, pas: Int = 100_000,
                                  progression: @escaping @Sendable (Int) -> Void = { _ in }) async throws -> IndexIndicateurs {
        let index = IndexIndicateurs()
        index.charger(organismes: try await store.tousLesOrganismes(), catalogue: Catalogue(try await store.formations()))
        let compteur = Compteur()
        try await store.parcourirEffectifs(taillePaquet: 10_000) { paquet in
            index.appliquer(paquet)
            let total = compteur.ajouter(paquet.count)
            if total / pas != (total - paquet.count) / pas { progression(total) }
        }
        index.compacter()
        return index
    }

    final class Compteur: @unchecked Sendable {
        private var n = 0
        private let verrou = NSLock()
        func ajouter(_ k: Int) -> Int { verrou.withLock { n += k; return n } }
    }
}
