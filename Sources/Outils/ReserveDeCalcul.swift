import Foundation

/// A fixed set of threads for long computations (the index's scans), apart from Swift's cooperative pool: a
/// request that asks for a scan is suspended while it runs, instead of holding one of the few threads that serve
/// every request. Its threads live as long as the process.
public final class ReserveDeCalcul: @unchecked Sendable {
    public let nombreDeFils: Int
    private let condition = NSCondition()
    private var travaux: [() -> Void] = []
    private var tete = 0

    /// `nom` names the threads (`nom-0`, `nom-1`…; Linux keeps 15 characters).
    public init(fils: Int = ProcessInfo.processInfo.activeProcessorCount, nom: String = "tdb-calcul") {
        nombreDeFils = max(1, fils)
        for numero in 0..<nombreDeFils {
            // The thread names itself once `start()` has returned: Foundation applies a name only to a thread it
            // has recorded, which `start()` does after the thread may already run (a Linux thread otherwise keeps
            // its creator's name, as `top -H` and `perf` would show).
            let demarre = DispatchSemaphore(value: 0)
            let fil = Thread { [self] in
                demarre.wait()
                Thread.current.name = "\(nom)-\(numero)"
                boucle()
            }
            fil.start()
            demarre.signal()
        }
    }

    /// The pool of the process, sized to its cores.
    public static let partagee = ReserveDeCalcul()

    private func boucle() {
        while true {
            condition.lock()
            while tete == travaux.count { condition.wait() }
            let travail = travaux[tete]
            tete += 1
            if tete == travaux.count {
                travaux.removeAll(keepingCapacity: true)
                tete = 0
            }
            condition.unlock()
            travail()
        }
    }

    private func soumettre(_ travail: @escaping () -> Void) {
        condition.lock()
        travaux.append(travail)
        condition.signal()
        condition.unlock()
    }

    /// Runs `corps` on a thread of the pool; the calling task waits, suspended.
    public func executer<T: Sendable>(_ corps: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { suite in soumettre { suite.resume(returning: corps()) } }
    }

    /// Calls `corps(0)`, …, `corps(parts - 1)` in parallel and returns when all are done. The calling thread takes
    /// parts itself while idle threads of the pool help, so it never waits for a part nobody runs, even when
    /// every thread of the pool is inside such a call.
    public func enParallele(_ parts: Int, _ corps: (Int) -> Void) {
        guard parts > 1 else {
            if parts == 1 { corps(0) }
            return
        }
        withoutActuallyEscaping(corps) { corps in
            let partage = PartsPartagees(total: parts, corps: corps)
            for _ in 0..<min(parts - 1, nombreDeFils) { soumettre { partage.travailler() } }
            partage.travailler()
            partage.attendreEtOublier()
        }
    }
}

/// The parts of one `enParallele` call: whoever takes a part runs it; the caller waits for the last one, then
/// drops the closure so that helpers arriving late find nothing to run.
private final class PartsPartagees: @unchecked Sendable {
    private let condition = NSCondition()
    private let total: Int
    private var corps: ((Int) -> Void)?
    private var prochaine = 0
    private var finies = 0

    init(total: Int, corps: @escaping (Int) -> Void) {
        self.total = total
        self.corps = corps
    }

    func travailler() {
        while prendreEtExecuter() {
            condition.lock()
            finies += 1
            if finies == total { condition.broadcast() }
            condition.unlock()
        }
    }

    /// Runs the next part, if any. The closure is held only inside this call: once the caller has seen every part
    /// finished, no thread holds it any more.
    private func prendreEtExecuter() -> Bool {
        condition.lock()
        guard prochaine < total, let corps else {
            condition.unlock()
            return false
        }
        let part = prochaine
        prochaine += 1
        condition.unlock()
        corps(part)
        return true
    }

    func attendreEtOublier() {
        condition.lock()
        while finies < total { condition.wait() }
        corps = nil
        condition.unlock()
    }
}
