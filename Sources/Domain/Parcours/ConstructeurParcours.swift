/// The inputs of the status builder (domain §5.2): the session, the contracts and the exclusion date.
public struct EntreeParcours: Sendable, Equatable {
    public struct Contrat: Sendable, Equatable {
        public var debut: Jour?
        public var fin: Jour?
        public var rupture: Jour?

        public init(debut: Jour?, fin: Jour? = nil, rupture: Jour? = nil) {
            self.debut = debut
            self.fin = fin
            self.rupture = rupture
        }
    }

    public var debutSession: Jour
    public var finSession: Jour
    public var contrats: [Contrat]
    public var exclusion: Jour?

    public init(debutSession: Jour, finSession: Jour, contrats: [Contrat] = [], exclusion: Jour? = nil) {
        self.debutSession = debutSession
        self.finSession = finSession
        self.contrats = contrats
        self.exclusion = exclusion
    }
}

/// Day-by-day status builder, the reference's `buildEffectifStatus` (domain §5.3).
public enum ConstructeurParcours {
    public static let joursSansContratAvantAbandon = 90
    public static let joursApresRuptureAvantAbandon = 180
    public static let toleranceFinDeContrat = 60

    private struct ContratEffectif {
        let debut: Jour
        let finEffective: Jour
        let rompu: Bool
    }

    public static func construire(_ entree: EntreeParcours) -> Parcours {
        let fin = entree.finSession
        let contrats = contratsRetenus(entree)
        let start = contrats.map(\.debut).reduce(entree.debutSession, min)
        guard start <= fin else { return Parcours([]) }
        let count = fin - start + 1
        var s = [StatutApprenant](repeating: .inscrit, count: count)
        func index(_ d: Jour) -> Int { d - start }

        for c in contrats where c.debut <= c.finEffective {
            let a = max(index(c.debut), 0)
            let b = min(index(c.finEffective), count - 1)
            if a <= b { for i in a...b { s[i] = .apprenti } }
        }
        if let exclusion = entree.exclusion, exclusion <= fin {
            for i in max(index(exclusion), 0)..<count { s[i] = .abandon }
        }

        var n = 0
        var hadContract = false
        for i in 0..<count {
            if s[i] == .apprenti {
                hadContract = true
                n = 0
                continue
            }
            n += 1
            if s[i] == .inscrit {
                if hadContract {
                    s[i] = n > joursApresRuptureAvantAbandon ? .abandon : .rupturant
                } else {
                    s[i] = n > joursSansContratAvantAbandon ? .abandon : .inscrit
                }
            }
        }

        let lastStatus = s[count - 1]
        let terminal = contrats.max { a, b in
            a.finEffective != b.finEffective ? a.finEffective < b.finEffective : (!a.rompu && b.rompu)
        }
        let natural = entree.exclusion == nil && terminal.map { !$0.rompu } == true
        if natural, let terminal, fin - terminal.finEffective <= toleranceFinDeContrat {
            let from = max(index(terminal.finEffective) + 1, 0)
            if from < count {
                for i in from..<count where s[i] == .inscrit || s[i] == .rupturant { s[i] = .finDeFormation }
            }
        }
        if lastStatus == .apprenti || lastStatus == .inscrit || natural { s[count - 1] = .finDeFormation }

        var etapes: [EtapeParcours] = []
        for i in 0..<count where i == 0 || s[i] != s[i - 1] {
            etapes.append(EtapeParcours(date: start.adding(days: i), valeur: s[i]))
        }
        return Parcours(etapes)
    }

    /// Contracts keyed by their start day (a missing start is 1970-01-01): of two contracts starting the same
    /// day only the later one in the list counts. A missing end is the session's end; a rupture ends the
    /// contract the day before it.
    private static func contratsRetenus(_ entree: EntreeParcours) -> [ContratEffectif] {
        var byStart: [Jour: Int] = [:]
        var kept: [ContratEffectif?] = []
        for c in entree.contrats {
            let debut = c.debut ?? .epoch
            let finEffective = c.rupture.map { $0.adding(days: -1) } ?? c.fin ?? entree.finSession
            let contrat = ContratEffectif(debut: debut, finEffective: finEffective, rompu: c.rupture != nil)
            if let i = byStart[debut] {
                kept[i] = contrat
            } else {
                byStart[debut] = kept.count
                kept.append(contrat)
            }
        }
        return kept.compactMap { $0 }
    }
}
