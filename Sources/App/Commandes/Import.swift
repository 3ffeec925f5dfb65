import ArgumentParser
import Domain
import Foundation

struct Import: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract:
            "Importe le référentiel des organismes, leurs relations responsable → formateur, le catalogue des formations "
            + "ou le référentiel des missions locales.",
        subcommands: [Organismes.self, Relations.self, Formations.self, MissionsLocales.self])

    struct Formations: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Importe ou met à jour le catalogue des formations (par CFD et RNCP) depuis un CSV.",
            discussion: "Colonnes : \(ImportFormations.colonnes.joined(separator: ",")) (niveau européen 3 à 8).")
        @OptionGroup var base: OptionBase
        @Argument(help: "Fichier CSV.") var fichier: String

        func run() async throws {
            try await importer(
                fichier, base, "import_formations", "formations : %d créées, %d mises à jour", ImportFormations.lire
            ) {
                try await $0.importer(formations: $1)
            }
        }
    }

    struct Organismes: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Importe ou met à jour des organismes (par couple UAI, SIRET) depuis un CSV.",
            discussion: "Colonnes : \(ImportOrganismes.colonnes.joined(separator: ",")) (réseaux séparés par |).")
        @OptionGroup var base: OptionBase
        @Argument(help: "Fichier CSV (en-tête, séparateur , ou ;).") var fichier: String

        func run() async throws {
            try await importer(
                fichier, base, "import_organismes", "organismes : %d créés, %d mis à jour",
                { ImportOrganismes.lire($0) }
            ) {
                try await $0.importer(organismes: $1)
            }
        }
    }

    struct Relations: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Importe des relations responsable → formateur depuis un CSV.",
            discussion: "Colonnes : \(ImportRelations.colonnes.joined(separator: ",")).")
        @OptionGroup var base: OptionBase
        @Argument(help: "Fichier CSV.") var fichier: String

        func run() async throws {
            let lu = ImportRelations.lire(FichierCSV(texte: try lireFichier(fichier)))
            try await base.avecStore { store in
                let connus = try await store.organismes(
                    cles: Set(lu.relations.flatMap { [$0.responsable, $0.formateur] }))
                var erreurs = lu.erreurs
                var liens: [(responsable: OrganismeID, formateur: OrganismeID)] = []
                for r in lu.relations {
                    guard let responsable = connus[r.responsable], let formateur = connus[r.formateur] else {
                        let inconnus = [r.responsable, r.formateur].filter { connus[$0] == nil }.map(\.description)
                        erreurs.append(
                            ErreurLigne(
                                ligne: r.ligne, message: "organisme inconnu : \(inconnus.joined(separator: ", "))"))
                        continue
                    }
                    liens.append((responsable.id, formateur.id))
                }
                let bilan = try await store.importer(relations: liens)
                try await journaliserCommande(
                    store, "import_relations",
                    "\(fichier) : \(bilan.crees) relations créées, \(erreurs.count) lignes rejetées")
                print(
                    "relations : \(bilan.crees) créées, \(liens.count - bilan.crees) déjà connues, \(erreurs.count) lignes rejetées"
                )
                try signaler(erreurs.sorted { $0.ligne < $1.ligne })
            }
        }
    }
}

/// Reads a CSV file, imports its good lines in one transaction, prints the outcome and lists the rejected lines.
func importer<T>(
    _ fichier: String, _ base: OptionBase, _ action: String, _ bilanFormat: String,
    _ lire: (FichierCSV) -> ([T], [ErreurLigne]),
    _ ecrire: (any StoreOuvert, [T]) async throws -> BilanImport
) async throws {
    let (lignes, erreurs) = lire(FichierCSV(texte: try lireFichier(fichier)))
    let resume = try await base.avecStore { store in
        let bilan = try await ecrire(store, lignes)
        let resume = String(format: bilanFormat, bilan.crees, bilan.misAJour) + ", \(erreurs.count) lignes rejetées"
        try await journaliserCommande(store, action, "\(fichier) : " + resume)
        return resume
    }
    print(resume)
    try signaler(erreurs)
}

func lireFichier(_ chemin: String) throws -> String {
    guard let data = FileManager.default.contents(atPath: chemin) else {
        throw ValidationError("fichier introuvable ou illisible : \(chemin)")
    }
    guard let texte = String(data: data, encoding: .utf8) else {
        throw ValidationError("le fichier \(chemin) n'est pas en UTF-8")
    }
    return texte
}

/// Lists the rejected lines on standard error; the command then fails so that a script notices.
func signaler(_ erreurs: [ErreurLigne]) throws {
    guard !erreurs.isEmpty else { return }
    for e in erreurs { erreur("  \(e)") }
    throw ExitCode(1)
}
