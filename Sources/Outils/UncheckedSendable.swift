/// A value shared across tasks that nobody mutates after it is built (documented at each use).
public struct UncheckedSendable<T>: @unchecked Sendable {
    public let valeur: T
    public init(_ valeur: T) { self.valeur = valeur }
}
