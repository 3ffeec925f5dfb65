import NIOCore
import NIOPosix

/// Bounds the bcrypt work in flight, with a budget per kind: hashing (sign-ups, new passwords) never takes more than
/// half of the thread pool, so a flood of sign-ups cannot starve sign-ins, whose verifications have their own budget.
/// Work over budget waits here, in order, not on the thread pool.
public actor LimiteurBcrypt {
    public enum Travail: Sendable { case hachage, verification }

    let capaciteHachages: Int
    let capaciteVerifications: Int
    var hachagesEnCours = 0
    var verificationsEnCours = 0
    var hachagesEnAttente: [CheckedContinuation<Void, Never>] = []
    var verificationsEnAttente: [CheckedContinuation<Void, Never>] = []

    public init(hachages: Int, verifications: Int) {
        capaciteHachages = max(1, hachages)
        capaciteVerifications = max(1, verifications)
    }

    /// Shared by every `SecretsServeur` of the process: half the cores for hashing, all of them for verifying.
    public static let partage = LimiteurBcrypt(hachages: System.coreCount / 2, verifications: System.coreCount)

    /// Runs `travail` on the thread pool once its kind has a free slot.
    public nonisolated func executer<T: Sendable>(_ type: Travail, _ travail: @escaping @Sendable () -> T) async -> T {
        await prendre(type)
        let resultat = (try? await NIOThreadPool.singleton.runIfActive(travail)) ?? travail()
        await rendre(type)
        return resultat
    }

    func prendre(_ type: Travail) async {
        switch type {
        case .hachage:
            if hachagesEnCours < capaciteHachages {
                hachagesEnCours += 1
                return
            }
            await withCheckedContinuation { hachagesEnAttente.append($0) }
        case .verification:
            if verificationsEnCours < capaciteVerifications {
                verificationsEnCours += 1
                return
            }
            await withCheckedContinuation { verificationsEnAttente.append($0) }
        }
    }

    /// Hands the slot to the next one waiting, else frees it.
    func rendre(_ type: Travail) {
        switch type {
        case .hachage:
            if hachagesEnAttente.isEmpty { hachagesEnCours -= 1 } else { hachagesEnAttente.removeFirst().resume() }
        case .verification:
            if verificationsEnAttente.isEmpty {
                verificationsEnCours -= 1
            } else {
                verificationsEnAttente.removeFirst().resume()
            }
        }
    }
}

/// The dummy hash of each cost, made once.
actor HashesFactices {
    static let partage = HashesFactices()
    var parCout: [UInt8: String] = [:]

    func hash(cout: UInt8, _ fabriquer: @Sendable () async -> String) async -> String {
        if let h = parCout[cout] { return h }
        let h = await fabriquer()
        parCout[cout] = h
        return h
    }
}
