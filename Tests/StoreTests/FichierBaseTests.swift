import Foundation
import SQLiteStore
import Testing

struct FichierBaseTests {
    /// The database holds named data: its file, its WAL and its folder are readable by the service's user only.
    @Test func theDatabaseFilesAreReadableByTheServiceUserOnly() async throws {
        let dossier = FileManager.default.temporaryDirectory.appendingPathComponent(
            "tdb-droits-\(UUID().uuidString)/base")
        let chemin = dossier.appendingPathComponent("tdb.sqlite").path
        let store = try SQLiteStore(path: chemin)
        _ = try await store.nombreEffectifs()
        for fichier in [chemin, chemin + "-wal"] where FileManager.default.fileExists(atPath: fichier) {
            let droits = try FileManager.default.attributesOfItem(atPath: fichier)[.posixPermissions] as? Int
            #expect(droits.map { $0 & 0o077 } == 0, "\(fichier) : \(String(droits ?? 0, radix: 8))")
        }
        let droitsDossier = try FileManager.default.attributesOfItem(atPath: dossier.path)[.posixPermissions] as? Int
        #expect(droitsDossier.map { $0 & 0o077 } == 0)
    }
}
