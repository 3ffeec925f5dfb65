import Domain
import Foundation
import Outils
import TestSupport
import Testing

/// The retention policy as data, the pseudonymisation of an effectif.
struct RetentionTests {
    @Test func schoolYearsArePseudonymisedThreeYearsAfterTheirLastDay() async {
        let politique = PolitiqueRetention.defaut
        let annees = ["2019-2020", "2020-2021", "2021-2021", "2021-2022", "2024-2025"].compactMap(AnneeScolaire.init)
        // 2020-2021 ended on 31 July 2021: past on 1 August 2024, not on 31 July 2024.
        #expect(
            politique.anneesAPseudonymiser(parmi: annees, now: j("2024-07-31").date).map(\.description) == ["2019-2020"]
        )
        #expect(
            politique.anneesAPseudonymiser(parmi: annees, now: j("2024-08-01").date).map(\.description) == [
                "2019-2020", "2020-2021",
            ])
        // A calendar year ends on 31 December.
        #expect(
            politique.anneesAPseudonymiser(parmi: annees, now: j("2025-01-01").date).map(\.description)
                == ["2019-2020", "2020-2021", "2021-2021"])
    }

    @Test func everyKindOfDataHasOneRuleAndTheDurationsOfThePolicy() async {
        let p = PolitiqueRetention.defaut
        #expect(
            Set(p.regles.map(\.genre)) == Set(GenreDonnees.allCases) && p.regles.count == GenreDonnees.allCases.count)
        let now = j("2025-03-01").date
        #expect(p.regle(.itemsRejetes)?.limite(now: now) == j("2024-12-01").date)
        #expect(p.regle(.courriels)?.limite(now: now) == j("2024-12-01").date)
        #expect(p.regle(.journal)?.limite(now: now) == j("2023-03-01").date)
        #expect(p.regle(.clesApiInutilisees)?.limite(now: now) == j("2024-03-01").date)
        #expect(p.regle(.sessions)?.limite(now: now) == now)
        #expect(p.regle(.dossiersSuivi)?.applicable == false)
    }

    @Test func aPseudonymisedEffectifNamesNobodyAndIndexesTheSame() async throws {
        guard case .valide(let dossier) = DecodeurDossier.decoder(json(dossierValideExemple)) else {
            Issue.record("exemple invalide")
            return
        }
        let e = Effectif(
            dossier: dossier, formateur: OrganismeID(1), responsable: OrganismeID(1), source: .erp,
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
}
