/// Single-use links live in e-mails only as long as needed (issue 11): the outbox keeps a sent message with its
/// links replaced by a marker, and the administrators' page never shows a usable link.
public enum LiensCourriel {
    public static let marqueur = "[lien retiré après envoi]"
    public static let marqueurPage = "[lien masqué]"

    /// The text with every word that carries a link secret (`…?jeton=…`) replaced by `marqueur`.
    public static func retirer(_ corps: String, marqueur: String = LiensCourriel.marqueur) -> String {
        var lignes: [String] = []
        for ligne in corps.split(separator: "\n", omittingEmptySubsequences: false) {
            guard ligne.contains("jeton=") else {
                lignes.append(String(ligne))
                continue
            }
            lignes.append(
                ligne.split(separator: " ", omittingEmptySubsequences: false)
                    .map { $0.contains("jeton=") ? marqueur : String($0) }.joined(separator: " "))
        }
        return lignes.joined(separator: "\n")
    }
}
