import Domain
import Foundation

extension IndexIndicateurs {
    /// Builds the index from the store: organismes and catalogue, then every effectif streamed in batches.
    /// `progression` is told the number of effectifs read so far, every `pas` effectifs. A stored row that cannot
    /// be read is told to `illisible` and left out when it is given, thrown otherwise.
    public static func construire(
        depuis store: any Store, pas: Int = 100_000,
        illisible: (@Sendable (LigneIllisible) -> Void)? = nil,
        progression: @escaping @Sendable (Int) -> Void = { _ in }
    ) async throws -> IndexIndicateurs {
        let index = IndexIndicateurs()
        // Every change up to these numbers is committed, hence in the stream below; later ones are followed.
        let versions = try await store.versions()
        try await index.rechargerOrganismes(depuis: store, version: versions.organismes)
        let compteur = Compteur()
        try await store.parcourirEffectifs(taillePaquet: 10_000, illisible: illisible) { paquet in
            index.appliquer(paquet)
            let total = compteur.ajouter(paquet.count)
            if total / pas != (total - paquet.count) / pas { progression(total) }
        }
        await index.suivre([], jusqua: versions.effectifs)
        index.compacter()
        return index
    }

    /// Reloads the organismes and the catalogue (an import happened, or a batch names an organisme not loaded yet).
    public func rechargerOrganismes(depuis store: any Store, version: Int64? = nil) async throws {
        let v: Int64
        if let version { v = version } else { v = try await store.versions().organismes }
        let catalogue = Catalogue(try await store.formations())
        let organismes = try await store.tousLesOrganismes()
        await ecritureEnReserve { c in
            c.charger(organismes: organismes, catalogue: catalogue)
            c.versionOrganismes = v
        }
    }

    /// Brings the index up to date with writes made by other instances or processes: reloads the organismes
    /// after an import, then applies the effectifs changed after the followed cursor, in order. Returns how many
    /// effectifs were applied.
    @discardableResult
    public func rattraper(depuis store: any Store, paquet: Int = 10_000) async throws -> Int {
        let versions = try await store.versions()
        if versions.organismes != (await lecture { $0.versionOrganismes }) {
            try await rechargerOrganismes(depuis: store, version: versions.organismes)
        }
        await ecritureEnReserve { $0.versionBase = max($0.versionBase, versions.effectifs) }
        var appliques = try await suivreEffacements(depuis: store)
        while true {
            let depuis = await lecture { $0.versionSuivie }
            guard depuis < versions.effectifs else { break }
            let changements = try await store.changements(apres: depuis, limite: paquet)
            guard let dernier = changements.last?.version else { break }
            if !connait(changements.map(\.organisme)) { try await rechargerOrganismes(depuis: store) }
            await suivre(changements, jusqua: dernier)
            appliques += changements.count
        }
        return appliques
    }

    final class Compteur: @unchecked Sendable {
        private var n = 0
        private let verrou = NSLock()
        func ajouter(_ k: Int) -> Int {
            verrou.withLock {
                n += k
                return n
            }
        }
    }
}
