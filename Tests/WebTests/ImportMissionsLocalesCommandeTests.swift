import App
import Domain
import Foundation
import Testing

/// `tdb import missions-locales`: the function it calls on a real store, and the binary's exit codes.
@Suite(.serialized)
struct ImportMissionsLocalesCommandeTests {
    static let entete =
        "code,nom,siret,email,telephone,site_web,adresse,code_postal,commune,departement,region,communes,codes_postaux"
    static let amiens = "ML-80,Mission locale d'Amiens,,contact@ml-amiens.example.org,,,,80000,Amiens,80,32,80021,"
    static let lyon = "ML-69,Mission locale de Lyon,,,,,,,,69,84,69123|69266,69001"

    @Test func importsThenUpdatesByCodeAndReportsBadLines() async throws {
        let banc = try await Banc()
        let premier = try await importerMissionsLocales(
            [Self.entete, Self.amiens, "ML-X,,,,,,,,,,,80021,", Self.lyon].joined(separator: "\n"),
            store: banc.store, now: Banc.maintenant)
        #expect(premier.importees == 2)
        #expect(premier.crees == 2 && premier.misAJour == 0)
        #expect(premier.erreurs == [ErreurLigne(ligne: 3, message: "nom obligatoire")])
        #expect(premier.suivisReconstruits != nil)
        #expect(premier.resume == "missions locales : 2 créées, 0 mises à jour, 1 lignes rejetées")

        let second = try await importerMissionsLocales(
            [Self.entete, Self.lyon.replacingOccurrences(of: "de Lyon", with: "de Lyon Centre")].joined(
                separator: "\n"),
            store: banc.store, now: Banc.maintenant)
        #expect(second.crees == 0 && second.misAJour == 1 && second.erreurs.isEmpty)
        let stockees = try await banc.store.missionsLocales()
        #expect(stockees.map(\.code) == ["ML-69", "ML-80"])
        #expect(stockees.map(\.nom) == ["Mission locale de Lyon Centre", "Mission locale d'Amiens"])
        #expect(stockees.first?.communes == ["69123", "69266"])
    }

    @Test func aFileWithNothingValidWritesNothing() async throws {
        let banc = try await Banc()
        let bilan = try await importerMissionsLocales(
            [Self.entete, "ML-X,ML,,,,,,,,99,,80021,"].joined(separator: "\n"), store: banc.store,
            now: Banc.maintenant)
        #expect(bilan.importees == 0)
        #expect(bilan.erreurs.map(\.ligne) == [2])
        #expect(try await banc.store.missionsLocales().isEmpty)
        let vide = try await importerMissionsLocales(Self.entete, store: banc.store, now: Banc.maintenant)
        #expect(vide.erreurs.map(\.message) == ["aucune mission locale dans le fichier"])
    }

    @Test func theBinaryFailsOnlyWhenNothingIsValid() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tdb-ml-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let base = dir.appendingPathComponent("tdb.sqlite").path
        let csv = dir.appendingPathComponent("ml.csv")
        try [Self.entete, Self.amiens, "ML-X,ML,,,,,,,,99,,80021,"].joined(separator: "\n").write(
            to: csv, atomically: true, encoding: .utf8)
        let sortie = try ProcessusTdb.executer(["import", "missions-locales", "--database", base, csv.path])
        #expect(sortie.contains("missions locales : 1 créées, 0 mises à jour, 1 lignes rejetées"))
        #expect(sortie.contains("suivis recalculés"))

        try [Self.entete, "ML-X,ML,,,,,,,,99,,80021,"].joined(separator: "\n").write(
            to: csv, atomically: true, encoding: .utf8)
        let refus = try ProcessusTdb.executer(
            ["import", "missions-locales", "--database", base, csv.path], attendu: 1)
        #expect(refus.contains("0 créées"))
    }
}
