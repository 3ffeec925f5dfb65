import Foundation

/// One month of companies' requests (Paris time): confirmed (sent to the CFA), answered for the first time,
/// marked « pourvue », and the median time between confirmation and first answer of those answered that month.
public struct StatistiqueMoisDemandes: Sendable, Equatable {
    /// `AAAA-MM`.
    public var mois: String
    public var envoyees: Int
    public var repondues: Int
    public var pourvues: Int
    /// Seconds; nil when no request was answered that month.
    public var delaiMedianPremiereReponse: TimeInterval?

    public init(
        mois: String, envoyees: Int = 0, repondues: Int = 0, pourvues: Int = 0,
        delaiMedianPremiereReponse: TimeInterval? = nil
    ) {
        self.mois = mois
        self.envoyees = envoyees
        self.repondues = repondues
        self.pourvues = pourvues
        self.delaiMedianPremiereReponse = delaiMedianPremiereReponse
    }
}

public enum StatistiquesDemandes {
    /// `AAAA-MM` of an instant, in Paris.
    public static func mois(_ d: Date) -> String {
        let (a, m, _) = HeureDeParis.jour(d).components
        return String(format: "%04d-%02d", a, m)
    }

    /// Each event counted in its own month; months without any event are absent; oldest month first.
    public static func parMois(_ faits: [FaitsDemande]) -> [StatistiqueMoisDemandes] {
        var parMois: [String: StatistiqueMoisDemandes] = [:]
        var delais: [String: [TimeInterval]] = [:]
        func compter(_ d: Date, _ maj: (inout StatistiqueMoisDemandes) -> Void) {
            let m = mois(d)
            maj(&parMois[m, default: StatistiqueMoisDemandes(mois: m)])
        }
        for f in faits {
            compter(f.confirmeeLe) { $0.envoyees += 1 }
            if let r = f.premiereReponseLe {
                compter(r) { $0.repondues += 1 }
                delais[mois(r), default: []].append(max(0, r.timeIntervalSince(f.confirmeeLe)))
            }
            if let p = f.pourvueLe { compter(p) { $0.pourvues += 1 } }
        }
        for (m, d) in delais { parMois[m]?.delaiMedianPremiereReponse = mediane(d) }
        return parMois.values.sorted { $0.mois < $1.mois }
    }

    static func mediane(_ valeurs: [TimeInterval]) -> TimeInterval? {
        guard !valeurs.isEmpty else { return nil }
        let v = valeurs.sorted()
        return v.count % 2 == 1 ? v[v.count / 2] : (v[v.count / 2 - 1] + v[v.count / 2]) / 2
    }
}
