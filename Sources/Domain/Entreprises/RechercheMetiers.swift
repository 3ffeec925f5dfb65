import Foundation

/// Finds trades by name or ROME code, as a company types them: accents, case and plurals do not matter
/// ("maçons", "Maçon", "MACON" find "Maçon / Maçonne"), every word typed must start a word of the name (so
/// suggestions come as one types), and a ROME code ("F1703", "f1703") finds its trade.
public enum RechercheMetiers {
    /// Lower case, without accents, œ/æ spelt out, anything but letters and digits as spaces.
    public static func replier(_ texte: String) -> String {
        let t = texte.replacingOccurrences(of: "œ", with: "oe").replacingOccurrences(of: "Œ", with: "oe")
            .replacingOccurrences(of: "æ", with: "ae").replacingOccurrences(of: "Æ", with: "ae")
            .folding(options: [.diacriticInsensitive, .caseInsensitive, .widthInsensitive], locale: nil)
        return String(t.unicodeScalars.map { CharacterSet.alphanumerics.contains($0) ? Character($0) : " " })
    }

    /// The words of a text, folded and in the singular (French plurals in -s, -x, -aux).
    public static func mots(_ texte: String) -> [String] {
        replier(texte).split(separator: " ").map { singulier(String($0)) }
    }

    static func singulier(_ mot: String) -> String {
        guard mot.count > 3 else { return mot }
        if mot.hasSuffix("aux") { return String(mot.dropLast(3)) + "al" }
        if mot.hasSuffix("s") || mot.hasSuffix("x") { return String(mot.dropLast()) }
        return mot
    }

    /// The trades matching `texte`, best first: a ROME code (or its start, letter and at least two digits) finds
    /// its trades; else names whose words start with every word typed, whole words before word starts, then the
    /// names that begin with the words typed, then shorter names. At most `limite`.
    public static func chercher(_ texte: String, dans arbre: ArbreMetiers = .rome, limite: Int = 20) -> [Metier] {
        let brut = texte.trimmingCharacters(in: .whitespaces).uppercased()
        if let code = CodeROME(brut) { return Array(arbre.metiers(code: code).prefix(limite)) }
        if brut.count >= 3, brut.count < 5, let premiere = brut.unicodeScalars.first,
            ("A"..."Z").contains(premiere), brut.dropFirst().allSatisfy(\.isNumber)
        {
            return Array(arbre.metiers.filter { $0.code.rawValue.hasPrefix(brut) }.prefix(limite))
        }
        let demandes = mots(texte)
        guard !demandes.isEmpty else { return [] }
        var trouves: [(metier: Metier, score: Int)] = []
        for (m, motsMetier) in zip(arbre.metiers, arbre.motsDesMetiers) {
            var score = 0
            var tous = true
            for d in demandes {
                if motsMetier.contains(d) {
                    score += 2
                } else if motsMetier.contains(where: { $0.hasPrefix(d) }) {
                    score += 1
                } else {
                    tous = false
                    break
                }
            }
            guard tous else { continue }
            if let premier = motsMetier.first, let d = demandes.first, premier.hasPrefix(d) { score += 3 }
            trouves.append((m, score))
        }
        trouves.sort {
            if $0.score != $1.score { return $0.score > $1.score }
            if $0.metier.libelle.count != $1.metier.libelle.count {
                return $0.metier.libelle.count < $1.metier.libelle.count
            }
            return $0.metier.libelle < $1.metier.libelle
        }
        return Array(trouves.prefix(limite).map(\.metier))
    }
}
