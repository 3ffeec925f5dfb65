/// Régions, académies, départements and bassins d'emploi (domain §9), loaded once from the shipped lists.
public struct Territoires: Sendable {
    public struct Region: Sendable, Hashable {
        public let code: String
        public let nom: String
    }
    public struct Academie: Sendable, Hashable {
        public let code: String
        public let nom: String
    }
    public struct Departement: Sendable, Hashable {
        public let code: String
        public let nom: String
        public let region: String
        public let academie: String
    }
    public struct BassinEmploi: Sendable, Hashable {
        public let code: String
        public let nom: String
    }

    public let regions: [Region]
    public let academies: [Academie]
    public let departements: [Departement]
    public let bassinsEmploi: [BassinEmploi]
    private let departementParCode: [String: Departement]

    public static let france = Territoires()

    private init() {
        var regions: [Region] = []
        var academies: [Academie] = []
        var departements: [Departement] = []
        for row in Ressources.csv("territoires") {
            let code = row["code"] ?? ""
            let nom = row["nom"] ?? ""
            switch row["type"] {
            case "REGION": regions.append(Region(code: code, nom: nom))
            case "ACADEMIE": academies.append(Academie(code: code, nom: nom))
            case "DEPARTEMENT":
                departements.append(
                    Departement(
                        code: code, nom: nom, region: row["id_or_region_code"] ?? "",
                        academie: row["academie_code"] ?? ""))
            default: break
            }
        }
        self.regions = regions
        self.academies = academies
        self.departements = departements
        bassinsEmploi = Ressources.csv("territoires_bassins_emploi").map {
            BassinEmploi(code: $0["code"] ?? "", nom: $0["nom"] ?? "")
        }
        departementParCode = Dictionary(departements.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
    }

    public func departement(_ code: String) -> Departement? { departementParCode[code] }
    public func region(_ code: String) -> Region? { regions.first { $0.code == code } }
    public func academie(_ code: String) -> Academie? { academies.first { $0.code == code } }

    /// The département of a postal code: Corsica is split at 20200, overseas codes use 3 digits.
    public func departement(codePostal: CodePostal) -> Departement? {
        let v = codePostal.rawValue
        if v.hasPrefix("20") { return departement(Int(v)! < 20200 ? "2A" : "2B") }
        if v.hasPrefix("97") || v.hasPrefix("98") { return departement(String(v.prefix(3))) }
        return departement(String(v.prefix(2)))
    }
}
