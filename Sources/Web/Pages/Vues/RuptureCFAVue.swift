import Domain
import Foundation

/// `GET /cfa/ruptures/:id` (`cfa-rupture`): one of the CFA's young people in rupture, where the collaboration with
/// the mission locale stands, the mission locale's contacts, and the history both sides share.
struct RuptureCFAVue: VuePage {
    static let gabarit = "cfa-rupture"

    let titre: String
    let age: Int
    let naissance: String
    let telephone: String?
    let courriel: String?
    let formation: String
    let rupture: String
    let statut: String
    let horsChamp: String?
    let missionLocale: String?
    let contactsMissionLocale: [String]
    let lienDemande: String?
    let demandeEnvoyee: Bool
    let echanges: HistoriqueSuiviVue?
    let lienListe: String
    /// A rupture this CFA declared, and how its ERP's data compares.
    let declaration: DeclarationRuptureVue?

    static func construire(
        _ j: JeuneEnRupture, missionLocale ml: MissionLocale?, evenements: [EvenementSuivi], luJusqua: Int64?,
        formation: String?, messageSaisi: String, missionsLocales: (String) -> String?
    ) -> RuptureCFAVue {
        let e = j.effectif.effectif
        return RuptureCFAVue(
            titre: "\(e.apprenant.prenom) \(e.apprenant.nom)", age: j.age,
            naissance: Classeur.dateFrancaise(e.apprenant.dateDeNaissance), telephone: e.apprenant.telephone,
            courriel: e.apprenant.courriel, formation: formation ?? e.formation.cfd ?? "Formation non renseignée",
            rupture: Classeur.dateFrancaise(j.rupture), statut: j.horsChamp == nil ? j.statut.libelle : "Hors champ",
            horsChamp: j.libelleHorsChamp, missionLocale: ml?.nom ?? j.missionLocale,
            contactsMissionLocale: [ml?.telephone, ml?.email, ml?.siteWeb].compactMap { $0 },
            lienDemande: j.peutDemander ? "/cfa/ruptures/\(j.effectif.id)/collaboration" : nil,
            demandeEnvoyee: j.suivi?.demandeCFALe != nil,
            echanges: j.suivi.map { s in
                HistoriqueSuiviVue.construire(
                    evenements, cote: .cfa, luJusqua: luJusqua,
                    commentaireAction: "/cfa/ruptures/\(j.effectif.id)/commentaires", messageSaisi: messageSaisi,
                    missionsLocales: missionsLocales)
            }, lienListe: "/cfa/ruptures",
            declaration: DeclarationRuptureVue.construire(
                evenements, effectif: e,
                retrait: j.suivi?.ligne.ruptureDeclaree != nil
                    ? "/cfa/ruptures/\(j.effectif.id)/declaration/retrait" : nil))
    }
}

/// `GET /cfa/ruptures/:id/collaboration` (`cfa-collaboration`): the request for the mission locale's support.
struct DemandeAccompagnementVue: VuePage {
    static let gabarit = "cfa-collaboration"

    struct Objectif: Sendable {
        let valeur: String
        let libelle: String
        let coche: Bool
        let champ: String
        let commentaire: String
    }

    let titre: String
    let action: String
    let lienFiche: String
    let missionLocale: String?
    let auCFAOui: Bool
    let auCFANon: Bool
    let enFormationOui: Bool
    let enFormationNon: Bool
    let cause: String
    let objectifs: [Objectif]
    let referentAutre: Bool
    let referentNom: String
    let referentEmail: String
    let referentTelephone: String
    let note: String
    let telephone: String
    let email: String
    let telephoneActuel: String?
    let emailActuel: String?

    static func construire(
        _ j: JeuneEnRupture, missionLocale ml: MissionLocale?, saisie s: [String: String], objectifs: [String]
    ) -> DemandeAccompagnementVue {
        let a = j.effectif.effectif.apprenant
        return DemandeAccompagnementVue(
            titre: "\(a.prenom) \(a.nom)", action: "/cfa/ruptures/\(j.effectif.id)/collaboration",
            lienFiche: "/cfa/ruptures/\(j.effectif.id)", missionLocale: ml?.nom ?? j.missionLocale,
            auCFAOui: s["au_cfa"] == "oui", auCFANon: s["au_cfa"] == "non", enFormationOui: s["en_formation"] == "oui",
            enFormationNon: s["en_formation"] == "non", cause: s["cause"] ?? "",
            objectifs: DemandeAccompagnement.Objectif.allCases.map {
                Objectif(
                    valeur: $0.rawValue, libelle: $0.libelle, coche: objectifs.contains($0.rawValue), champ: $0.champ,
                    commentaire: s[$0.champ] ?? "")
            }, referentAutre: s["referent"] == "autre", referentNom: s["referent_nom"] ?? "",
            referentEmail: s["referent_email"] ?? "", referentTelephone: s["referent_telephone"] ?? "",
            note: s["note"] ?? "", telephone: s["telephone"] ?? "", email: s["email"] ?? "",
            telephoneActuel: a.telephone, emailActuel: a.courriel)
    }
}
