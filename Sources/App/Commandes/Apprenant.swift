import ArgumentParser
import Domain
import Foundation
import Web

/// `tdb apprenant export|erase`: a learner's data on request (F22), as the administration page does it.
struct ApprenantCommande: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "apprenant",
        abstract: "Données d'un apprenant : export JSON ou effacement sur demande (écrits au journal).",
        subcommands: [Export.self, Erase.self])

    /// By organisme + school year + ERP id, or by name + birth date.
    struct Qui: ParsableArguments {
        @Option(help: "UAI de l'organisme formateur.") var uai: String?
        @Option(help: "SIRET de l'organisme formateur.") var siret: String?
        @Option(help: "Année scolaire, par exemple 2024-2025.") var annee: String?
        @Option(name: .customLong("id-erp"), help: "Identifiant de l'apprenant dans l'ERP.") var idErp: String?
        @Option(help: "Nom de l'apprenant (avec --naissance).") var nom: String?
        @Option(help: "Prénom de l'apprenant (facultatif).") var prenom: String?
        @Option(help: "Date de naissance AAAA-MM-JJ.") var naissance: String?

        func recherche(_ store: any Store) async throws -> RechercheApprenant {
            if let nom, let naissance {
                guard let jour = Jour(iso: naissance) else {
                    throw ValidationError("--naissance : date AAAA-MM-JJ attendue")
                }
                return .identite(nom: nom, prenom: prenom, dateDeNaissance: jour)
            }
            guard let uai, let siret, let annee, let idErp else {
                throw ValidationError("indiquez --uai, --siret, --annee et --id-erp, ou --nom et --naissance")
            }
            let cle = try ApiKey.Cible.parse(["--uai", uai, "--siret", siret]).cle()
            guard let a = AnneeScolaire(annee) else { throw ValidationError("--annee : AAAA-AAAA attendu") }
            guard let o = try await store.organisme(cle: cle) else {
                throw ValidationError("organisme inconnu : \(cle)")
            }
            return .cle(CleEffectif(organisme: o.id, anneeScolaire: a, idErpApprenant: idErp))
        }
    }

    static func donnees(_ store: any Store) -> DonneesApprenant {
        DonneesApprenant(store: store, horloge: .live, empreinte: SecretsServeur.sha256)
    }

    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Écrit en JSON les données stockées d'un apprenant.")
        @OptionGroup var base: OptionBase
        @OptionGroup var qui: Qui
        @Option(help: "Fichier à écrire (défaut : la sortie standard).") var sortie: String?

        func run() async throws {
            try await base.avecStore { store in
                let r = try await qui.recherche(store)
                let (json, n) = try await donnees(store).exporter(r, par: .ligneDeCommande)
                if let sortie {
                    try Data(json.utf8).write(to: URL(fileURLWithPath: sortie))
                    erreur("\(n) effectif(s) exporté(s) dans \(sortie)")
                } else {
                    print(json)
                }
            }
        }
    }

    struct Erase: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Efface un apprenant : ses effectifs et l'historique de ses transmissions. Irréversible.")
        @OptionGroup var base: OptionBase
        @OptionGroup var qui: Qui
        @Flag(help: "Confirme l'effacement.") var confirmer = false

        func run() async throws {
            guard confirmer else { throw ValidationError("effacement irréversible : ajoutez --confirmer") }
            try await base.avecStore { store in
                let r = try await qui.recherche(store)
                let bilan = try await donnees(store).effacer(r, par: .ligneDeCommande)
                print("\(bilan.effectifs) effectif(s) et \(bilan.transmissions) transmission(s) effacé(s)")
                if bilan.effectifs > 0 {
                    erreur(
                        "un service tdb en cours d'exécution retire ces effectifs de ses indicateurs d'ici quelques secondes"
                    )
                }
            }
        }
    }
}
