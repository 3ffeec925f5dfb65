import App
import Domain
import Foundation
import TestSupport
import Testing
import Web

/// The instance's copy of the cases under concurrent use: pages catching up while the day's lists are computed in
/// the background all finish, and all see the cases written before they asked.
struct SuivisEnMemoireTests {
    @Test(.timeLimit(.minutes(1))) func concurrentCatchUpsAndTheWarmUpAllFinish() async throws {
        let banc = try await MissionLocaleTests().banc()
        try await banc.test { client in
            try await MissionLocaleTests().peupler(banc, client)
            let memoire = SuivisEnMemoire()
            let attendus = try await banc.store.suivis(missionsLocales: nil).count
            #expect(attendus > 0)
            let nombres = try await withThrowingTaskGroup(of: Int.self) { groupe in
                for k in 0..<64 {
                    groupe.addTask {
                        if k % 8 == 0 {
                            _ = try await memoire.prechauffer(
                                store: banc.store, regles: ReglesSuivi(), aujourdhui: j("2025-04-01"))
                        }
                        return try await memoire.rattraper(banc.store)
                    }
                }
                var n: [Int] = []
                for try await x in groupe { n.append(x) }
                return n
            }
            #expect(nombres.count == 64 && nombres.allSatisfy { $0 == attendus })
        }
    }
}
