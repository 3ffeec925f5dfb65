/// Reads `tdb import missions-locales FILE.csv`: one mission locale per line, the communes (INSEE codes) and postal
/// codes it covers `|`-separated. A bad line is reported with its number and every reason, and skipped.
public enum ImportMissionsLocales {
    public static let colonnes = [
        "code", "nom", "siret", "email", "telephone", "site_web", "adresse", "code_postal", "commune", "departement",
        "region", "communes", "codes_postaux",
    ]
    /// `codes_postaux` may be left out of the file.
    static let colonnesRequises = colonnes.filter { $0 != "codes_postaux" }

    public static func lire(_ fichier: FichierCSV, territoires: Territoires = .france)
        -> (missionsLocales: [MissionLocale], erreurs: [ErreurLigne])
    {
        let manquantes = fichier.colonnesManquantes(colonnesRequises)
        guard manquantes.isEmpty else {
            return ([], [ErreurLigne(ligne: 1, message: "colonnes manquantes : \(manquantes.joined(separator: ", "))")])
        }
        var missionsLocales: [MissionLocale] = []
        var erreurs: [ErreurLigne] = []
        var vus: [String: Int] = [:]
        for (numero, row) in fichier.lignes {
            switch lireLigne(row, territoires: territoires) {
            case .success(let ml):
                if let premiere = vus[ml.code] {
                    erreurs.append(
                        ErreurLigne(ligne: numero, message: "code « \(ml.code) » en double (déjà ligne \(premiere))"))
                } else {
                    vus[ml.code] = numero
                    missionsLocales.append(ml)
                }
            case .failure(let messages):
                erreurs.append(ErreurLigne(ligne: numero, message: messages.joined(separator: " ; ")))
            }
        }
        return (missionsLocales, erreurs)
    }

    static func lireLigne(_ r: [String: String], territoires: Territoires) -> Result<MissionLocale, MessagesErreur> {
        var m: [String] = []
        let v = { (k: String) in (r[k] ?? "").trimmingSpaces() }
        let optionnel = { (k: String) in v(k).isEmpty ? nil : v(k) }
        let code = v("code")
        if code.isEmpty { m.append("code obligatoire") }
        if v("nom").isEmpty { m.append("nom obligatoire") }
        var siret: SIRET?
        if let brut = optionnel("siret") {
            siret = SIRET(brut)
            if let s = siret, !s.cleValide {
                m.append("siret « \(brut) » invalide (clé de contrôle fausse)")
            } else if siret == nil {
                m.append("siret « \(brut) » invalide (14 chiffres attendus)")
            }
        }
        let email = optionnel("email")?.lowercased()
        if let email, !Email.estValide(email) { m.append("email « \(email) » invalide (exemple : contact@exemple.fr)") }
        let codePostal = optionnel("code_postal").map { ($0, CodePostal($0)) }
        if let (brut, cp) = codePostal, cp == nil { m.append("code_postal « \(brut) » invalide (5 chiffres attendus)") }

        var departement: Territoires.Departement?
        if let brut = optionnel("departement") {
            departement = territoires.departement(brut.count == 1 ? "0" + brut : brut.uppercased())
            if departement == nil { m.append("departement « \(brut) » inconnu") }
        } else {
            departement = codePostal?.1.flatMap { territoires.departement(codePostal: $0) }
        }
        let region = optionnel("region") ?? departement?.region
        if let region, territoires.region(region) == nil { m.append("region « \(region) » inconnue") }
        if let departement, let region, territoires.region(region) != nil, departement.region != region {
            m.append("departement : le département \(departement.code) n'est pas dans la région \(region)")
        }

        let communes = liste(v("communes")).map { $0.uppercased() }
        let communesInvalides = communes.filter { CodeCommuneInsee($0) == nil }
        if !communesInvalides.isEmpty {
            m.append(
                "communes : \(citer(communesInvalides)) invalide\(communesInvalides.count > 1 ? "s" : "") "
                    + "(codes INSEE de 5 caractères attendus, 2A ou 2B pour la Corse)")
        }
        let codesPostaux = liste(v("codes_postaux"))
        let codesInvalides = codesPostaux.filter { $0.count != 5 || CodePostal($0) == nil }
        if !codesInvalides.isEmpty {
            m.append(
                "codes_postaux : \(citer(codesInvalides)) invalide\(codesInvalides.count > 1 ? "s" : "") "
                    + "(5 chiffres attendus)")
        }
        guard m.isEmpty else { return .failure(MessagesErreur(m)) }
        return .success(
            MissionLocale(
                code: code, nom: v("nom"), siret: siret?.rawValue, email: email, telephone: optionnel("telephone"),
                siteWeb: optionnel("site_web"), adresse: optionnel("adresse"), codePostal: codePostal?.1?.rawValue,
                commune: optionnel("commune"), departement: departement?.code, region: region,
                communes: sansDoublons(communes), codesPostaux: sansDoublons(codesPostaux)))
    }

    /// `a|b|c`, spaces and empty items ignored.
    static func liste(_ s: String) -> [String] {
        s.split(separator: "|").map { $0.trimmingSpaces() }.filter { !$0.isEmpty }
    }

    static func sansDoublons(_ valeurs: [String]) -> [String] {
        var vus = Set<String>()
        return valeurs.filter { vus.insert($0).inserted }
    }

    /// « a », « b », « c » et 4 autres.
    static func citer(_ valeurs: [String]) -> String {
        let premieres = valeurs.prefix(3).map { "« \($0) »" }.joined(separator: ", ")
        return valeurs.count > 3 ? premieres + " et \(valeurs.count - 3) autres" : premieres
    }
}
