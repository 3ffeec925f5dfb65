import Foundation
import Outils
import Testing

/// The per-item work of a batch runs on several threads: the results must be those of a plain `map`, in order.
struct ParalleleTests {
    @Test(arguments: [0, 1, 199, 201, 2000])
    func carteParalleleIsAMap(_ n: Int) {
        let entree = (0..<n).map { "élément \($0)" }
        #expect(entree.carteParallele { $0.uppercased() } == entree.map { $0.uppercased() })
    }

    @Test(arguments: [(0, 1), (1, 1), (249, 2), (250, 1), (251, 3), (2000, 2), (2000, 8)])
    func slicesAreHandedOverInOrderWhateverTheWorkers(_ n: Int, _ ouvriers: Int) {
        let production = ProductionParTranches(Array(0..<n), taille: 250, ouvriers: ouvriers) { $0 * 3 + 1 }
        #expect((0..<n).map { production[$0] } == (0..<n).map { $0 * 3 + 1 })
    }

    /// A consumer reading the last item first waits for it, then finds every other one.
    @Test func anItemCanBeReadBeforeTheOnesBefore() {
        let production = ProductionParTranches(Array(0..<1000), taille: 100, ouvriers: 1) { i -> Int in
            if i % 100 == 0 { Thread.sleep(forTimeInterval: 0.001) }
            return -i
        }
        #expect(production[999] == -999)
        #expect((0..<1000).map { production[$0] } == (0..<1000).map { -$0 })
    }
}
