import Foundation

/// A small deterministic generator (SplitMix64): the same seed gives the same demo country.
public struct Aleatoire: RandomNumberGenerator, Sendable {
    var etat: UInt64

    public init(graine: UInt64) { etat = graine }

    public mutating func next() -> UInt64 {
        etat &+= 0x9E37_79B9_7F4A_7C15
        var z = etat
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    public mutating func entier(_ r: ClosedRange<Int>) -> Int { Int.random(in: r, using: &self) }
    /// True with probability p.
    public mutating func chance(_ p: Double) -> Bool { Double.random(in: 0..<1, using: &self) < p }
    public mutating func element<T>(_ a: [T]) -> T { a[entier(0...(a.count - 1))] }
}
