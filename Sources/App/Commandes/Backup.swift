import ArgumentParser
import Domain
import Foundation
import SQLiteStore

/// `tdb backup FILE`: a consistent copy of the SQLite database, taken while the service runs.
struct Backup: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Sauvegarde la base SQLite dans un nouveau fichier, même pendant que le service tourne.",
        discussion: "Restauration : arrêter le service, copier le fichier de sauvegarde à la place de la base, relancer. "
            + "Pour PostgreSQL, l'outil est pg_dump.")
    @OptionGroup var base: OptionBase
    @Argument(help: "Fichier de sauvegarde à créer (il ne doit pas exister).") var fichier: String

    func run() async throws {
        let config = try base.config()
        if let url = config.databaseURL {
            let adresse = (try? adresseSansMotDePasse(url)) ?? "la base"
            erreur("""
                base PostgreSQL : tdb backup ne copie que les bases SQLite. Utilisez pg_dump, par exemple :
                  pg_dump --format=custom --file=\(fichier) "\(adresse)"
                et pour restaurer (service arrêté) : pg_restore --clean --dbname="\(adresse)" \(fichier)
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
            print("sauvegarde écrite : \(fichier) (\(taille / 1_048_576) Mio, \(try await store.nombreEffectifs()) effectifs)")
        }
    }
}

/// The address without its password, to print.
private func adresseSansMotDePasse(_ url: String) throws -> String {
    guard var c = URLComponents(string: url) else { return "postgres://…" }
    if c.password != nil { c.password = "…" }
    return c.string ?? "postgres://…"
}
