import Foundation

extension Array where Element: Sendable {
    /// `map` over every core, for the pure, per-item work of a batch (validation, JSON writing).
    public func carteParallele<U: Sendable>(_ f: @Sendable (Element) -> U) -> [U] {
        let n = count
        let parts = n > 200 ? Swift.min(ProcessInfo.processInfo.activeProcessorCount, 8) : 1
        if parts == 1 { return map(f) }
        return self.withUnsafeBufferPointer { entree in
            let e = UncheckedSendable(entree)
            return [U](unsafeUninitializedCapacity: n) { sortie, initialises in
                let s = UncheckedSendable(sortie)
                DispatchQueue.concurrentPerform(iterations: parts) { p in
                    for i in (n * p / parts)..<(n * (p + 1) / parts) {
                        (s.valeur.baseAddress! + i).initialize(to: f(e.valeur[i]))
                    }
                }
                initialises = n
            }
        }
    }
}

/// `map` in slices on background threads, handing each slice to a consumer as soon as it is ready: the writer of
/// a batch writes the first rows while the next ones are still being prepared. By default one core is left to
/// that consumer: with more threads than cores, it would wait its turn.
public final class ProductionParTranches<T: Sendable>: @unchecked Sendable {
    public static var ouvriersParDefaut: Int { Swift.max(1, ProcessInfo.processInfo.activeProcessorCount - 1) }

    public let taille: Int
    private let condition = NSCondition()
    private var tranches: [[T]?]
    private var prochaine = 0

    public init<E: Sendable>(
        _ elements: [E], taille: Int = 250, ouvriers: Int = ouvriersParDefaut,
        _ f: @escaping @Sendable (E) -> T
    ) {
        self.taille = taille
        let n = (elements.count + taille - 1) / taille
        tranches = Array(repeating: nil, count: n)
        for _ in 0..<Swift.min(ouvriers, n) {
            DispatchQueue.global().async { [self] in
                while let k = reserver() {
                    let tranche = elements[(k * taille)..<Swift.min(elements.count, (k + 1) * taille)].map(f)
                    condition.lock()
                    tranches[k] = tranche
                    condition.broadcast()
                    condition.unlock()
                }
            }
        }
    }

    private func reserver() -> Int? {
        condition.lock()
        defer { condition.unlock() }
        guard prochaine < tranches.count else { return nil }
        prochaine += 1
        return prochaine - 1
    }

    /// The `i`-th result, waiting for its slice if needed.
    public subscript(i: Int) -> T {
        let k = i / taille
        condition.lock()
        defer { condition.unlock() }
        while tranches[k] == nil { condition.wait() }
        return tranches[k]![i - k * taille]
    }
}
