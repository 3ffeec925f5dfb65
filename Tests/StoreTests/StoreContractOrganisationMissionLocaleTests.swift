import Domain
import Foundation
import TestSupport
import Testing

/// `organisations.mission_locale`: a mission locale organisation keeps its référentiel code and is found by it.
struct StoreContractOrganisationMissionLocaleTests {
    let now = Date(timeIntervalSince1970: 1_732_000_000)

    @Test(arguments: Backend.actifs) func aMissionLocaleOrganisationIsIdentifiedByItsCode(_ backend: Backend)
        async throws
    {
        try await backend.avecStore { store in
            let lyon = NouvelleOrganisation(
                type: .missionLocale, nom: "Mission locale de Lyon (démo)", region: "84", departement: "69",
                missionLocale: "ML-DEMO-8421")
            #expect(try await store.organisationExistante(lyon) == nil)
            let cree = try await store.creerOrganisation(lyon, now: now)
            #expect(cree.missionLocale == "ML-DEMO-8421")
            // Read back by id, by type, by name search: the code comes with it.
            #expect(try await store.organisation(id: cree.id) == cree)
            #expect(try await store.organisations(type: .missionLocale).map(\.missionLocale) == ["ML-DEMO-8421"])
            #expect(
                try await store.organisations(recherche: "Lyon", limite: 5).map(\.0.missionLocale) == ["ML-DEMO-8421"])

            // Found by its code whatever the name or territory asked (the référentiel renamed it, say).
            var renommee = lyon
            renommee.nom = "Mission locale de la Métropole de Lyon"
            renommee.departement = nil
            #expect(try await store.organisationExistante(renommee)?.id == cree.id)
            // Another code is another organisation, even with the same name elsewhere.
            var autre = lyon
            autre.missionLocale = "ML-DEMO-8434"
            autre.nom = "Mission locale de Villefranche-sur-Saône (démo)"
            #expect(try await store.organisationExistante(autre) == nil)
            let seconde = try await store.creerOrganisation(autre, now: now)
            #expect(seconde.id != cree.id)
            #expect(try await store.organisationExistante(autre)?.id == seconde.id)

            // An organisation without a code (created before the référentiel) is still found by its name only.
            let ancienne = NouvelleOrganisation(type: .missionLocale, nom: "Mission locale de Bron", departement: "69")
            let creeAncienne = try await store.creerOrganisation(ancienne, now: now)
            #expect(creeAncienne.missionLocale == nil)
            #expect(try await store.organisationExistante(ancienne)?.id == creeAncienne.id)
            var homonyme = lyon
            homonyme.missionLocale = nil
            #expect(try await store.organisationExistante(homonyme) == nil)
            // Other types have no code.
            let dreets = try await store.creerOrganisation(
                NouvelleOrganisation(type: .dreets, nom: "DREETS", region: "84"), now: now)
            #expect(try await store.organisation(id: dreets.id)?.missionLocale == nil)
        }
    }
}
