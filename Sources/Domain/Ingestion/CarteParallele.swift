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
