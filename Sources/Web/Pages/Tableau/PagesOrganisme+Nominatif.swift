import Domain
import Foundation

extension PagesOrganisme {
    /// Whether the user may see the names of the organisme's rejected learners — those who may see its named list
    /// of learners (`nominatif_apprenant`); if so, the view is written to the audit log.
    static func nominatif(_ deps: Dependances, _ i: Identite, _ o: Organisme, jour: Jour, lignes: Int) async throws
        -> Bool
    {
        let perimetre = i.droits.perimetre(.listeApprenants)
        guard i.peutVoirListe(.apprenants, de: o) else { return false }
        try await deps.comptes.journaliserAccesNominatif(
            i, liste: "dossiers rejetés du \(jour) de l'organisme \(o.id) (\(o.nom))", perimetre: perimetre,
            lignes: lignes)
        return true
    }
}
