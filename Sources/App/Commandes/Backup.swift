import ArgumentParser
import Domain
import Foundation
import SQLiteStore

/// `tdb backup FILE`: a consistent copy of the SQLite database, taken while the service runs.
struct Backup: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Sauvegarde la base SQLite dans un nouveau fichier, même pendant que le service tourne.",
        discussion:
            "Restauration : arrêter le service, copier le fichier de sauvegarde à la place de la base, relancer. "
            + "Pour PostgreSQL, l'outil est pg_dump.")
    @OptionGroup var base: OptionBase
    @Argument(help: "Fichier de sauvegarde à créer (il ne doit pas exister).") var fichier: String

    func run() async throws {
        let config = try base.config()
        if config.databaseURL != nil {
            // The address holds the password: the commands name the variable, not its value.
            erreur(
                """
                base PostgreSQL : tdb backup ne copie que les bases SQLite. Utilisez pg_dump, par exemple :
                  pg_dump --format=custom --file=\(fichier) "$DATABASE_URL"
                et pour restaurer (service arrêté) : pg_restore --clean --dbname="$DATABASE_URL" \(fichier)
                """)
            throw ExitCode(2)
        }
        try await avecStore(config) { store in
            guard let sqlite = store as? SQLiteStore else { throw ValidationError("base SQLite attendue") }
            do {
                try sqlite.sauvegarder(vers: fichier)
            } catch let e as ErreurSauvegarde {
                throw ValidationError(e.message)
            }
            let taille = (try? FileManager.default.attributesOfItem(atPath: fichier)[.size] as? Int) ?? 0
            print(
                "sauvegarde écrite : \(fichier) (\(taille / 1_048_576) Mio, \(try await store.nombreEffectifs()) effectifs)"
            )
        }
    }
}
