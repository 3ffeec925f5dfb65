import ArgumentParser
import Domain
import Foundation

extension Import {
    struct MissionsLocales: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "missions-locales",
            abstract: "Importe ou met à jour le référentiel des missions locales (par code) depuis un CSV.",
            discussion: "Colonnes : \(ImportMissionsLocales.colonnes.joined(separator: ",")) (communes : codes INSEE "
                + "séparés par |, codes_postaux facultatif). Les suivis sont ensuite recalculés pour la nouvelle "
                + "couverture.")
        @OptionGroup var base: OptionBase
        @Argument(help: "Fichier CSV (en-tête, séparateur , ou ;).") var fichier: String

        func run() async throws {
            let texte = try lireFichier(fichier)
            let bilan = try await base.avecStore { store in
                let bilan = try await importerMissionsLocales(texte, store: store, now: Date())
                try await journaliserCommande(store, "import_missions_locales", "\(fichier) : \(bilan.resume)")
                return bilan
            }
            print(bilan.resume)
            if let n = bilan.suivisReconstruits { print("suivis recalculés : \(n) effectifs relus") }
            for e in bilan.erreurs { erreur("  \(e)") }
            if bilan.importees == 0 { throw ExitCode(1) }
        }
    }
}

/// What `tdb import missions-locales` did.
public struct BilanImportMissionsLocales: Sendable {
    public var importees: Int
    public var crees: Int
    public var misAJour: Int
    /// Effectifs read again to rebuild the cases for the new coverage; nil when nothing had to be rebuilt.
    public var suivisReconstruits: Int?
    public var erreurs: [ErreurLigne]

    public var resume: String {
        "missions locales : \(crees) créées, \(misAJour) mises à jour, \(erreurs.count) lignes rejetées"
    }
}

/// Reads the référentiel, imports its good lines (updated by code), then rebuilds the cases for the new coverage.
/// Nothing is written when no line is valid.
public func importerMissionsLocales(_ texte: String, store: any Store, now: Date) async throws
    -> BilanImportMissionsLocales
{
    let lu = ImportMissionsLocales.lire(FichierCSV(texte: texte))
    guard !lu.missionsLocales.isEmpty else {
        let erreurs =
            lu.erreurs.isEmpty ? [ErreurLigne(ligne: 1, message: "aucune mission locale dans le fichier")] : lu.erreurs
        return BilanImportMissionsLocales(
            importees: 0, crees: 0, misAJour: 0, suivisReconstruits: nil, erreurs: erreurs)
    }
    let bilan = try await store.importer(missionsLocales: lu.missionsLocales, now: now)
    let reconstruits = try await store.reconstruireSuivisSiNecessaire(now: now)
    return BilanImportMissionsLocales(
        importees: lu.missionsLocales.count, crees: bilan.crees, misAJour: bilan.misAJour,
        suivisReconstruits: reconstruits, erreurs: lu.erreurs)
}
