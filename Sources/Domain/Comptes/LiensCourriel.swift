/// Single-use links live in e-mails only as long as needed (issue 11): the outbox keeps a sent message with its
/// links replaced by a marker, and the administrators' page never shows a usable link.
public enum LiensCourriel {
    public static let marqueur = "[lien retiré après envoi]"
    public static let marqueurPage = "[lien masqué]"

    /// What marks a word carrying a link secret: `…?jeton=…`, a young person's page `…/jeunes/<jeton>`, a company's
    /// confirmation link `…/recruter-un-apprenti/confirmer/<jeton>`.
    static let signes = ["jeton=", InvitationsJeunes.chemin, DemandesEntreprises.cheminConfirmation]

    /// Whether a text (an HTML version) carries a link secret.
    public static func contientSecret(_ texte: String) -> Bool { signes.contains { texte.contains($0) } }

    /// The text with every word that carries a link secret replaced by `marqueur`.
    public static func retirer(_ corps: String, marqueur: String = LiensCourriel.marqueur) -> String {
        var lignes: [String] = []
        func secret(_ mot: Substring) -> Bool { signes.contains { mot.contains($0) } }
        for ligne in corps.split(separator: "\n", omittingEmptySubsequences: false) {
            guard secret(ligne) else {
                lignes.append(String(ligne))
                continue
            }
            lignes.append(
                ligne.split(separator: " ", omittingEmptySubsequences: false)
                    .map { secret($0) ? marqueur : String($0) }.joined(separator: " "))
        }
        return lignes.joined(separator: "\n")
    }
}
