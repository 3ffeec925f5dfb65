import Domain
import Foundation
import IndexEffectifs
import Testing

/// The removal of erased learners' rows from the index (F22).
struct RetraitTests {
    @Test func erasedRowsLeaveTheIndicatorsButNotALaterRowWithTheSameId() async {
        let index = IndexIndicateursTests.index()
        let requete = RequeteIndicateurs(
            perimetre: .national, filtres: FiltresIndicateurs(date: IndexIndicateursTests.D),
            aujourdhui: IndexIndicateursTests.D)
        let avant = await index.compter(requete)
        let n = index.nombreEffectifs
        // Row 1 is an apprentice of organisme 1, year 2024-2025, written at version 0.
        let effacement = Effacement(
            numero: 1, le: Date(), effectif: EffectifID(1), version: 0, organisme: OrganismeID(1),
            anneeScolaire: AnneeScolaire("2024-2025")!, empreinte: "x", revenuLe: nil)
        index.retirer([effacement])
        #expect(index.nombreEffectifs == n - 1)
        let apres = await index.compter(requete)
        #expect(apres.apprentis == avant.apprentis - 1 && apres.apprenants == avant.apprenants - 1)
        // The counts by organisme (kept per organisme and year) follow too.
        let parOrganisme = await index.compter(requete, par: .organisme).first { $0.cle == "1" }?.compteurs
        #expect(parOrganisme?.apprentis == avant.apprentis - 1)  // both apprentices counted at D are of organisme 1
        // The same id written again later (SQLite may reuse it) is not removed by the old erasure.
        var nouveau = IndexIndicateursTests.effectifs[0]
        nouveau = EffectifIndexable(
            id: nouveau.id, organisme: nouveau.organisme, anneeScolaire: nouveau.anneeScolaire,
            dateDeNaissance: nouveau.dateDeNaissance, anneeFormation: nouveau.anneeFormation, cfd: nouveau.cfd,
            rncp: nil, parcours: nouveau.parcours, version: 5)
        index.appliquer([nouveau])
        index.retirer([effacement])
        #expect(await index.compter(requete) == avant)
    }
}
