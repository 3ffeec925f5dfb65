import Domain
import Foundation
import SQLiteStore
import TestSupport
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// `tdb serve` on a base with one damaged learner row: start-up reports it (table and id) and serves the rest.
@Suite(.serialized)
struct DemarrageLigneIllisibleTests {
    @Test func startUpReportsABadRowAndServesTheRest() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tdb-illisible-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let base = dir.appendingPathComponent("tdb.sqlite").path

        // Two learners written through the ordinary path, then one of them damaged by hand.
        let store = try SQLiteStore(path: base)
        _ = try await store.importer(
            organismes: ImportOrganismes.lire(FichierCSV(texte: OrganismesDeTest.csv)).organismes)
        let amiens = try #require(try await store.organisme(cle: OrganismesDeTest.amiens))
        let r = try await Ingestion(store: store, horloge: .live).traiter(
            [item(["id_erp_apprenant": .string("B-1")]), item(["id_erp_apprenant": .string("B-2")])],
            transmetteur: amiens.id, cleApi: nil)
        #expect(r.nombreRejetes == 0)
        let abime = try #require(r.enregistres[1].effectifId)
        try await corrompre(
            store, "UPDATE effectifs SET annee_scolaire = 'deux mille vingt-quatre' WHERE id = \(abime.rawValue)")
        let cle = try #require(
            try ProcessusTdb.executer([
                "api-key", "create", "--database", base, "--uai", "0802004U",
                "--siret", "77937827200016",
            ])
            .split(separator: "\n").last.map(String.init))

        let journal = dir.appendingPathComponent("stderr.log")
        FileManager.default.createFile(atPath: journal.path, contents: nil)
        let serveur = Process()
        serveur.executableURL = ProcessusTdb.binaire
        serveur.arguments = ["serve", "--database", base, "--host", "127.0.0.1", "--port", "0"]
        let sortie = Pipe()
        serveur.standardOutput = sortie
        serveur.standardError = try FileHandle(forWritingTo: journal)
        try serveur.run()
        defer {
            serveur.terminate()
            serveur.waitUntilExit()
        }
        let url = try #require(try BinaireTests.adresse(sortie), "le service n'a pas démarré")

        let (sante, _) = try await ProcessusTdb.requete("\(url)/api/healthcheck")
        #expect(sante == 200)
        let rapport = try String(contentsOf: journal, encoding: .utf8)
        #expect(
            rapport.contains("ligne illisible dans la table effectifs (id \(abime.rawValue)) : colonne annee_scolaire"))
        #expect(rapport.contains("index des indicateurs prêt : 1 effectifs"))
        // The good learner is still served.
        let (statut, data) = try await ProcessusTdb.requete(
            "\(url)/api/v3/dossiers-apprenants", methode: "POST", cle: cle,
            corps: Data("[\(texte(item(["id_erp_apprenant": .string("B-1")])))]".utf8))
        #expect(statut == 200)
        #expect((ProcessusTdb.json(data)["resume"] as? [String: Int])?["acceptes"] == 1)
    }
}
