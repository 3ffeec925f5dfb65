import Domain
import Foundation
import Logging
import ServiceLifecycle

/// The job runner of `tdb serve` (DESIGN §7b): every `intervalle`, each job's due occurrence — the last scheduled
/// instant at or before now — is run unless it completed, through `ExecuteurTaches` (a lease row in the database:
/// with several instances exactly one runs it). An occurrence missed while the service was down is caught up at
/// start (only the last one). The first pass waits `delaiInitial`, so that a restart loop does no work in a loop.
public struct OrdonnanceurTaches: Service {
    public let taches: [Tache]
    public let executeur: ExecuteurTaches
    let logger: Logger
    var delaiInitial: Duration = .seconds(60)
    var intervalle: Duration = .seconds(30)

    public init(taches: [Tache], executeur: ExecuteurTaches, logger: Logger) {
        self.taches = taches
        self.executeur = executeur
        self.logger = logger
    }

    public func run() async throws {
        // Long waits end at once when the service stops.
        try? await cancelWhenGracefulShutdown { try await Task.sleep(for: delaiInitial) }
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            _ = await passer()
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: intervalle) }
        }
    }

    /// One pass: the due occurrence of every job, the jobs side by side. Returns what became of each (by job name).
    @discardableResult
    public func passer() async -> [String: ExecuteurTaches.Issue] {
        let now = executeur.horloge.now()
        return await withTaskGroup(of: (String, ExecuteurTaches.Issue?).self) { groupe in
            for tache in taches {
                let occurrence = Occurrence(tache: tache.nom, instant: tache.planification.occurrence(auPlusTard: now))
                groupe.addTask { (tache.nom, await executer(tache, occurrence)) }
            }
            var issues: [String: ExecuteurTaches.Issue] = [:]
            for await (nom, issue) in groupe { if let issue { issues[nom] = issue } }
            return issues
        }
    }

    /// Runs one occurrence and logs its run; nil when the database could not be reached.
    func executer(_ tache: Tache, _ occurrence: Occurrence) async -> ExecuteurTaches.Issue? {
        do {
            let issue = try await executeur.executer(tache, occurrence: occurrence)
            if case .executee(let e) = issue {
                if e.resultat == .ok {
                    logger.info("tâche \(occurrence.cle) : \(e.message)")
                } else {
                    logger.warning("tâche \(occurrence.cle) : échec, nouvel essai plus tard : \(e.message)")
                }
            }
            return issue
        } catch {
            logger.warning("tâche \(occurrence.cle) : base de données injoignable, nouvel essai plus tard : \(error)")
            return nil
        }
    }

    /// The job of this name.
    public func tache(_ nom: String) -> Tache? { taches.first { $0.nom == nom } }
}

/// This process among the instances, as written in the lease rows: host name, process id and a random part.
func instanceTaches() -> String {
    "\(ProcessInfo.processInfo.hostName)/\(ProcessInfo.processInfo.processIdentifier)/"
        + UUID().uuidString.prefix(8).lowercased()
}
