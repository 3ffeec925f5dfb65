import Domain

/// The lists of young people in rupture of the CFAs that viewed theirs lately (`ListeRupturesCFA`), each brought
/// up to date at every view with only the records and cases written since. At most `capacite` lists are kept (the
/// least recently viewed goes first): a list holds its learners' records.
public actor RupturesCFAEnMemoire {
    private var listes: [Set<OrganismeID>: (vue: Int, liste: ListeRupturesCFA)] = [:]
    private var vues = 0
    let capacite: Int

    public init(capacite: Int = 32) { self.capacite = capacite }

    /// The rows of these organismes' list at the context's day, in order. `versions` names the learners wanted with
    /// the change number of their last write; `lire` reads the records the list lacks or holds from before it.
    func jeunes(
        organismes: Set<OrganismeID>, versions: [EffectifID: Int64],
        suivis: [EffectifID: (seq: Int64, suivi: SuiviStocke)], contexte: ListeRupturesCFA.Contexte,
        couverture: CouvertureMissionsLocales, lire: ([EffectifID]) async throws -> [EffectifStocke]
    ) async throws -> [JeuneEnRupture] {
        let aLire = (listes[organismes]?.liste ?? ListeRupturesCFA()).aLire(versions)
        let lus = aLire.isEmpty ? [] : try await lire(aLire)
        // Taken again after the read: another view of the same list may have updated it meanwhile.
        var liste = listes[organismes]?.liste ?? ListeRupturesCFA()
        let jeunes = liste.mettreAJour(
            versions: versions, lus: lus, suivis: suivis, contexte: contexte, couverture: couverture)
        vues += 1
        listes[organismes] = (vues, liste)
        if listes.count > capacite, let ancienne = listes.min(by: { $0.value.vue < $1.value.vue })?.key {
            listes[ancienne] = nil
        }
        return jeunes
    }
}
