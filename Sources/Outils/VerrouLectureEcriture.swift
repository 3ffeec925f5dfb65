#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A value behind a read-write lock, reachable only through `lire` (any number of readers at once) and `ecrire`
/// (a writer alone): the locking rule is in the type. A waiting writer goes before readers that arrive after it
/// (a crowd of readers cannot hold a writer back); the lock is not reentrant, so `lire` and `ecrire` must not be
/// called from inside one another — the closures receive the value itself for that reason.
public final class VerrouLectureEcriture<Valeur>: @unchecked Sendable {
    private let verrou = UnsafeMutablePointer<pthread_rwlock_t>.allocate(capacity: 1)
    private var valeur: Valeur

    public init(_ valeur: Valeur) {
        self.valeur = valeur
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

    /// Reads the value, alongside other readers.
    public func lire<T>(_ corps: (Valeur) throws -> T) rethrows -> T {
        pthread_rwlock_rdlock(verrou)
        defer { pthread_rwlock_unlock(verrou) }
        return try corps(valeur)
    }

    /// Changes the value, alone.
    public func ecrire<T>(_ corps: (inout Valeur) throws -> T) rethrows -> T {
        pthread_rwlock_wrlock(verrou)
        defer { pthread_rwlock_unlock(verrou) }
        return try corps(&valeur)
    }
}
