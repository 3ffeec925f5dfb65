import Foundation

/// The e-mails of companies' requests, in French, as text and HTML: to the company (confirm your address; the CFA's
/// reply) and to the CFA's administrators (a new request). Each says only what its recipient may read: the CFA's
/// mail names the company and the trade and links to the inbox, where the details are shown to the CFA's users.
public enum CourrielsDemandes {
    /// A mail of paragraphs and links, without account footer (the company has no account).
    struct Simple {
        var sujet: String
        var salutation: String
        var paragraphes: [String]
        var liens: [(libelle: String, url: String)]
        var pied: String

        func nouveauCourriel(a destinataire: String, cle: String? = nil) -> NouveauCourriel {
            var texte = [salutation, ""]
            for p in paragraphes { texte += [p, ""] }
            for l in liens { texte += ["\(l.libelle) : \(l.url)", ""] }
            texte += ["-- ", pied]
            let e = CourrielNotification.echapper
            var html = ["<p>\(e(salutation))</p>"]
            html += paragraphes.map { "<p>\(e($0).replacingOccurrences(of: "\n", with: "<br>"))</p>" }
            html += liens.map { "<p><a href=\"\(e($0.url))\">\(e($0.libelle))</a></p>" }
            html.append("<hr><p style=\"color:#666666;font-size:14px\">\(e(pied))</p>")
            let document = """
                <!DOCTYPE html>
                <html lang="fr"><head><meta charset="utf-8"><title>\(e(sujet))</title></head>
                <body style="font-family:sans-serif;color:#161616;line-height:1.5">
                \(html.joined(separator: "\n"))
                </body></html>
                """
            return NouveauCourriel(
                destinataire: destinataire, sujet: sujet, corps: texte.joined(separator: "\n"), html: document, cle: cle
            )
        }
    }

    static func date(_ j: Jour) -> String { CourrielNotification.dateLongue(j) }

    static func resume(_ d: DemandeContact) -> String {
        [
            "Entreprise : \(d.entreprise) (SIRET \(d.siret))",
            "Métier : \(d.metier)" + (d.rome.map { " (code ROME \($0))" } ?? ""),
            "Nombre de postes : \(d.postes)",
            "Début souhaité : \(date(d.debut))",
        ].joined(separator: "\n")
    }

    static let pied =
        "Tableau de bord de l'apprentissage — service public de mise en relation des entreprises et des CFA."

    /// To the company: confirm the address to send the request.
    public static func confirmation(_ d: DemandeContact, nomCFA: String, lien: String, expireLe: Date)
        -> NouveauCourriel
    {
        Simple(
            sujet: "Confirmez votre demande au CFA \(nomCFA)", salutation: "Bonjour \(d.contact),",
            paragraphes: [
                "Vous avez demandé à être mis en relation avec le CFA \(nomCFA) pour accueillir un ou des apprentis. "
                    + "Pour que votre demande lui soit transmise, confirmez votre adresse e-mail avec le lien "
                    + "ci-dessous, valable jusqu'au \(date(HeureDeParis.jour(expireLe))) à "
                    + "\(HeureDeParis.heure(expireLe)).",
                "Votre demande :\n" + resume(d),
                "Sans confirmation, rien n'est transmis et votre demande est effacée. Si vous n'êtes pas à l'origine "
                    + "de cette demande, ignorez ce message.",
            ], liens: [("Confirmer et envoyer ma demande", lien)], pied: pied
        ).nouveauCourriel(a: d.email)
    }

    /// To an administrator of the CFA: a new request is in the inbox.
    public static func nouvelleDemande(
        _ d: DemandeEntreprise, nomCFA: String, prenom: String, email: String, urlPublique: String
    ) -> NouveauCourriel {
        let c = d.contenu
        return Simple(
            sujet: "Nouvelle demande d'entreprise : \(c.entreprise) — \(c.metier)", salutation: "Bonjour \(prenom),",
            paragraphes: [
                "L'entreprise \(c.entreprise) souhaite accueillir \(c.postes) apprenti\(c.postes > 1 ? "s" : "") "
                    + "en \(c.metier), à partir du \(date(c.debut)). Elle a trouvé \(nomCFA) dans la recherche "
                    + "publique du service et a confirmé son adresse e-mail.",
                "Ses coordonnées et son message sont dans votre boîte de réception des demandes d'entreprises : "
                    + "répondez-lui depuis le service, votre réponse lui est envoyée par e-mail.",
            ], liens: [("Ouvrir la demande", "\(sansBarre(urlPublique))/cfa/entreprises/\(d.id)")],
            pied: "Tableau de bord de l'apprentissage. Vous recevez ce message parce que vous administrez \(nomCFA) "
                + "sur le service."
        ).nouveauCourriel(a: email, cle: "demande-entreprise/\(d.id)/\(email)")
    }

    /// To the company: the CFA's reply, with whom to write to.
    public static func reponse(
        _ d: DemandeEntreprise, texte: String, nomCFA: String, auteur: String, emailAuteur: String, version: Int64
    ) -> NouveauCourriel {
        Simple(
            sujet: "Réponse du CFA \(nomCFA) à votre demande", salutation: "Bonjour \(d.contenu.contact),",
            paragraphes: [
                "\(auteur), du CFA \(nomCFA), répond à votre demande (\(d.contenu.metier), \(d.contenu.postes) "
                    + "poste\(d.contenu.postes > 1 ? "s" : "")) :",
                texte,
                "Pour lui répondre, écrivez à \(emailAuteur).",
            ], liens: [], pied: pied
        ).nouveauCourriel(a: d.contenu.email, cle: "demande-entreprise/\(d.id)/reponse/\(version)")
    }

    static func sansBarre(_ url: String) -> String { url.hasSuffix("/") ? String(url.dropLast()) : url }
}
