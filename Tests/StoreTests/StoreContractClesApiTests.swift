import Domain
import Foundation
import Outils
import TestSupport
import Testing

/// API keys' names, prefixes and last batch (issue 13), on every backend.
struct StoreContractClesApiTests {
    let now = Date(timeIntervalSince1970: 1_732_000_000)

    @Test(arguments: Backend.actifs) func keysKeepTheirNameAndPrefix(_ backend: Backend) async throws {
        try await backend.avecStore { store in
            let o = try await StoreContractTests().peuple(store)
            let cle = try await store.creerCleApi(
                organisme: o.amiens.id, nom: "ERP « Ypareo » d'Amiens", prefixe: "1b4e28ba", hash: "h1", now: now)
            #expect(cle.nom == "ERP « Ypareo » d'Amiens" && cle.prefixe == "1b4e28ba")
            let lue = try #require(try await store.cleApi(hash: "h1"))
            #expect(lue == cle)
            #expect(lue.derniereTransmission == nil && lue.lastUsedAt == nil)
            // Without a name (command line, older keys): empty name and prefix.
            _ = try await store.creerCleApi(organisme: o.amiens.id, hash: "h2", now: now)
            let liste = try await store.clesApi(organisme: o.amiens.id)
            #expect(liste.map(\.nom) == ["", "ERP « Ypareo » d'Amiens"])
            #expect(liste.map(\.prefixe) == ["", "1b4e28ba"])
        }
    }

    @Test(arguments: Backend.actifs) func aBatchSentWithAKeyDatesItsLastUseAsTheOrganismesLastTransmission(
        _ backend: Backend
    ) async throws {
        try await backend.avecStore { store in
            let o = try await StoreContractTests().peuple(store)
            let cle = try await store.creerCleApi(
                organisme: o.amiens.id, nom: "ERP", prefixe: "abcd0123", hash: "h", now: now)
            // The key is checked a little before the batch is written.
            try await store.cleUtilisee(cle.id, now: now.addingTimeInterval(10))
            let ecrit = now.addingTimeInterval(12)
            let r = try await Ingestion(store: store, horloge: .fixed(ecrit)).traiter(
                [item()], transmetteur: o.amiens.id, cleApi: cle.id)
            #expect(r.nombreRejetes == 0)
            let apres = try #require(try await store.cleApi(hash: "h"))
            let fiche = try #require(try await store.organisme(id: o.amiens.id))
            #expect(fiche.lastErpTransmissionDate == ecrit)
            #expect(apres.derniereTransmission == ecrit && apres.lastUsedAt == ecrit)
            // A batch without a key (the demo, an import) leaves the keys as they were.
            let plusTard = now.addingTimeInterval(3_600)
            _ = try await Ingestion(store: store, horloge: .fixed(plusTard)).traiter(
                [item(["id_erp_apprenant": .string("AUTRE")])], transmetteur: o.amiens.id, cleApi: nil)
            #expect(try await store.cleApi(hash: "h")?.derniereTransmission == ecrit)
        }
    }
}
