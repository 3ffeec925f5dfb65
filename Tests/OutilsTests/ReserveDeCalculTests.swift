import Foundation
import Outils
import Testing

/// The threads that run the index's scans: every part runs once, results come back to the asking task, and a
/// scan that splits itself from inside the reserve never waits for a part nobody runs.
struct ReserveDeCalculTests {
    @Test(arguments: [0, 1, 2, 7, 64])
    func everyPartRunsExactlyOnce(_ parts: Int) {
        let reserve = ReserveDeCalcul(fils: 3, nom: "test-parts")
        let vus = UnsafeMutableBufferPointer<Int>.allocate(capacity: max(parts, 1))
        vus.initialize(repeating: 0)
        defer { vus.deallocate() }
        reserve.enParallele(parts) { p in vus[p] += 1 }
        #expect(Array(vus.prefix(parts)) == Array(repeating: 1, count: parts))
    }

    @Test func resultsComeBackToTheTask() async {
        let reserve = ReserveDeCalcul(fils: 2, nom: "resultat")
        let nom = await reserve.executer { Thread.current.name ?? "" }
        #expect(nom.hasPrefix("resultat-"))
    }

    /// More scans at once than threads, each splitting itself in more parts than threads: all finish, with the
    /// right sums.
    @Test func nestedSplitsFromEveryThreadFinish() async {
        let reserve = ReserveDeCalcul(fils: 2, nom: "test-imbrique")
        let sommes = await withTaskGroup(of: Int.self) { groupe in
            for k in 0..<16 {
                groupe.addTask {
                    await reserve.executer {
                        let parts = 8
                        let tampon = UnsafeMutableBufferPointer<Int>.allocate(capacity: parts)
                        defer { tampon.deallocate() }
                        reserve.enParallele(parts) { p in tampon[p] = (0..<10_000).reduce(0) { $0 + ($1 % (p + k + 1)) }
                        }
                        return tampon.reduce(0, +)
                    }
                }
            }
            var resultat: [Int] = []
            for await s in groupe { resultat.append(s) }
            return resultat.sorted()
        }
        let attendues = (0..<16).map { k in
            (0..<8).map { p in (0..<10_000).reduce(0) { $0 + ($1 % (p + k + 1)) } }.reduce(0, +)
        }
        #expect(sommes == attendues.sorted())
    }
}
