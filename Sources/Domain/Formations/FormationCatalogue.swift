/// A formation of the catalogue: its codes, title, European level ("3"…"8") and the trades it prepares for.
public struct FormationCatalogue: Sendable, Equatable {
    public var cfd: CFD?
    public var rncp: RNCP?
    public var libelle: String
    public var niveau: Int?
    public var codesRome: [CodeROME]

    public init(cfd: CFD?, rncp: RNCP?, libelle: String, niveau: Int?, codesRome: [CodeROME] = []) {
        self.cfd = cfd
        self.rncp = rncp
        self.libelle = libelle
        self.niveau = niveau
        self.codesRome = codesRome
    }

    /// The labels of European levels, as the filters show them (`niveaux_formation.csv`).
    public static let libellesNiveaux: [Int: String] = [
        3: "Niveau 3 (CAP, BEP…)", 4: "Niveau 4 (Baccalauréat)", 5: "Niveau 5 (BTS, DUT, DEUG)",
        6: "Niveau 6 (Licence, Bachelor)", 7: "Niveau 7 (Master…)", 8: "Niveau 8 (Doctorat)",
    ]
}

/// Reads `tdb import formations FILE.csv` (`cfd,rncp,libelle,niveau`, optionally `codes_rome`): at least one code, a
/// title, a level 3–8, and the ROME codes of the trades it prepares for (`|`-separated, each known in the ROME tree).
public enum ImportFormations {
    public static let colonnes = ["cfd", "rncp", "libelle", "niveau"]

    public static func lire(_ fichier: FichierCSV) -> (formations: [FormationCatalogue], erreurs: [ErreurLigne]) {
        let manquantes = fichier.colonnesManquantes(colonnes)
        guard manquantes.isEmpty else {
            return ([], [ErreurLigne(ligne: 1, message: "colonnes manquantes : \(manquantes.joined(separator: ", "))")])
        }
        var formations: [FormationCatalogue] = []
        var erreurs: [ErreurLigne] = []
        var vus: [String: Int] = [:]
        for (numero, r) in fichier.lignes {
            var m: [String] = []
            let cfdBrut = r["cfd"] ?? ""
            let rncpBrut = r["rncp"] ?? ""
            let niveauBrut = r["niveau"] ?? ""
            let cfd = cfdBrut.isEmpty ? nil : CFD(cfdBrut)
            let rncp = rncpBrut.isEmpty ? nil : RNCP(rncpBrut)
            if !cfdBrut.isEmpty, cfd == nil { m.append("cfd « \(cfdBrut) » invalide (8 caractères alphanumériques)") }
            if !rncpBrut.isEmpty, rncp == nil {
                m.append("rncp « \(rncpBrut) » invalide (RNCP suivi de 2 à 5 chiffres)")
            }
            if cfdBrut.isEmpty && rncpBrut.isEmpty { m.append("cfd ou rncp obligatoire") }
            let libelle = (r["libelle"] ?? "").trimmingSpaces()
            if libelle.isEmpty { m.append("libelle obligatoire") }
            var niveau: Int?
            if !niveauBrut.isEmpty {
                if let n = Int(niveauBrut), (3...8).contains(n) {
                    niveau = n
                } else {
                    m.append("niveau « \(niveauBrut) » invalide (niveau européen de 3 à 8)")
                }
            }
            let codesRome = lireCodesRome(r["codes_rome"] ?? "", erreurs: &m)
            let cle = "\(cfd?.rawValue ?? "")|\(rncp?.rawValue ?? "")"
            if m.isEmpty, let premiere = vus[cle] { m.append("doublon de la ligne \(premiere)") }
            if m.isEmpty {
                vus[cle] = numero
                formations.append(
                    FormationCatalogue(cfd: cfd, rncp: rncp, libelle: libelle, niveau: niveau, codesRome: codesRome))
            } else {
                erreurs.append(ErreurLigne(ligne: numero, message: m.joined(separator: " ; ")))
            }
        }
        return (formations, erreurs)
    }

    /// `F1703|F1704`: each a letter and four digits, known in the ROME tree; repeated codes count once.
    static func lireCodesRome(_ brut: String, erreurs: inout [String]) -> [CodeROME] {
        var codes: [CodeROME] = []
        for morceau in brut.split(separator: "|", omittingEmptySubsequences: false) {
            let texte = morceau.trimmingCharacters(in: .whitespaces)
            if texte.isEmpty {
                if !brut.trimmingCharacters(in: .whitespaces).isEmpty {
                    erreurs.append("codes_rome « \(brut) » : code vide entre deux |")
                }
                continue
            }
            guard let code = CodeROME(texte) else {
                erreurs.append("code ROME « \(texte) » invalide (une lettre et 4 chiffres, par exemple F1703)")
                continue
            }
            guard ArbreMetiers.rome.connait(code) else {
                erreurs.append("code ROME « \(code) » inconnu du répertoire des métiers ROME")
                continue
            }
            if !codes.contains(code) { codes.append(code) }
        }
        return codes
    }
}

/// The catalogue in memory: a formation by CFD, else by RNCP.
public struct Catalogue: Sendable {
    let parCfd: [String: FormationCatalogue]
    let parRncp: [String: FormationCatalogue]

    public init(_ formations: [FormationCatalogue]) {
        var parCfd: [String: FormationCatalogue] = [:]
        var parRncp: [String: FormationCatalogue] = [:]
        for f in formations {
            if let c = f.cfd { parCfd[c.rawValue] = f }
            if let r = f.rncp, parRncp[r.rawValue] == nil { parRncp[r.rawValue] = f }
        }
        self.parCfd = parCfd
        self.parRncp = parRncp
    }

    public func formation(cfd: String?, rncp: String?) -> FormationCatalogue? {
        cfd.flatMap { parCfd[$0] } ?? rncp.flatMap { parRncp[$0] }
    }
}
