import Foundation

/// Runs one occurrence of a job, the same way for the runner of `tdb serve` and for `tdb jobs run`: takes its lease
/// (or leaves it to the instance that has it), keeps the lease alive while the job runs, records the run. A successful
/// run completes the occurrence; after a failure the lease is kept `nouvelEssai` longer, then the occurrence may be
/// tried again (by any instance). An instance that dies mid-run stops extending its lease: when the lease expires,
/// another instance runs the occurrence again — which is why a job's e-mails carry a key (`NouveauCourriel.cle`).
public struct ExecuteurTaches: Sendable {
    public let store: any Store
    public let horloge: Horloge
    /// This instance, as written in the lease rows and the runs.
    public let titulaire: String
    public let urlPublique: String
    public var dureeBail: TimeInterval = 300
    public var nouvelEssai: TimeInterval = 900

    public init(store: any Store, horloge: Horloge, titulaire: String, urlPublique: String) {
        self.store = store
        self.horloge = horloge
        self.titulaire = titulaire
        self.urlPublique = urlPublique
    }

    /// What became of an occurrence.
    public enum Issue: Sendable, Equatable {
        /// Run here (successfully or not), and recorded.
        case executee(ExecutionTache)
        /// Already completed: never run again.
        case dejaFaite
        /// Another instance holds the lease.
        case priseAilleurs
    }

    public func executer(_ tache: Tache, occurrence: Occurrence) async throws -> Issue {
        if try await store.occurrenceTerminee(occurrence) { return .dejaFaite }
        let debut = horloge.now()
        guard
            try await store.prendreBail(
                occurrence, titulaire: titulaire, expireLe: debut.addingTimeInterval(dureeBail), now: debut)
        else {
            return try await store.occurrenceTerminee(occurrence) ? .dejaFaite : .priseAilleurs
        }
        let contexte = ContexteTache(store: store, occurrence: occurrence, now: debut, urlPublique: urlPublique)
        let resultat = await avecBailEntretenu(occurrence) { () -> Result<BilanTache, any Error> in
            do { return .success(try await tache.executer(contexte)) } catch { return .failure(error) }
        }
        let fin = horloge.now()
        let execution: ExecutionTache
        switch resultat {
        case .success(let bilan):
            execution = ExecutionTache(
                tache: tache.nom, occurrence: occurrence.instant, titulaire: titulaire, debut: debut, fin: fin,
                resultat: .ok, message: bilan.message, comptes: bilan.comptes)
        case .failure(let erreur):
            execution = ExecutionTache(
                tache: tache.nom, occurrence: occurrence.instant, titulaire: titulaire, debut: debut, fin: fin,
                resultat: .echec, message: "\(erreur)", comptes: [:])
            _ = try await store.prolongerBail(
                occurrence, titulaire: titulaire, expireLe: fin.addingTimeInterval(nouvelEssai))
        }
        try await store.enregistrer(execution: execution)
        return .executee(execution)
    }

    /// Runs `corps` while a side task extends the lease every third of its length.
    func avecBailEntretenu<T: Sendable>(_ o: Occurrence, _ corps: @Sendable () async -> T) async -> T {
        let (store, titulaire, horloge, duree) = (store, titulaire, horloge, dureeBail)
        let entretien = Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(max(1, duree / 3)))
                if Task.isCancelled { break }
                _ = try? await store.prolongerBail(
                    o, titulaire: titulaire, expireLe: horloge.now().addingTimeInterval(duree))
            }
        }
        defer { entretien.cancel() }
        return await corps()
    }
}
