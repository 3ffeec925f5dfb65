import Foundation

/// A notification e-mail, in French, as text and HTML: a greeting, paragraphs, links, and at the bottom the link to
/// the recipient's notification preferences (`/mon-compte/notifications`). Every value is escaped in the HTML.
public struct CourrielNotification: Sendable, Equatable {
    public var prenom: String
    public var sujet: String
    public var paragraphes: [String]
    /// Links shown after the paragraphs: label and absolute address.
    public var liens: [(libelle: String, url: String)]
    public var genre: GenreNotification

    public init(
        prenom: String, sujet: String, paragraphes: [String], liens: [(libelle: String, url: String)],
        genre: GenreNotification
    ) {
        self.prenom = prenom
        self.sujet = sujet
        self.paragraphes = paragraphes
        self.liens = liens
        self.genre = genre
    }

    public static func == (a: CourrielNotification, b: CourrielNotification) -> Bool {
        a.prenom == b.prenom && a.sujet == b.sujet && a.paragraphes == b.paragraphes && a.genre == b.genre
            && a.liens.map(\.libelle) == b.liens.map(\.libelle) && a.liens.map(\.url) == b.liens.map(\.url)
    }

    public static let cheminPreferences = "/mon-compte/notifications"

    /// The mail for the outbox, with its unique key.
    public func nouveauCourriel(a destinataire: String, urlPublique: String, cle: String) -> NouveauCourriel {
        NouveauCourriel(
            destinataire: destinataire, sujet: sujet, corps: texte(urlPublique: urlPublique),
            html: html(urlPublique: urlPublique), cle: cle)
    }

    func preferences(_ urlPublique: String) -> String { Self.sansBarreFinale(urlPublique) + Self.cheminPreferences }

    static func sansBarreFinale(_ url: String) -> String { url.hasSuffix("/") ? String(url.dropLast()) : url }

    public func texte(urlPublique: String) -> String {
        var lignes = ["Bonjour \(prenom),", ""]
        for p in paragraphes { lignes += [p, ""] }
        for l in liens { lignes += ["\(l.libelle) : \(l.url)"] }
        if !liens.isEmpty { lignes.append("") }
        lignes += [
            "-- ",
            "Tableau de bord de l'apprentissage. Vous recevez ce message (« \(genre.libelle) ») parce que cette "
                + "notification est activée sur votre compte.",
            "Choisir les e-mails que vous recevez : \(preferences(urlPublique))",
        ]
        return lignes.joined(separator: "\n")
    }

    public func html(urlPublique: String) -> String {
        let e = Self.echapper
        var corps = ["<p>Bonjour \(e(prenom)),</p>"]
        corps += paragraphes.map { "<p>\(e($0))</p>" }
        if !liens.isEmpty {
            corps.append(
                "<ul>" + liens.map { "<li><a href=\"\(e($0.url))\">\(e($0.libelle))</a></li>" }.joined() + "</ul>")
        }
        corps.append(
            "<hr><p style=\"color:#666666;font-size:14px\">Tableau de bord de l'apprentissage. Vous recevez ce message "
                + "(« \(e(genre.libelle)) ») parce que cette notification est activée sur votre compte. "
                + "<a href=\"\(e(preferences(urlPublique)))\">Choisir les e-mails que vous recevez</a></p>")
        return """
            <!DOCTYPE html>
            <html lang="fr"><head><meta charset="utf-8"><title>\(e(sujet))</title></head>
            <body style="font-family:sans-serif;color:#161616;line-height:1.5">
            \(corps.joined(separator: "\n"))
            </body></html>
            """
    }

    /// Escapes the five characters that matter in HTML text and attribute values.
    public static func echapper(_ s: String) -> String {
        var r = ""
        r.reserveCapacity(s.count)
        for c in s {
            switch c {
            case "&": r += "&amp;"
            case "<": r += "&lt;"
            case ">": r += "&gt;"
            case "\"": r += "&quot;"
            case "'": r += "&#39;"
            default: r.append(c)
            }
        }
        return r
    }

    /// `6 mars 2025`.
    public static func dateLongue(_ j: Jour) -> String {
        let mois = [
            "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
            "novembre", "décembre",
        ]
        let (a, m, d) = j.components
        return "\(d == 1 ? "1er" : String(d)) \(mois[max(0, min(11, m - 1))]) \(a)"
    }
}
