import Domain
import Foundation

/// `GET /recruter-un-apprenti/contact` (`entreprise-contact`): a company's request to one CFA, or why that CFA
/// cannot receive one.
struct DemandeContactVue: VuePage {
    static let gabarit = "entreprise-contact"

    let cfa: String
    let commune: String?
    /// Why the CFA takes no request (then no form).
    let refus: String?
    let action: String
    let organisme: String
    let rome: String
    let entreprise: String
    let siret: String
    let contact: String
    let email: String
    let telephone: String
    let metier: String
    let postes: String
    let debut: String
    let message: String
    let consentement: Bool
    let debutMin: String
    let debutMax: String
    let longueurMaxMessage = DemandeContact.longueurMaxMessage
    let postesMax = DemandeContact.postesMax
    let champPiege = DemandeContact.champPiege

    static func construire(
        organisme o: Organisme?, idOrganisme: String, refus: String?, saisie: [String: String], aujourdhui: Jour
    ) -> DemandeContactVue {
        let rome = (saisie["rome"] ?? "").uppercased()
        return DemandeContactVue(
            cfa: o?.nom ?? "CFA introuvable", commune: o?.adresse.commune, refus: refus,
            action: DemandesEntreprises.cheminFormulaire, organisme: idOrganisme,
            rome: DemandeContact.estCodeRome(rome) ? rome : "", entreprise: saisie["entreprise"] ?? "",
            siret: saisie["siret"] ?? "", contact: saisie["contact"] ?? "", email: saisie["email"] ?? "",
            telephone: saisie["telephone"] ?? "", metier: saisie["metier"] ?? "", postes: saisie["postes"] ?? "1",
            debut: saisie["debut"] ?? "", message: saisie["message"] ?? "",
            consentement: !(saisie["consentement"] ?? "").isEmpty, debutMin: aujourdhui.description,
            debutMax: DemandeContact.dernierDebut(aujourdhui).description)
    }
}
