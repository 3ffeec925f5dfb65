import Foundation

/// The job runner's rows: the lease of each occurrence (who runs it, until when, whether it completed) and the
/// recorded runs. With several instances on one database, one statement decides who holds a lease.
public protocol StoreTaches: Sendable {
    /// Takes the lease of an occurrence for `titulaire` until `expireLe`, only if nobody holds it or its holder's lease
    /// has expired (`expire_le <= now`), and the occurrence has not completed. True when taken: of several instances
    /// racing for the same occurrence, exactly one gets true.
    func prendreBail(_ o: Occurrence, titulaire: String, expireLe: Date, now: Date) async throws -> Bool
    /// Moves the end of a lease `titulaire` still holds (later while it runs, or to delay a new attempt after a
    /// failure); false when it holds it no more.
    func prolongerBail(_ o: Occurrence, titulaire: String, expireLe: Date) async throws -> Bool
    /// Gives a lease back at once (the occurrence can be taken again).
    func libererBail(_ o: Occurrence, titulaire: String) async throws
    /// Whether a run of this occurrence succeeded (it is never run again).
    func occurrenceTerminee(_ o: Occurrence) async throws -> Bool
    /// Records a run; a successful run completes its occurrence, in the same transaction.
    func enregistrer(execution: ExecutionTache) async throws
    /// The latest runs, most recent first; of one job when `tache` is given.
    func executions(tache: String?, limite: Int) async throws -> [ExecutionTache]
}

extension LigneStockee {
    /// A row of `taches_executions`.
    public func executionTache() throws -> ExecutionTache {
        ExecutionTache(
            tache: try exiger("tache") { $0 }, occurrence: try instant("occurrence"),
            titulaire: try exiger("titulaire") { $0 }, debut: try instant("debut"), fin: try instant("fin"),
            resultat: try exiger("resultat", ResultatTache.init(rawValue:)), message: try exiger("message") { $0 },
            comptes: BilanTache.comptes(json: try exiger("comptes") { $0 }))
    }
}
