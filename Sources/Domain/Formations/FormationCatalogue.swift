/// A formation of the catalogue: its codes, title and European level ("3"…"8").
public struct FormationCatalogue: Sendable, Equatable {
    public var cfd: CFD?
    public var rncp: RNCP?
    public var libelle: String
    public var niveau: Int?

    public init(cfd: CFD?, rncp: RNCP?, libelle: String, niveau: Int?) {
        self.cfd = cfd
        self.rncp = rncp
        self.libelle = libelle
        self.niveau = niveau
    }

    /// The labels of European levels, as the filters show them (`niveaux_formation.csv`).
    public static let libellesNiveaux: [Int: String] = [
        3: "Niveau 3 (CAP, BEP…)", 4: "Niveau 4 (Baccalauréat)", 5: "Niveau 5 (BTS, DUT, DEUG)",
        6: "Niveau 6 (Licence, Bachelor)", 7: "Niveau 7 (Master…)", 8: "Niveau 8 (Doctorat)",
    ]
}

/// Reads `tdb import formations FILE.csv` (`cfd,rncp,libelle,niveau`): at least one code, a title, a level 3–8.
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
            let cle = "\(cfd?.rawValue ?? "")|\(rncp?.rawValue ?? "")"
            if m.isEmpty, let premiere = vus[cle] { m.append("doublon de la ligne \(premiere)") }
            if m.isEmpty {
                vus[cle] = numero
                formations.append(FormationCatalogue(cfd: cfd, rncp: rncp, libelle: libelle, niveau: niveau))
            } else {
                erreurs.append(ErreurLigne(ligne: numero, message: m.joined(separator: " ; ")))
            }
        }
        return (formations, erreurs)
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
