/// An organisme read from an import file, validated, its territory completed from the reference lists.
public struct OrganismeImporte: Sendable, Equatable {
    public var uai: UAI?
    public var siret: SIRET
    public var nom: String
    public var nature: NatureOrganisme
    public var adresse: AdresseOrganisme
    public var reseaux: [String]
    public var fiable: Bool
    public var ferme: Bool

    public init(
        uai: UAI?, siret: SIRET, nom: String, nature: NatureOrganisme, adresse: AdresseOrganisme,
        reseaux: [String], fiable: Bool = true, ferme: Bool = false
    ) {
        self.uai = uai
        self.siret = siret
        self.nom = nom
        self.nature = nature
        self.adresse = adresse
        self.reseaux = reseaux
        self.fiable = fiable
        self.ferme = ferme
    }
}

/// A rejected line of an import file: its number (the header is line 1) and why, in French.
public struct ErreurLigne: Sendable, Equatable, CustomStringConvertible {
    public let ligne: Int
    public let message: String
    public var description: String { "ligne \(ligne) : \(message)" }

    public init(ligne: Int, message: String) {
        self.ligne = ligne
        self.message = message
    }
}

/// A CSV file with a header row, `,` or `;` separated (UTF-8, a BOM is ignored).
public struct FichierCSV: Sendable {
    public let entetes: [String]
    /// (line number, values by header)
    public let lignes: [(Int, [String: String])]

    public init(texte: String) {
        var text = Substring(texte)
        if text.hasPrefix("\u{FEFF}") { text = text.dropFirst() }
        let rawLines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        let header = rawLines.first.map(String.init) ?? ""
        let separateur: Character = header.contains(";") && !header.contains(",") ? ";" : ","
        entetes = CSV.champs(header, separateur: separateur).map { $0.trimmingSpaces().lowercased() }
        var lignes: [(Int, [String: String])] = []
        for (i, raw) in rawLines.enumerated().dropFirst() where !raw.trimmingSpaces().isEmpty {
            let values = CSV.champs(String(raw), separateur: separateur)
            var row: [String: String] = [:]
            for (j, h) in entetes.enumerated() { row[h] = j < values.count ? values[j].trimmingSpaces() : "" }
            lignes.append((i + 1, row))
        }
        self.lignes = lignes
    }

    public func colonnesManquantes(_ requises: [String]) -> [String] { requises.filter { !entetes.contains($0) } }
}

/// Reads `tdb import organismes FILE.csv`: the bad lines are reported with their number and skipped.
public enum ImportOrganismes {
    public static let colonnes = [
        "uai", "siret", "nom", "nature", "code_postal", "code_commune_insee", "departement", "region", "academie",
        "reseaux",
    ]

    public static func lire(_ fichier: FichierCSV, territoires: Territoires = .france)
        -> (organismes: [OrganismeImporte], erreurs: [ErreurLigne])
    {
        let manquantes = fichier.colonnesManquantes(colonnes)
        guard manquantes.isEmpty else {
            return ([], [ErreurLigne(ligne: 1, message: "colonnes manquantes : \(manquantes.joined(separator: ", "))")])
        }
        var organismes: [OrganismeImporte] = []
        var erreurs: [ErreurLigne] = []
        var vus: [String: Int] = [:]
        for (numero, row) in fichier.lignes {
            switch lireLigne(row, territoires: territoires) {
            case .success(let o):
                let cle = "\(o.uai?.rawValue ?? "")/\(o.siret)"
                if let premiere = vus[cle] {
                    erreurs.append(
                        ErreurLigne(
                            ligne: numero, message: "doublon du couple UAI/SIRET \(cle) de la ligne \(premiere)"))
                } else {
                    vus[cle] = numero
                    organismes.append(o)
                }
            case .failure(let messages):
                erreurs.append(ErreurLigne(ligne: numero, message: messages.joined(separator: " ; ")))
            }
        }
        return (organismes, erreurs)
    }

    static func lireLigne(_ r: [String: String], territoires: Territoires) -> Result<OrganismeImporte, MessagesErreur> {
        var m: [String] = []
        let v = { (k: String) in r[k] ?? "" }
        let uai = v("uai").isEmpty ? nil : UAI(v("uai"))
        if !v("uai").isEmpty, uai == nil {
            m.append("uai « \(v("uai")) » invalide (7 chiffres et une lettre attendus)")
        }
        let siret = SIRET(v("siret"))
        if siret == nil { m.append("siret « \(v("siret")) » invalide (14 chiffres attendus)") }
        if v("nom").isEmpty { m.append("nom obligatoire") }
        var nature = NatureOrganisme.inconnue
        if !v("nature").isEmpty {
            if let n = NatureOrganisme(rawValue: v("nature").lowercased()) {
                nature = n
            } else {
                m.append(
                    "nature « \(v("nature")) » inconnue (responsable, formateur, responsable_formateur ou inconnue)")
            }
        }
        let codePostal = v("code_postal").isEmpty ? nil : CodePostal(v("code_postal"))
        if !v("code_postal").isEmpty, codePostal == nil {
            m.append("code_postal « \(v("code_postal")) » invalide (5 chiffres attendus)")
        }
        let insee = v("code_commune_insee").isEmpty ? nil : CodeCommuneInsee(v("code_commune_insee").uppercased())
        if !v("code_commune_insee").isEmpty, insee == nil {
            m.append("code_commune_insee « \(v("code_commune_insee")) » invalide")
        }
        var departement: Territoires.Departement?
        if !v("departement").isEmpty {
            let code = v("departement").count == 1 ? "0" + v("departement") : v("departement").uppercased()
            departement = territoires.departement(code)
            if departement == nil { m.append("departement « \(v("departement")) » inconnu") }
        } else {
            departement =
                insee.flatMap { territoires.departement($0.departement) }
                ?? codePostal.flatMap { territoires.departement(codePostal: $0) }
        }
        let region = v("region").isEmpty ? departement?.region : v("region")
        if let region, territoires.region(region) == nil { m.append("region « \(region) » inconnue") }
        if let departement, let region, departement.region != region {
            m.append("le département \(departement.code) n'est pas dans la région \(region)")
        }
        let academie = v("academie").isEmpty ? departement?.academie : v("academie")
        if let academie, territoires.academie(academie) == nil { m.append("academie « \(academie) » inconnue") }
        let reseaux = v("reseaux").split(separator: "|").map { $0.trimmingSpaces().uppercased() }.filter { !$0.isEmpty }
        let fiable = booleen(r["fiable"]) ?? true
        let ferme = booleen(r["ferme"]) ?? false
        guard m.isEmpty, let siret else { return .failure(MessagesErreur(m)) }
        return .success(
            OrganismeImporte(
                uai: uai, siret: siret, nom: v("nom"), nature: nature,
                adresse: AdresseOrganisme(
                    codePostal: codePostal?.rawValue, codeCommuneInsee: insee?.rawValue,
                    commune: r["commune"].flatMap { $0.isEmpty ? nil : $0 },
                    departement: departement?.code, region: region, academie: academie),
                reseaux: Array(Set(reseaux)).sorted(), fiable: fiable, ferme: ferme))
    }

    private static func booleen(_ s: String?) -> Bool? {
        switch s?.lowercased() {
        case "true", "oui", "1", "vrai": true
        case "false", "non", "0", "faux": false
        default: nil
        }
    }
}

public struct MessagesErreur: Error, Sendable {
    public let messages: [String]
    init(_ messages: [String]) { self.messages = messages }
    func joined(separator: String) -> String { messages.joined(separator: separator) }
}

/// Reads `tdb import relations FILE.csv` (`responsable_uai,responsable_siret,formateur_uai,formateur_siret`).
public enum ImportRelations {
    public static let colonnes = ["responsable_uai", "responsable_siret", "formateur_uai", "formateur_siret"]

    public static func lire(_ fichier: FichierCSV) -> (
        relations: [(ligne: Int, responsable: OrganismeCle, formateur: OrganismeCle)], erreurs: [ErreurLigne]
    ) {
        let manquantes = fichier.colonnesManquantes(colonnes)
        guard manquantes.isEmpty else {
            return ([], [ErreurLigne(ligne: 1, message: "colonnes manquantes : \(manquantes.joined(separator: ", "))")])
        }
        var relations: [(Int, OrganismeCle, OrganismeCle)] = []
        var erreurs: [ErreurLigne] = []
        for (numero, r) in fichier.lignes {
            var m: [String] = []
            func cle(_ role: String) -> OrganismeCle? {
                let u = UAI(r[role + "_uai"] ?? "")
                let s = SIRET(r[role + "_siret"] ?? "")
                if u == nil { m.append("\(role)_uai « \(r[role + "_uai"] ?? "") » invalide") }
                if s == nil { m.append("\(role)_siret « \(r[role + "_siret"] ?? "") » invalide") }
                guard let u, let s else { return nil }
                return OrganismeCle(uai: u, siret: s)
            }
            let responsable = cle("responsable")
            let formateur = cle("formateur")
            if let responsable, let formateur, responsable == formateur {
                m.append("un organisme ne peut pas être son propre formateur")
            }
            if m.isEmpty, let responsable, let formateur {
                relations.append((numero, responsable, formateur))
            } else {
                erreurs.append(ErreurLigne(ligne: numero, message: m.joined(separator: " ; ")))
            }
        }
        return (relations.map { (ligne: $0.0, responsable: $0.1, formateur: $0.2) }, erreurs)
    }
}
