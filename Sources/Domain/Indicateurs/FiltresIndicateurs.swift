/// The filters of every indicator query (domain §7.2), validated from query parameters: an unknown parameter or a
/// malformed value is an error naming it.
public struct FiltresIndicateurs: Sendable, Equatable {
    public var date: Jour
    public var regions: Set<String> = []
    public var departements: Set<String> = []
    public var academies: Set<String> = []
    public var bassinsEmploi: Set<String> = []
    public var reseaux: Set<String> = []
    public var organismeRecherche: String?
    public var tranchesAge: [TrancheAge] = []
    public var anneesFormation: Set<Int> = []
    public var niveaux: Set<Int> = []
    public var cfds: Set<String> = []

    public init(date: Jour) { self.date = date }

    public enum TrancheAge: String, Sendable, CaseIterable {
        case moins18 = "-18"
        case de18a20 = "18-20"
        case de21a25 = "21-25"
        case plus26 = "26+"

        /// [min, max[ in years (`tranches_age.csv`).
        public var bornes: (min: Int, max: Int) {
            switch self {
            case .moins18: (0, 18)
            case .de18a20: (18, 21)
            case .de21a25: (21, 26)
            case .plus26: (26, 999)
            }
        }
    }

    /// The parameters every indicator view accepts; `autres` are those of a view (`debut`, `fin`…).
    public static let parametres = [
        "date", "organisme_regions", "organisme_departements", "organisme_academies", "organisme_bassinsEmploi",
        "organisme_reseaux", "organisme_search", "apprenant_tranchesAge", "formation_annees", "formation_niveaux",
        "formation_cfds",
    ]

    /// Reads the query. `autorises` limits the parameters (the national view takes only date and territories).
    public static func lire(
        _ query: [(String, String)], aujourdhui: Jour, autorises: [String] = parametres,
        autres: [String] = []
    ) throws(ErreursParametres) -> FiltresIndicateurs {
        var f = FiltresIndicateurs(date: aujourdhui)
        var erreurs: [ErreurValidation] = []
        let t = Territoires.france
        func liste(_ v: String) -> [String] {
            v.split(separator: ",").map { $0.trimmingSpaces() }.filter { !$0.isEmpty }
        }
        func codes(_ cle: String, _ v: String, _ valide: (String) -> Bool) -> Set<String> {
            let l = liste(v)
            for c in l where !valide(c) { erreurs.append(ErreurValidation(cle, "Code inconnu : \(c)")) }
            return Set(l)
        }
        for (cle, v) in query {
            guard autorises.contains(cle) || autres.contains(cle) else {
                erreurs.append(ErreurValidation(cle, "Paramètre inconnu"))
                continue
            }
            switch cle {
            case "date":
                if let d = Jour(parametre: v) {
                    f.date = d
                } else {
                    erreurs.append(ErreurValidation(cle, Jour.messageParametre))
                }
            case "organisme_regions": f.regions = codes(cle, v) { t.region($0) != nil }
            case "organisme_departements": f.departements = codes(cle, v) { t.departement($0) != nil }
            case "organisme_academies": f.academies = codes(cle, v) { t.academie($0) != nil }
            case "organisme_bassinsEmploi":
                f.bassinsEmploi = codes(cle, v) { c in t.bassinsEmploi.contains { $0.code == c } }
            case "organisme_reseaux": f.reseaux = codes(cle, v) { Reseau.nomme($0) != nil }
            case "organisme_search":
                let s = v.trimmingSpaces()
                if s.count > 100 {
                    erreurs.append(ErreurValidation(cle, "Recherche trop longue (100 caractères au plus)"))
                } else if !s.isEmpty {
                    f.organismeRecherche = s
                }
            case "apprenant_tranchesAge":
                for c in liste(v) {
                    if let tr = TrancheAge(rawValue: c) {
                        f.tranchesAge.append(tr)
                    } else {
                        erreurs.append(ErreurValidation(cle, "Tranche d'âge inconnue : \(c) (-18, 18-20, 21-25, 26+)"))
                    }
                }
            case "formation_annees":
                for c in liste(v) {
                    if let n = Int(c), (0...5).contains(n) {
                        f.anneesFormation.insert(n)
                    } else {
                        erreurs.append(ErreurValidation(cle, "Année de formation invalide : \(c) (0 à 5)"))
                    }
                }
            case "formation_niveaux":
                for c in liste(v) {
                    if let n = Int(c), (1...8).contains(n) {
                        f.niveaux.insert(n)
                    } else {
                        erreurs.append(ErreurValidation(cle, "Niveau invalide : \(c) (niveau européen 3 à 8)"))
                    }
                }
            case "formation_cfds":
                for c in liste(v) {
                    if let cfd = CFD(c) {
                        f.cfds.insert(cfd.rawValue)
                    } else {
                        erreurs.append(ErreurValidation(cle, "Code CFD invalide : \(c)"))
                    }
                }
            default: break
            }
        }
        if !erreurs.isEmpty { throw ErreursParametres(erreurs: erreurs) }
        return f
    }
}

/// Malformed or unknown query parameters, each named.
public struct ErreursParametres: Error, Sendable, Equatable {
    public let erreurs: [ErreurValidation]
    public init(erreurs: [ErreurValidation]) { self.erreurs = erreurs }
}
