import Domain
import Foundation

/// `GET /cfa/entreprises` (`cfa-entreprises`): the companies' requests to the CFA, by status.
struct DemandesEntreprisesVue: VuePage {
    static let gabarit = "cfa-entreprises"

    struct Onglet: Sendable {
        let libelle: String
        let lien: String
        let nombre: Int
        let courant: Bool
    }

    struct Ligne: Sendable {
        let lien: String
        let entreprise: String
        let metier: String
        let postes: Int
        let debut: String
        let recue: String
        let statut: String
        let classeStatut: String
        let organisme: String?
    }

    let onglets: [Onglet]
    let lignes: [Ligne]
    let plusieursOrganismes: Bool
    let vide: String
    /// The CFA's public settings in the companies' search, for those who may change them.
    var parametres: String? = nil

    static func classe(_ s: StatutDemande) -> String {
        switch s {
        case .nouvelle: "statut--rupturant"
        case .enCours: "statut--inscrit"
        case .pourvue: "statut--succes"
        case .sansSuite: "statut--abandon"
        }
    }

    static func construire(
        _ demandes: [DemandeEntreprise], filtre: StatutDemande?, noms: [OrganismeID: String], plusieurs: Bool
    ) -> DemandesEntreprisesVue {
        let onglets =
            [
                Onglet(
                    libelle: "Toutes", lien: "/cfa/entreprises", nombre: demandes.count, courant: filtre == nil)
            ]
            + StatutDemande.allCases.map { s in
                Onglet(
                    libelle: s.libelle, lien: "/cfa/entreprises?statut=\(s.parametre)",
                    nombre: demandes.filter { $0.statut == s }.count, courant: filtre == s)
            }
        let affichees = demandes.filter { filtre == nil || $0.statut == filtre }
        return DemandesEntreprisesVue(
            onglets: onglets,
            lignes: affichees.map { d in
                Ligne(
                    lien: "/cfa/entreprises/\(d.id)", entreprise: d.contenu.entreprise, metier: d.contenu.metier,
                    postes: d.contenu.postes, debut: Classeur.dateFrancaise(d.contenu.debut),
                    recue: dateHeureFR(d.confirmeeLe ?? d.deposeeLe), statut: d.statut.libelle,
                    classeStatut: classe(d.statut), organisme: plusieurs ? noms[d.organisme] ?? "—" : nil)
            }, plusieursOrganismes: plusieurs,
            vide: filtre.map { "Aucune demande au statut « \($0.libelle) »." }
                ?? "Aucune demande d'entreprise pour l'instant. Les entreprises qui vous trouvent dans la recherche "
                + "publique de CFA par métier peuvent vous écrire : leurs demandes arrivent ici.")
    }
}

/// `GET /cfa/entreprises/:id` (`cfa-entreprise`): one request, its history, its status and the reply form.
struct DemandeEntrepriseVue: VuePage {
    static let gabarit = "cfa-entreprise"

    struct Evenement: Sendable {
        let date: String
        let auteur: String
        let texte: String
        let message: String?
    }

    let entreprise: String
    let siret: String
    let contact: String
    let email: String
    let lienEmail: String
    let telephone: String
    let lienTelephone: String
    let metier: String
    let postes: Int
    let debut: String
    let message: String?
    let organisme: String
    let recue: String
    let statut: String
    let classeStatut: String
    let statuts: [OptionVue]
    let version: Int64
    let actionStatut: String
    let actionReponse: String
    let reponse: String
    let longueurMaxReponse = DemandesEntreprises.longueurMaxReponse
    let historique: [Evenement]
    let lienListe = "/cfa/entreprises"

    static func texte(_ e: EvenementDemande) -> String {
        switch e.genre {
        case .confirmation: "Demande confirmée par l'entreprise et reçue par le CFA"
        case .statut: "Statut changé : « \(e.statut?.libelle ?? "?") »"
        case .reponse:
            "Réponse envoyée par e-mail à l'entreprise"
                + (e.statut.map { " (statut passé à « \($0.libelle) »)" } ?? "")
        }
    }

    /// `04 78 12 34 56` for a French number of ten digits; any other as stored.
    static func telephoneLisible(_ t: String) -> String {
        guard t.count == 10, t.hasPrefix("0"), t.allSatisfy(\.isNumber) else { return t }
        return stride(from: 0, to: 10, by: 2).map { i in
            String(t.dropFirst(i).prefix(2))
        }.joined(separator: " ")
    }

    static func construire(
        _ d: DemandeEntreprise, organisme: String, evenements: [EvenementDemande], saisie: [String: String]
    ) -> DemandeEntrepriseVue {
        let c = d.contenu
        return DemandeEntrepriseVue(
            entreprise: c.entreprise, siret: c.siret.rawValue, contact: c.contact, email: c.email,
            lienEmail: "mailto:\(c.email)", telephone: telephoneLisible(c.telephone),
            lienTelephone: "tel:\(c.telephone.filter { $0.isNumber || $0 == "+" })",
            metier: c.metier + (c.rome.map { " (code ROME \($0))" } ?? ""), postes: c.postes,
            debut: Classeur.dateFrancaise(c.debut), message: c.message.isEmpty ? nil : c.message, organisme: organisme,
            recue: dateHeureFR(d.confirmeeLe ?? d.deposeeLe), statut: d.statut.libelle,
            classeStatut: DemandesEntreprisesVue.classe(d.statut),
            statuts: StatutDemande.allCases.map {
                OptionVue(valeur: $0.parametre, libelle: $0.libelle, selectionne: $0 == d.statut)
            }, version: d.version, actionStatut: "/cfa/entreprises/\(d.id)/statut",
            actionReponse: "/cfa/entreprises/\(d.id)/reponse", reponse: saisie["reponse"] ?? "",
            historique: evenements.reversed().map { e in
                Evenement(date: dateHeureFR(e.le), auteur: e.auteur, texte: texte(e), message: e.texte)
            })
    }
}
