/// A page that only says something (`message`): a sent e-mail, a confirmed address, a created account.
struct MessageVue: VuePage {
    static let gabarit = "message"

    let texte: String
    /// The next step, when there is one.
    let lien: LienVue?

    static func construire(_ texte: String, lien: LienVue? = nil) -> MessageVue { MessageVue(texte: texte, lien: lien) }
}
