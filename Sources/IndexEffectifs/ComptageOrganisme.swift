import Foundation

/// The status counts of one organisme's rows of one school year, as a step function of the day: how many rows have
/// each status code (0 = none yet) from each day on. A request that filters only on organismes (perimeter,
/// territories, réseaux, fiable) adds these up instead of scanning rows: a few thousand binary searches instead of
/// millions of timelines (DESIGN §5).
struct ComptageOrganisme: Sendable {
    /// Counts before the first change: every row, with no status.
    var base = SIMD8<Int32>()
    /// Days where the counts change, ascending, and the counts from that day on.
    var jours: [Int32] = []
    var cumuls: [SIMD8<Int32>] = []

    /// The counts at day `d`: after the last change on or before `d`.
    @inline(__always)
    func a(_ d: Int32) -> SIMD8<Int32> {
        var bas = 0
        var haut = jours.count
        while bas < haut {
            let milieu = (bas + haut) >> 1
            if jours[milieu] <= d { bas = milieu + 1 } else { haut = milieu }
        }
        return bas == 0 ? base : cumuls[bas - 1]
    }

    /// Built from the timelines of the rows: each step moves one row from its previous status to its own.
    init(
        lignes: [Int32], debut: UnsafeBufferPointer<Int32>, nb: UnsafeBufferPointer<UInt8>,
        jours etapes: UnsafeBufferPointer<Int32>, statuts: UnsafeBufferPointer<UInt8>
    ) {
        base[0] = Int32(lignes.count)
        // An event is (day, from, to) packed in one integer, so that sorting orders them by day.
        var evenements: [Int64] = []
        evenements.reserveCapacity(lignes.count * 3)
        for i in lignes {
            let d = Int(debut[Int(i)])
            let n = Int(nb[Int(i)])
            var precedent: UInt8 = 0
            for k in d..<(d + n) {
                let s = statuts[k]
                evenements.append(Int64(etapes[k]) << 16 | Int64(precedent) << 8 | Int64(s))
                precedent = s
            }
        }
        evenements.sort()
        var courant = base
        var k = 0
        while k < evenements.count {
            let jour = Int32(truncatingIfNeeded: evenements[k] >> 16)
            while k < evenements.count && Int32(truncatingIfNeeded: evenements[k] >> 16) == jour {
                let e = evenements[k]
                courant[Int((e >> 8) & 0xFF)] -= 1
                courant[Int(e & 0xFF)] += 1
                k += 1
            }
            jours.append(jour)
            cumuls.append(courant)
        }
    }

    init() {}
}
