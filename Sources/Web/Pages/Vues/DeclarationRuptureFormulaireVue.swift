import Domain
import Foundation

/// `GET /cfa/ruptures/declarer` (`cfa-declarer`): the CFA's apprentices in contract today, to pick the one whose
/// contract broke.
struct ApprentisDeclarationVue: VuePage {
    static let gabarit = "cfa-declarer"

    struct Ligne: Sendable {
        let nom: String
        let formation: String
        let naissance: String
        let lien: String
        let dejaDeclaree: Bool
    }

    let recherche: String
    let total: Int
    let affiches: Int
    let lignes: [Ligne]
    var tronque: Bool { affiches < total }
    let lienListe = "/cfa/ruptures"
}

/// `GET /cfa/ruptures/declarer/:id` (`cfa-declaration`): the day and the cause of the rupture, with the contracts
/// the ERP sent, so that the CFA picks the right day.
struct DeclarationRuptureFormulaireVue: VuePage {
    static let gabarit = "cfa-declaration"

    let titre: String
    let action: String
    let contrats: [String]
    let date: String
    let cause: String
    let causes: [String]
    let aujourdhui: String
    let lienRetour = "/cfa/ruptures/declarer"

    static func construire(_ e: EffectifStocke, saisie: [String: String], aujourdhui: Jour)
        -> DeclarationRuptureFormulaireVue
    {
        let a = e.effectif.apprenant
        return DeclarationRuptureFormulaireVue(
            titre: "\(a.prenom) \(a.nom)", action: "/cfa/ruptures/declarer/\(e.id)",
            contrats: e.effectif.contrats.map { c in
                "Contrat du " + (c.dateDebut.map(Classeur.dateFrancaise) ?? "?")
                    + (c.dateRupture.map { ", rompu le \(Classeur.dateFrancaise($0))" }
                        ?? c.dateFin.map { " au \(Classeur.dateFrancaise($0))" } ?? ", sans date de fin")
            }, date: saisie["date"] ?? "", cause: saisie["cause"] ?? "", causes: DeclarationRupture.causesSuggerees,
            aujourdhui: aujourdhui.description)
    }
}
