/// One step of a status timeline: from `date` on, the learner has status `valeur`.
public struct EtapeParcours: Hashable, Sendable {
    public let date: Jour
    public let valeur: StatutApprenant

    public init(date: Jour, valeur: StatutApprenant) {
        self.date = date
        self.valeur = valeur
    }
}

/// The full status timeline of an effectif, from its first day to the session's last day, future transitions
/// included (domain §5.1). Time-driven changes (90/180 days) are already in it: no recomputation job is needed.
public struct Parcours: Hashable, Sendable {
    public let etapes: [EtapeParcours]

    public init(_ etapes: [EtapeParcours]) { self.etapes = etapes }

    /// The status indicators count at day D: the last step dated on or before D; `nil` when the timeline starts
    /// after D (the effectif is then counted in no bucket, §5.4).
    public func statut(a jour: Jour) -> StatutApprenant? {
        var result: StatutApprenant?
        for e in etapes {
            if e.date > jour { break }
            result = e.valeur
        }
        return result
    }

    /// `_computed.statut.en_cours`: like `statut(a:)` but INSCRIT before the first step.
    public func enCours(a jour: Jour) -> StatutApprenant { statut(a: jour) ?? .inscrit }
}
