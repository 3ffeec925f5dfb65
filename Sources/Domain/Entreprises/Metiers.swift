import Foundation

/// A ROME code (France Travail's repertoire of trades): a capital letter then four digits, e.g. `F1703`.
public struct CodeROME: Hashable, Sendable, Comparable, Codable, CustomStringConvertible {
    public let rawValue: String

    /// Read from what a person typed: spaces around and the letter's case do not matter.
    public init?(_ texte: String) {
        let v = texte.trimmingCharacters(in: .whitespaces).uppercased()
        let c = Array(v.unicodeScalars)
        guard c.count == 5, ("A"..."Z").contains(c[0]), c.dropFirst().allSatisfy({ ("0"..."9").contains($0) }) else {
            return nil
        }
        rawValue = v
    }

    public var description: String { rawValue }
    public static func < (a: CodeROME, b: CodeROME) -> Bool { a.rawValue < b.rawValue }
}

/// A trade of the ROME tree: its code and one of its names ("Maçon / Maçonne"), in a sector and maybe a sub-sector.
public struct Metier: Hashable, Sendable {
    public let code: CodeROME
    public let libelle: String
    public let secteur: Int
    public let sousSecteur: Int?
}

/// An activity sector and its sub-sectors (some sectors have none).
public struct SecteurActivite: Sendable, Equatable {
    public struct SousSecteur: Sendable, Equatable {
        public let code: Int
        public let libelle: String
        public let metiers: [Metier]
    }
    public let code: Int
    public let libelle: String
    public let sousSecteurs: [SousSecteur]
    /// Every trade of the sector, by name.
    public let metiers: [Metier]
}

/// The ROME tree shipped as `metiers_rome.csv` (derived by `scripts/metiers-rome.py` from France Travail's
/// `rome_secteurs_activite.json`): 35 sectors, their sub-sectors, their trades.
public struct ArbreMetiers: Sendable {
    public let secteurs: [SecteurActivite]
    /// Every (code, name) once, by name.
    public let metiers: [Metier]
    /// The words of each name of `metiers`, folded and in the singular (`RechercheMetiers.mots`).
    let motsDesMetiers: [[String]]
    private let parCode: [CodeROME: [Metier]]

    public static let rome = ArbreMetiers(lignes: Ressources.csv("metiers_rome"))

    /// From rows `code_secteur, secteur, code_sous_secteur, sous_secteur, code_rome, metier`; a row with no
    /// sub-sector lists a trade of the sector as a whole.
    public init(lignes: [[String: String]]) {
        var ordreSecteurs: [Int] = []
        var libellesSecteurs: [Int: String] = [:]
        var sousSecteurs: [Int: [(code: Int, libelle: String)]] = [:]
        var metiersSousSecteur: [Int: [Metier]] = [:]
        var metiersSecteur: [Int: Set<Metier>] = [:]
        var tous: [String: Metier] = [:]
        for l in lignes {
            guard let s = Int(l["code_secteur"] ?? ""), let code = CodeROME(l["code_rome"] ?? ""),
                let libelle = l["metier"], !libelle.isEmpty
            else { continue }
            if libellesSecteurs[s] == nil {
                ordreSecteurs.append(s)
                libellesSecteurs[s] = l["secteur"] ?? ""
            }
            let ss = Int(l["code_sous_secteur"] ?? "")
            if let ss, !(sousSecteurs[s] ?? []).contains(where: { $0.code == ss }) {
                sousSecteurs[s, default: []].append((ss, l["sous_secteur"] ?? ""))
            }
            let m = Metier(code: code, libelle: libelle, secteur: s, sousSecteur: ss)
            if let ss { metiersSousSecteur[ss, default: []].append(m) }
            metiersSecteur[s, default: []].insert(Metier(code: code, libelle: libelle, secteur: s, sousSecteur: nil))
            let cle = code.rawValue + "|" + libelle
            if tous[cle] == nil || tous[cle]?.sousSecteur == nil { tous[cle] = m }
        }
        // Names folded once (sorting and searching compare them many times).
        var replies: [String: String] = [:]
        for m in tous.values where replies[m.libelle] == nil {
            replies[m.libelle] = RechercheMetiers.replier(m.libelle)
        }
        func parNom(_ a: Metier, _ b: Metier) -> Bool {
            let (x, y) = (replies[a.libelle] ?? a.libelle, replies[b.libelle] ?? b.libelle)
            return x == y ? a.code < b.code : x < y
        }
        secteurs = ordreSecteurs.map { s in
            SecteurActivite(
                code: s, libelle: libellesSecteurs[s] ?? "",
                sousSecteurs: (sousSecteurs[s] ?? []).map {
                    .init(
                        code: $0.code, libelle: $0.libelle,
                        metiers: (metiersSousSecteur[$0.code] ?? []).sorted(by: parNom))
                },
                metiers: (metiersSecteur[s] ?? []).sorted(by: parNom))
        }
        metiers = tous.values.sorted(by: parNom)
        motsDesMetiers = metiers.map { RechercheMetiers.mots($0.libelle) }
        parCode = Dictionary(grouping: metiers, by: \.code)
    }

    /// Whether the tree knows this code.
    public func connait(_ code: CodeROME) -> Bool { parCode[code] != nil }

    /// The names of a code, by name.
    public func metiers(code: CodeROME) -> [Metier] { parCode[code] ?? [] }

    /// The name shown for a code: its shortest name.
    public func libelle(_ code: CodeROME) -> String? {
        parCode[code]?.min { ($0.libelle.count, $0.libelle) < ($1.libelle.count, $1.libelle) }?.libelle
    }

    public func secteur(_ code: Int) -> SecteurActivite? { secteurs.first { $0.code == code } }

    /// The other codes of the same sub-sector (else of the same sector), to widen a search that found nothing.
    public func voisins(_ code: CodeROME) -> [CodeROME] {
        let m = parCode[code] ?? []
        let sousSecteurs = Set(m.compactMap(\.sousSecteur))
        var codes: [CodeROME] = []
        for s in secteurs where m.contains(where: { $0.secteur == s.code }) {
            let liste =
                sousSecteurs.isEmpty
                ? s.metiers : s.sousSecteurs.filter { sousSecteurs.contains($0.code) }.flatMap(\.metiers)
            for x in liste where x.code != code && !codes.contains(x.code) { codes.append(x.code) }
        }
        return codes
    }
}
