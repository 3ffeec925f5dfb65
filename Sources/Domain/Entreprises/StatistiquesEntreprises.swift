import Foundation

/// The companies' side in figures, for the people who steer (F18): month by month, the searches of CFAs by trade and
/// territory, the requests sent to CFAs, answered, filled, and the median time to a first answer; and over the
/// period, the trades and territories searched most. Counts only: a search is counted without anything about who
/// made it, a request without its company.
public struct StatistiquesEntreprises: Sendable, Equatable {
    public struct Mois: Sendable, Equatable {
        /// `AAAA-MM`.
        public let mois: String
        public let recherches: Int
        public let envoyees: Int
        public let repondues: Int
        public let pourvues: Int
        /// Seconds; nil when no request of the month was answered.
        public let delaiMedianPremiereReponse: Double?
    }

    /// A trade or a territory and how many searches named it.
    public struct Compte: Sendable, Equatable {
        public let code: String
        public let libelle: String
        public let nombre: Int
    }

    /// The months of the period, the latest first.
    public let mois: [Mois]
    public let metiers: [Compte]
    public let territoires: [Compte]

    public var recherches: Int { mois.reduce(0) { $0 + $1.recherches } }
    public var envoyees: Int { mois.reduce(0) { $0 + $1.envoyees } }
    public var repondues: Int { mois.reduce(0) { $0 + $1.repondues } }
    public var pourvues: Int { mois.reduce(0) { $0 + $1.pourvues } }

    /// How many trades and territories are listed.
    public static let premiers = 10
    /// The months shown: this one and the eleven before.
    public static let nombreMois = 12

    /// The `nombre` months up to the month of `jour` (`AAAA-MM`), the oldest first.
    public static func moisJusqua(_ jour: Jour, nombre: Int = nombreMois) -> [String] {
        var (annee, m) = (jour.components.year, jour.components.month)
        var liste: [String] = []
        for _ in 0..<nombre {
            liste.append(String(format: "%04d-%02d", annee, m))
            (annee, m) = m == 1 ? (annee - 1, 12) : (annee, m - 1)
        }
        return liste.reversed()
    }

    /// The figures of the months `mois` from the searches counted (those of the caller's perimeter: `retenue`) and
    /// the requests' statistics by month. Months without anything show zeros.
    public static func calculer(
        mois: [String], recherches: [CompteRecherches], retenue: (RechercheComptee) -> Bool,
        demandes: [StatistiqueMoisDemandes], libelleMetier: (CodeROME) -> String?,
        libelleTerritoire: (RechercheComptee) -> String
    ) -> StatistiquesEntreprises {
        let periode = Set(mois)
        let comptees = recherches.filter { periode.contains($0.recherche.mois) && retenue($0.recherche) }
        let parMois = Dictionary(grouping: comptees, by: \.recherche.mois).mapValues { $0.reduce(0) { $0 + $1.nombre } }
        let demandesParMois = Dictionary(demandes.map { ($0.mois, $0) }, uniquingKeysWith: { a, _ in a })
        func premiers(_ cle: (RechercheComptee) -> String, _ libelle: (RechercheComptee) -> String) -> [Compte] {
            var totaux: [String: (libelle: String, nombre: Int)] = [:]
            for c in comptees {
                let k = cle(c.recherche)
                totaux[k, default: (libelle(c.recherche), 0)].nombre += c.nombre
            }
            return totaux.map { Compte(code: $0.key, libelle: $0.value.libelle, nombre: $0.value.nombre) }
                .sorted { ($1.nombre, $0.libelle) < ($0.nombre, $1.libelle) }
                .prefix(Self.premiers).map { $0 }
        }
        return StatistiquesEntreprises(
            mois: mois.reversed().map { m in
                let d = demandesParMois[m]
                return Mois(
                    mois: m, recherches: parMois[m] ?? 0, envoyees: d?.envoyees ?? 0, repondues: d?.repondues ?? 0,
                    pourvues: d?.pourvues ?? 0, delaiMedianPremiereReponse: d?.delaiMedianPremiereReponse)
            },
            metiers: premiers({ $0.codeRome.rawValue }, { libelleMetier($0.codeRome) ?? $0.codeRome.rawValue }),
            territoires: premiers({ "\($0.typeTerritoire)-\($0.codeTerritoire)" }, libelleTerritoire))
    }
}
