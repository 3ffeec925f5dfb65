import Domain
import Foundation
import Testing
import TestSupport

/// The retention policy as data, the pseudonymisation of an effectif, the removal of erased rows from the index.
struct RetentionTests {
    @Test func schoolYearsArePseudonymisedThreeYearsAfterTheirLastDay() {
        let politique = PolitiqueRetention.defaut
        let annees = ["2019-2020", "2020-2021", "2021-2021", "2021-2022", "2024-2025"].compactMap(AnneeScolaire.init)
        // 2020-2021 ended on 31 July 2021: past on 1 August 2024, not on 31 July 2024.
        #expect(politique.anneesAPseudonymiser(parmi: annees, now: j("2024-07-31").date).map(\.description) == ["2019-2020"])
        #expect(politique.anneesAPseudonymiser(parmi: annees, now: j("2024-08-01").date).map(\.description) == ["2019-2020", "2020-2021"])
        // A calendar year ends on 31 December.
        #expect(politique.anneesAPseudonymiser(parmi: annees, now: j("2025-01-01").date).map(\.description)
                == ["2019-2020", "2020-2021", "2021-2021"])
    }

    @Test func everyKindOfDataHasOneRuleAndTheDurationsOfThePolicy() {
        let p = PolitiqueRetention.defaut
        #expect(Set(p.regles.map(\.genre)) == Set(GenreDonnees.allCases) && p.regles.count == GenreDonnees.allCases.count)
        let now = j("2025-03-01").date
        #expect(p.regle(.itemsRejetes)?.limite(now: now) == j("2024-12-01").date)
        #expect(p.regle(.courriels)?.limite(now: now) == j("2024-12-01").date)
        #expect(p.regle(.journal)?.limite(now: now) == j("2023-03-01").date)
        #expect(p.regle(.clesApiInutilisees)?.limite(now: now) == j("2024-03-01").date)
        #expect(p.regle(.sessions)?.limite(now: now) == now)
        #expect(p.regle(.dossiersSuivi)?.applicable == false)
    }

    @Test func aPseudonymisedEffectifNamesNobodyAndIndexesTheSame() throws {
        guard case .valide(let dossier) = DecodeurDossier.decoder(json(dossierValideExemple)) else {
            Issue.record("exemple invalide")
            return
        }
        let e = Effectif(dossier: dossier, formateur: OrganismeID(1), responsable: OrganismeID(1), source: .erp,
                         transmetteur: OrganismeID(1), now: j("2024-10-01").date)
        let p = e.pseudonymise(pseudonyme: Effectif.pseudonyme(EffectifID(42)))
        #expect(p.apprenant.nom == "PSEUDONYME-42" && p.apprenant.prenom == "")
        #expect(p.apprenant.ine == nil && p.apprenant.courriel == nil && p.apprenant.telephone == nil)
        #expect(p.apprenant.adresse == nil && p.apprenant.adresseNaissance == nil)
        #expect(p.apprenant.responsableMail1 == nil && p.formation.referentHandicap == nil)
        #expect(e.apprenant.courriel != nil && e.apprenant.adresse != nil)  // there was something to remove
        #expect(p.idErpApprenant == e.idErpApprenant && p.cle == e.cle)
        let avant = EffectifStocke(id: EffectifID(42), effectif: e, parcours: e.parcours)
        let apres = EffectifStocke(id: EffectifID(42), effectif: p, parcours: p.parcours)
        #expect(EffectifIndexable(apres) == EffectifIndexable(avant))
        // Through the stored form too.
        #expect(try Effectif(json: AnalyseurJSON.analyser(Array(JSONTexte.ecrire(p.json).utf8))) == p)
    }

    @Test func erasedRowsLeaveTheIndicatorsButNotALaterRowWithTheSameId() {
        let index = IndexIndicateursTests.index()
        let requete = RequeteIndicateurs(perimetre: .national, filtres: FiltresIndicateurs(date: IndexIndicateursTests.D),
                                         aujourdhui: IndexIndicateursTests.D)
        let avant = index.compter(requete)
        let n = index.nombreEffectifs
        // Row 1 is an apprentice of organisme 1, year 2024-2025, written at version 0.
        let effacement = Effacement(numero: 1, le: Date(), effectif: EffectifID(1), version: 0, organisme: OrganismeID(1),
                                    anneeScolaire: AnneeScolaire("2024-2025")!, empreinte: "x", revenuLe: nil)
        index.retirer([effacement])
        #expect(index.nombreEffectifs == n - 1)
        let apres = index.compter(requete)
        #expect(apres.apprentis == avant.apprentis - 1 && apres.apprenants == avant.apprenants - 1)
        // The counts by organisme (kept per organisme and year) follow too.
        let parOrganisme = index.compter(requete, par: .organisme).first { $0.cle == "1" }?.compteurs
        #expect(parOrganisme?.apprentis == avant.apprentis - 1)  // both apprentices counted at D are of organisme 1
        // The same id written again later (SQLite may reuse it) is not removed by the old erasure.
        var nouveau = IndexIndicateursTests.effectifs[0]
        nouveau = EffectifIndexable(id: nouveau.id, organisme: nouveau.organisme, anneeScolaire: nouveau.anneeScolaire,
                                    dateDeNaissance: nouveau.dateDeNaissance, anneeFormation: nouveau.anneeFormation, cfd: nouveau.cfd,
                                    rncp: nil, parcours: nouveau.parcours, version: 5)
        index.appliquer([nouveau])
        index.retirer([effacement])
        #expect(index.compter(requete) == avant)
    }
}
