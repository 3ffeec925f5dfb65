import Domain
import Foundation
import Synchronization

/// The API keys refused by a limit on this instance, until the end of the refusing window: their next requests are
/// answered 429 at once, without reading the body nor asking the database (a flood costs nothing more).
public final class RefusRecents: Sendable {
    private let jusqua = Mutex<[String: Date]>([:])

    public init() {}

    /// Throws the refusal again while it lasts.
    func verifier(_ action: ActionLimitee, cle: String, now: Date) throws {
        let fin = jusqua.withLock { $0["\(action.rawValue) \(cle)"] }
        guard let fin, fin > now else { return }
        throw LimiteAtteinte(
            action: action, cible: .cle, reessayerDans: max(1, Int(fin.timeIntervalSince(now).rounded(.up))))
    }

    func noter(_ e: LimiteAtteinte, cle: String, now: Date) {
        jusqua.withLock { refus in
            refus = refus.filter { $0.value > now }
            refus["\(e.action.rawValue) \(cle)"] = now.addingTimeInterval(Double(e.reessayerDans))
        }
    }
}
