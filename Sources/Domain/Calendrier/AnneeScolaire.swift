/// `"YYYY-YYYY"`: a school year (1 August → 31 July, consecutive years) or a calendar year (identical years).
public struct AnneeScolaire: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let debut: Int
    public let fin: Int

    public init?(debut: Int, fin: Int) {
        guard (1000...2999).contains(debut), fin == debut || fin == debut + 1 else { return nil }
        self.init(calcule: debut, fin)
    }

    /// A year computed from a day, not read from a text: any day has one, whatever its year.
    private init(calcule debut: Int, _ fin: Int) {
        self.debut = debut
        self.fin = fin
    }

    /// Accepts `2024/2025` and spaces, then checks `^[12][0-9]{3}-[12][0-9]{3}$` and consecutive or identical years.
    public init?(_ raw: String) {
        // Fast path: already `YYYY-YYYY` (every stored value, most sent ones).
        let u = Array(raw.utf8)
        if u.count == 9, u[4] == UInt8(ascii: "-"), let a = digits(u, 0, 4), let z = digits(u, 5, 4) {
            guard u[0] == 49 || u[0] == 50, u[5] == 49 || u[5] == 50 else { return nil }
            self.init(debut: a, fin: z)
            return
        }
        let v = String(raw.replacingAll("/", with: "-").unicodeScalars.filter { !$0.properties.isWhitespace })
        let b = Array(v.utf8)
        guard b.count == 9, b[4] == UInt8(ascii: "-"), b[0] == 49 || b[0] == 50, b[5] == 49 || b[5] == 50,
            let a = digits(b, 0, 4), let z = digits(b, 5, 4)
        else { return nil }
        self.init(debut: a, fin: z)
    }

    public var description: String { "\(debut)-\(fin)" }
    public var estAnneeCivile: Bool { debut == fin }

    public static func < (l: AnneeScolaire, r: AnneeScolaire) -> Bool { (l.debut, l.fin) < (r.debut, r.fin) }

    /// First and last day covered: 1 Aug → 31 Jul for a school year, 1 Jan → 31 Dec for a calendar year.
    public var premierJour: Jour {
        estAnneeCivile ? Jour(year: debut, month: 1, day: 1) : Jour(year: debut, month: 8, day: 1)
    }
    public var dernierJour: Jour {
        estAnneeCivile ? Jour(year: debut, month: 12, day: 31) : Jour(year: fin, month: 7, day: 31)
    }

    /// The school year of a day: before August → `(Y-1)-Y`, else `Y-(Y+1)`.
    public static func scolaire(de jour: Jour) -> AnneeScolaire {
        let (y, m, _) = jour.components
        return m < 8 ? AnneeScolaire(calcule: y - 1, y) : AnneeScolaire(calcule: y, y + 1)
    }

    public static func civile(de jour: Jour) -> AnneeScolaire { AnneeScolaire(calcule: jour.year, jour.year) }

    /// The years counted by indicators at date D: `["Y-Y", school year of D]`.
    public static func annees(pourIndicateursA jour: Jour) -> [AnneeScolaire] {
        [civile(de: jour), scolaire(de: jour)]
    }

    /// The current and the previous school year (follow-up screens).
    public static func anneesActives(a jour: Jour) -> [AnneeScolaire] {
        let s = scolaire(de: jour)
        return [s, AnneeScolaire(calcule: s.debut - 1, s.debut)]
    }

    /// Every calendar and school year overlapping `[debut, fin]`, sorted by first day then last day.
    public static func annees(du debut: Jour, au fin: Jour) -> [AnneeScolaire] {
        guard debut <= fin else { return [] }
        var result: [AnneeScolaire] = []
        for y in (debut.year - 1)...(fin.year) {
            for a in [AnneeScolaire(calcule: y, y), AnneeScolaire(calcule: y, y + 1)]
            where a.premierJour <= fin && a.dernierJour >= debut {
                result.append(a)
            }
        }
        return result.sorted { ($0.premierJour, $0.dernierJour) < ($1.premierJour, $1.dernierJour) }
    }

}

extension String {
    func replacingAll(_ target: Character, with replacement: Character) -> String {
        String(map { $0 == target ? replacement : $0 })
    }
}
