import Foundation

/// Applies the retention policy to the store (F22): what `tdb purge` and the daily purge of `tdb serve` run. Each
/// kind is counted, then (unless simulated) purged; the counts go to the journal.
public struct Purge: Sendable {
    public let store: any Store
    public let politique: PolitiqueRetention
    public let horloge: Horloge
    /// Effectifs pseudonymised per transaction: a short write, so batches of the ERPs wait little.
    public var paquet = 500

    public init(store: any Store, politique: PolitiqueRetention = .defaut, horloge: Horloge) {
        self.store = store
        self.politique = politique
        self.horloge = horloge
    }

    /// How many items of each kind were purged (or would be, in a simulation), in the order of the policy.
    public struct Bilan: Sendable, Equatable {
        public var lignes: [(genre: GenreDonnees, nombre: Int)]
        public var simulation: Bool

        public func nombre(_ g: GenreDonnees) -> Int { lignes.first { $0.genre == g }?.nombre ?? 0 }

        public static func == (l: Bilan, r: Bilan) -> Bool {
            l.simulation == r.simulation && l.lignes.map(\.genre) == r.lignes.map(\.genre)
                && l.lignes.map(\.nombre) == r.lignes.map(\.nombre)
        }

        /// `effectifs-nominatifs=12, items-rejetes=3, …`
        public var resume: String { lignes.map { "\($0.genre.rawValue)=\($0.nombre)" }.joined(separator: ", ") }
    }

    public func executer(simulation: Bool) async throws -> Bilan {
        let now = horloge.now()
        var bilan = Bilan(lignes: [], simulation: simulation)
        for regle in politique.regles where regle.applicable {
            let n: Int
            switch regle.genre {
            case .effectifsNominatifs: n = try await pseudonymiser(now: now, simulation: simulation)
            case .dossiersSuivi: continue
            case .clesApiInutilisees:
                n = try await revoquerClesInutilisees(avant: regle.limite(now: now), now: now, simulation: simulation)
            default:
                n = try await store.purger(regle.genre, avant: regle.limite(now: now), simulation: simulation, now: now)
            }
            bilan.lignes.append((regle.genre, n))
        }
        try await store.journaliser(
            EntreeJournal(
                date: now, acteur: nil, acteurEmail: nil, action: simulation ? "purge_simulee" : "purge",
                detail: bilan.resume))
        return bilan
    }

    /// Each key past 12 months without use is revoked and journaled with its organisme (it already stopped working:
    /// `CleApi.estActive`; the revocation makes it visible and final).
    func revoquerClesInutilisees(avant: Date, now: Date, simulation: Bool) async throws -> Int {
        let cles = try await store.clesApiInutilisees(avant: avant)
        guard !simulation else { return cles.count }
        for c in cles {
            _ = try await store.revoquerClesApi(organisme: nil, hash: c.hash, now: now)
            try await store.journaliser(
                EntreeJournal(
                    date: now, acteur: nil, acteurEmail: nil, action: "cle_api_expiree",
                    detail:
                        "clé n° \(c.id.rawValue) de l'organisme n° \(c.organisme.rawValue) révoquée : inutilisée depuis le "
                        + "\(Jour(c.lastUsedAt ?? c.createdAt)) (\(CleApi.moisInactiviteAvantExpiration) mois sans usage)"
                ))
        }
        return cles.count
    }

    func pseudonymiser(now: Date, simulation: Bool) async throws -> Int {
        let annees = politique.anneesAPseudonymiser(parmi: try await store.anneesNominatives(), now: now)
        var total = 0
        for annee in annees {
            if simulation {
                total += try await store.nombreNominatifs(annee: annee)
                continue
            }
            var apres: EffectifID?
            while let fait = try await store.pseudonymiser(annee: annee, apres: apres, limite: paquet) {
                total += fait.nombre
                apres = fait.dernier
            }
        }
        return total
    }
}
