import Domain
import Foundation

/// A rupture declared by the CFA and how the ERP's data compares (partial `declaration-rupture`), on both case
/// pages: the mission locale and the CFA read the same words, a contradiction stands out.
struct DeclarationRuptureVue: Sendable {
    let texte: String
    let etat: String
    let contradiction: Bool
    /// The CFA's button to withdraw it, while the case follows the declaration.
    let retrait: String?

    /// Nil when the history holds no declaration, or the last one was withdrawn.
    static func construire(_ evenements: [EvenementSuivi], effectif: Effectif, retrait: String?)
        -> DeclarationRuptureVue?
    {
        guard
            let derniere = evenements.last(where: {
                $0.genre == .declarationRupture || $0.genre == .declarationRetiree
            }), derniere.genre == .declarationRupture, let d = derniere.rupture
        else { return nil }
        let etat = EtatDeclaration.etat(
            declaree: d, le: derniere.le, effectif: effectif, transmisLe: effectif.transmittedAt)
        return DeclarationRuptureVue(
            texte: "Le CFA a déclaré le \(dateHeureFR(derniere.le)) une rupture du contrat le "
                + "\(Classeur.dateFrancaise(d))" + (derniere.commentaire.map { " (cause : \($0))" } ?? "") + ".",
            etat: etat.libelle, contradiction: etat.estContredite, retrait: retrait)
    }
}
