import Domain
import Foundation
import IndexEffectifs
import TestSupport
import Testing

/// A stored row damaged by hand is a thrown `LigneIllisible` naming its table, its id and the column, never a stop
/// of the process; the index built at start-up reports it and leaves it out. On every backend available.
struct StoreContractLignesIllisiblesTests {
    let now = Date(timeIntervalSince1970: 1_732_000_000)
    let contrat = StoreContractTests()

    /// Two learners of Amiens; returns the organisme and the two stored learners.
    func deuxApprenants(_ store: any Store) async throws -> (Organisme, EffectifStocke, EffectifStocke) {
        let (amiens, _, _) = try await contrat.peuple(store)
        let r = try await contrat.lot(
            [item(["id_erp_apprenant": .string("A-1")]), item(["id_erp_apprenant": .string("A-2")])],
            transmetteur: amiens.id, store: store)
        #expect(r.nombreRejetes == 0)
        let annee = try #require(AnneeScolaire("2024-2025"))
        let a = try #require(
            try await store.effectif(
                cle: CleEffectif(organisme: amiens.id, anneeScolaire: annee, idErpApprenant: "A-1")))
        let b = try #require(
            try await store.effectif(
                cle: CleEffectif(organisme: amiens.id, anneeScolaire: annee, idErpApprenant: "A-2")))
        return (amiens, a, b)
    }

    @Test(arguments: Backend.actifs) func aDamagedTimelineNamesItsRow(_ backend: Backend) async throws {
        try await backend.avecStore { store in
            let (_, a, b) = try await deuxApprenants(store)
            // A status no timeline holds.
            let parcours = #"[{"date":"2024-09-02","valeur":"PIRATE"}]"#
            try await corrompre(store, "UPDATE effectifs SET parcours = '\(parcours)' WHERE id = \(b.id.rawValue)")

            let lue = await ligneIllisible { _ = try await store.effectif(cle: b.effectif.cle) }
            #expect(lue?.table == "effectifs")
            #expect(lue?.id == String(b.id.rawValue))
            #expect(lue?.colonne == "parcours")
            #expect(try await store.effectif(cle: a.effectif.cle) == a)

            // Streamed without a reporter, the bad row stops the stream with the same error.
            let flux = await ligneIllisible { try await store.parcourirEffectifs(taillePaquet: 10) { _ in } }
            #expect(flux?.table == "effectifs" && flux?.id == String(b.id.rawValue) && flux?.colonne == "parcours")

            // The index at start-up: the bad row is reported and left out, the other one counted.
            let signalees = Signalees()
            let index = try await IndexIndicateurs.construire(depuis: store, illisible: { signalees.ajouter($0) })
            #expect(index.nombreEffectifs == 1)
            #expect(
                signalees.toutes.map(\.description)
                    == ["ligne illisible dans la table effectifs (id \(b.id.rawValue)) : colonne parcours"])
        }
    }

    @Test(arguments: Backend.actifs) func aDamagedRecordFailsTheBatchThatMergesIntoIt(_ backend: Backend) async throws {
        try await backend.avecStore { store in
            let (amiens, _, b) = try await deuxApprenants(store)
            try await corrompre(
                store, "UPDATE effectifs SET record = '{\"organisme_id\": 1}' WHERE id = \(b.id.rawValue)")
            let erreur = await ligneIllisible {
                _ = try await contrat.lot(
                    [item(["id_erp_apprenant": .string("A-2")])], transmetteur: amiens.id, store: store)
            }
            #expect(erreur?.table == "effectifs" && erreur?.id == String(b.id.rawValue) && erreur?.colonne == "record")
            // All or nothing: the batch left no transmission behind.
            #expect(try await store.nombreTransmissions() == 2)
        }
    }

    @Test(arguments: Backend.actifs) func aDamagedOrganismeNamesItsRow(_ backend: Backend) async throws {
        try await backend.avecStore { store in
            let (amiens, _, lyon) = try await contrat.peuple(store)
            try await corrompre(store, "UPDATE organismes SET siret = 'pas un SIRET' WHERE id = \(lyon.id.rawValue)")
            let erreur = await ligneIllisible { _ = try await store.organisme(id: lyon.id) }
            #expect(
                erreur?.table == "organismes" && erreur?.id == String(lyon.id.rawValue) && erreur?.colonne == "siret")
            #expect(try await store.organisme(id: amiens.id)?.nom == amiens.nom)
            let tous = await ligneIllisible { _ = try await store.tousLesOrganismes() }
            #expect(tous?.id == String(lyon.id.rawValue))
        }
    }

    /// SQLite keeps a text written into a REAL column as text: read strictly, not as the date of 1970 SQLite's own
    /// conversion would make of it.
    @Test func aTextInANumberColumnNamesItsRowOnSQLite() async throws {
        try await Backend.sqlite.avecStore { store in
            let o = try await store.creerOrganisation(
                NouvelleOrganisation(type: .dreets, nom: "DREETS", region: "32"), now: now)
            let u = try await store.creerUtilisateur(
                NouvelUtilisateur(
                    email: "anne@example.org", nom: "Durand", prenom: "Anne", organisation: o.id, role: .membre,
                    statut: .emailNonConfirme, hashMotDePasse: "$2b$12$hash"), now: now)
            try await corrompre(store, "UPDATE utilisateurs SET created_at = 'hier' WHERE id = \(u.id.rawValue)")
            let erreur = await ligneIllisible { _ = try await store.utilisateur(id: u.id) }
            #expect(
                erreur?.table == "utilisateurs" && erreur?.id == String(u.id.rawValue)
                    && erreur?.colonne == "created_at")
        }
    }

    final class Signalees: @unchecked Sendable {
        private let verrou = NSLock()
        private var liste: [LigneIllisible] = []
        func ajouter(_ l: LigneIllisible) { verrou.withLock { liste.append(l) } }
        var toutes: [LigneIllisible] { verrou.withLock { liste } }
    }
}
