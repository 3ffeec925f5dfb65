import Domain
import Foundation

/// The shared history of a case (partial `historique-suivi`), as the mission locale and the CFA both read it: each
/// event with its author, what it says, the CFA's request in full, comments; those of the other side not read yet
/// marked; and the comment form.
struct HistoriqueSuiviVue: Sendable {
    struct Evenement: Sendable {
        let date: String
        let auteur: String
        let texte: String
        let details: [String]
        /// Named apart from the outcome form's `commentaire`: a missing value would read the page's.
        let commentaireEvenement: String?
        let dejaConnu: Bool
        let nonLu: Bool
    }

    let historique: [Evenement]
    /// The other side, as the page says it: "la mission locale" for the CFA, "le CFA" for the mission locale.
    let interlocuteur: String
    let commentaireAction: String
    let messageSaisi: String

    /// `luJusqua`: the last event this side had read before opening the page (nil: never opened).
    static func construire(
        _ evenements: [EvenementSuivi], cote: EvenementSuivi.Cote, luJusqua: Int64?, commentaireAction: String,
        messageSaisi: String = "", missionsLocales: (String) -> String?
    ) -> HistoriqueSuiviVue {
        HistoriqueSuiviVue(
            historique: evenements.reversed().map { ev in
                Evenement(
                    date: dateHeureFR(ev.le), auteur: ev.auteur + (ev.organisation.map { " — \($0)" } ?? ""),
                    texte: texte(ev, missionsLocales: missionsLocales), details: ev.demande.map(details) ?? [],
                    commentaireEvenement: ev.genre == .commentaire || ev.genre == .resultat ? ev.commentaire : nil,
                    dejaConnu: ev.dejaConnu,
                    nonLu: EvenementSuivi.Cote.autres(que: cote).contains(ev.cote) && ev.id > (luJusqua ?? 0))
            }, interlocuteur: cote == .cfa ? "la mission locale" : "le CFA", commentaireAction: commentaireAction,
            messageSaisi: messageSaisi)
    }

    /// What an event says, in words.
    static func texte(_ e: EvenementSuivi, missionsLocales: (String) -> String?) -> String {
        switch e.genre {
        case .resultat:
            let r = e.resultat?.libelle ?? "Résultat"
            return "Mission locale : " + r + (e.rupture.map { " (rupture du \(Classeur.dateFrancaise($0)))" } ?? "")
        case .transfert:
            func nom(_ c: String?) -> String {
                guard let c else { return "aucune mission locale" }
                return missionsLocales(c) ?? "la mission locale \(c)"
            }
            return "Le jeune a déménagé : dossier transmis de \(nom(e.de)) à \(nom(e.vers))."
        case .demandeCFA:
            if let jours = e.demande?.automatique {
                return "Demande d'accompagnement envoyée automatiquement pour le CFA après \(jours) jours de rupture "
                    + "(envoi automatique choisi par le CFA)."
            }
            return "Le CFA demande l'accompagnement du jeune par la mission locale."
        case .commentaire: return e.cote == .cfa ? "Commentaire du CFA" : "Commentaire de la mission locale"
        case .invitationJeune:
            return "Invitation envoyée au jeune\(e.email.map { " (\($0))" } ?? "") : lien vers sa page personnelle, "
                + "valable \(Int(InvitationJeune.duree / 86_400)) jours."
        case .declarationRupture:
            return "Le CFA déclare une rupture du contrat"
                + (e.rupture.map { " le \(Classeur.dateFrancaise($0))" } ?? "")
                + (e.commentaire.map { " (cause : \($0))" } ?? "") + ", avant que son ERP ne la transmette."
        case .declarationRetiree:
            return "Le CFA retire sa déclaration de rupture : le dossier suit de nouveau les données de son ERP."
        case .rapprochementERP:
            return "Les données de l'ERP du CFA sont arrivées"
                + (e.rupture.map { " : rupture le \(Classeur.dateFrancaise($0))" } ?? "") + ". "
                + (e.commentaire ?? "")
        case .reponseJeune:
            return "Le jeune a répondu sur sa page personnelle : "
                + (e.reponseJeune.map { "« \($0.libelle) » (\($0.libelleMissionLocale))" } ?? "réponse")
                + (e.telephone.map { " · téléphone indiqué : \($0)" } ?? "") + "."
        }
    }

    /// The CFA's request, line by line.
    static func details(_ d: DemandeAccompagnement) -> [String] {
        if d.automatique != nil { return detailsAutomatique(d) }
        var lignes = [
            "Toujours au CFA : \(d.toujoursAuCFA ? "oui" : "non") ; maintenu en formation : "
                + (d.maintenuEnFormation ? "oui" : "non"),
            "Cause et circonstances : \(d.cause)",
        ]
        lignes += d.objectifs.map { "Objectif — \($0.0.libelle)" + ($0.1.isEmpty ? "" : " : \($0.1)") }
        switch d.referent {
        case .moi: lignes.append("Référent : l'auteur de la demande")
        case .autre(let nom, let email, let telephone):
            lignes.append("Référent : " + ([nom] + [email, telephone].compactMap { $0 }).joined(separator: ", "))
        }
        if let n = d.note { lignes.append("Note : \(n)") }
        if let t = d.telephone { lignes.append("Téléphone du jeune corrigé : \(t)") }
        if let e = d.email { lignes.append("E-mail du jeune corrigé : \(e)") }
        return lignes
    }

    /// A request the service sent for the CFA: what it holds, and what it does not say.
    static func detailsAutomatique(_ d: DemandeAccompagnement) -> [String] {
        var lignes = ["Situation au CFA, cause et objectifs : non renseignés (demande automatique)"]
        switch d.referent {
        case .moi: lignes.append("Référent : aucun contact désigné par le CFA pour les missions locales")
        case .autre(let nom, let email, let telephone):
            lignes.append("Référent : " + ([nom] + [email, telephone].compactMap { $0 }).joined(separator: ", "))
        }
        if let n = d.note { lignes.append("Note : \(n)") }
        if let t = d.telephone { lignes.append("Téléphone du jeune (transmis par l'ERP) : \(t)") }
        if let e = d.email { lignes.append("E-mail du jeune (transmis par l'ERP) : \(e)") }
        return lignes
    }
}
