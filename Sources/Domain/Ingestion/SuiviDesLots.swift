import Foundation

/// What must know of every accepted batch before its verdict is returned: the indicator index (module
/// `IndexEffectifs`), so that a learner is counted as soon as the POST that sent it has answered.
public protocol SuiviDesLots: Sendable {
    /// Counts the accepted effectifs of a batch written at `transmisLe`; reloads the organismes from `store` first
    /// if the batch names one not known yet.
    func integrer(_ acceptes: [EffectifIndexable], transmisLe: Date, store: any Store) async throws
}
