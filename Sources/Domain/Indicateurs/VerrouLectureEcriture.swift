#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The index's lock: any number of readers at once, a writer alone. A waiting writer goes before readers that
/// arrive after it (a crowd of public requests cannot hold an accepted batch back), so a reader must never take
/// the lock again while holding it.
final class VerrouLectureEcriture: @unchecked Sendable {
    private let verrou = UnsafeMutablePointer<pthread_rwlock_t>.allocate(capacity: 1)

    init() {
        var attributs = pthread_rwlockattr_t()
        pthread_rwlockattr_init(&attributs)
        #if canImport(Glibc)
        pthread_rwlockattr_setkind_np(&attributs, Int32(PTHREAD_RWLOCK_PREFER_WRITER_NONRECURSIVE_NP))
        #endif
        pthread_rwlock_init(verrou, &attributs)
        pthread_rwlockattr_destroy(&attributs)
    }

    deinit {
        pthread_rwlock_destroy(verrou)
        verrou.deallocate()
    }

    /// Reads, alongside other readers.
    func lire<T>(_ corps: () throws -> T) rethrows -> T {
        pthread_rwlock_rdlock(verrou)
        defer { pthread_rwlock_unlock(verrou) }
        return try corps()
    }

    /// Writes, alone.
    func withLock<T>(_ corps: () throws -> T) rethrows -> T {
        pthread_rwlock_wrlock(verrou)
        defer { pthread_rwlock_unlock(verrou) }
        return try corps()
    }
}
