import Domain
import Foundation

/// `GET /jeunes/:jeton` (`jeune`): the young person's personal page — only their first name, the mission locale and
/// how to reach it, the question and what is done with the answer. Nothing else of the case.
struct PageJeuneVue: VuePage {
    static let gabarit = "jeune"

    /// The mission locale as the young person sees it.
    struct Contacts: Sendable {
        let nom: String
        let telephone: LienVue?
        let courriel: LienVue?
        let adresse: String?
        let rdvUrl: String?
        let siteWeb: String?
    }

    let prenom: String
    let missionLocale: Contacts
    let action: String
    let reponses: [OptionVue]
    let telephone: String
    /// « Vous avez répondu … le … » when there is already an answer.
    let reponseActuelle: String?
    let valableJusquau: String
    let conservation: String

    static func construire(
        prenom: String, missionLocale ml: MissionLocale?, rdvUrl: String?, jeton: String, invitation: InvitationJeune,
        reponse: (ReponseJeune, Date)?, saisie: [String: String]
    ) -> PageJeuneVue {
        PageJeuneVue(
            prenom: prenom, missionLocale: contacts(ml, rdvUrl: rdvUrl), action: InvitationsJeunes.chemin + jeton,
            reponses: ReponseJeune.allCases.map {
                OptionVue(valeur: $0.rawValue, libelle: $0.libelle, selectionne: saisie["reponse"] == $0.rawValue)
            }, telephone: saisie["telephone"] ?? "",
            reponseActuelle: reponse.map { "Vous avez déjà répondu « \($0.0.libelle) » le \(dateHeureFR($0.1))." },
            valableJusquau: dateFR(invitation.expireLe), conservation: conservation)
    }

    /// What is done with the answer, said plainly.
    static var conservation: String {
        let duree = PolitiqueRetention.defaut.regle(.dossiersSuivi)?.libelleDuree ?? "2 ans"
        return "Votre réponse et le numéro que vous indiquez sont transmis uniquement aux conseillers de la mission "
            + "locale, qui s'en servent pour vous recontacter. Ils sont conservés dans votre dossier de suivi, puis "
            + "supprimés \(duree) après sa clôture. Vous pouvez changer de réponse tant que ce lien est valable."
    }

    static func contacts(_ ml: MissionLocale?, rdvUrl: String?) -> Contacts {
        let t = ml?.telephone?.nonVide
        return Contacts(
            nom: ml?.nom ?? "Votre mission locale",
            telephone: t.map { LienVue(url: "tel:\($0.filter { $0.isNumber || $0 == "+" })", libelle: $0) },
            courriel: ml?.email?.nonVide.map { LienVue(url: "mailto:\($0)", libelle: $0) },
            adresse: ml.flatMap { m in
                [m.adresse, [m.codePostal, m.commune].compactMap { $0 }.joined(separator: " ").nonVide]
                    .compactMap { $0?.nonVide }.joined(separator: ", ").nonVide
            },
            rdvUrl: rdvUrl?.nonVide, siteWeb: ml?.siteWeb?.nonVide)
    }
}

/// The page after an answer (`jeune-merci`): thanks, what happens next, how to reach the mission locale.
struct PageJeuneMerciVue: VuePage {
    static let gabarit = "jeune-merci"

    let prenom: String
    let reponse: String
    let suite: String
    let missionLocale: PageJeuneVue.Contacts
    let lienModifier: String
    let conservation: String

    static func construire(
        prenom: String, reponse: ReponseJeune, telephone: String?, missionLocale ml: MissionLocale?, rdvUrl: String?,
        jeton: String
    ) -> PageJeuneMerciVue {
        let au = telephone.map { " au \(lisible($0))" } ?? ""
        let suite: String
        switch reponse {
        case .oui:
            suite =
                "Un conseiller de la mission locale va vous contacter\(au) pour en parler. "
                + "Vous pouvez aussi prendre contact dès maintenant."
        case .rappel:
            suite = "Un conseiller de la mission locale va vous rappeler\(au)."
        case .nonMerci:
            suite =
                "C'est noté : la mission locale le saura. Si vous changez d'avis, vous pouvez la contacter à tout "
                + "moment."
        }
        return PageJeuneMerciVue(
            prenom: prenom, reponse: reponse.libelle, suite: suite,
            missionLocale: PageJeuneVue.contacts(ml, rdvUrl: rdvUrl), lienModifier: InvitationsJeunes.chemin + jeton,
            conservation: PageJeuneVue.conservation)
    }

    /// 0612345678 → 06 12 34 56 78 (other forms as they are).
    static func lisible(_ numero: String) -> String {
        guard numero.count == 10, numero.allSatisfy(\.isNumber) else { return numero }
        return stride(from: 0, to: 10, by: 2).map { String(numero.dropFirst($0).prefix(2)) }.joined(separator: " ")
    }
}
