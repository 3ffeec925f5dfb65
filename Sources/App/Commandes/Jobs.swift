import ArgumentParser
import Domain
import Foundation
import Logging

/// `tdb jobs list` and `tdb jobs run NOM`: the runner's jobs, and one run by hand through the same code as the
/// runner (`ExecuteurTaches`: lease, run, recorded run).
struct Jobs: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Tâches planifiées de tdb serve : liste, exécution à la main.", subcommands: [Liste.self, Run.self])

    struct Liste: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "Liste les tâches : planification, prochaine occurrence, dernière exécution et son résultat.")
        @OptionGroup var base: OptionBase

        func run() async throws {
            let config = try base.config()
            let lignes = try await base.avecStore { store in
                let now = Date()
                var lignes: [[String]] = [
                    ["tâche", "planification", "prochaine (heure de Paris)", "dernière exécution"]
                ]
                for t in TableDesTaches.taches(
                    store: store, horloge: .live, config: config, logger: Logger(label: "tdb.jobs"))
                {
                    let derniere = try await store.executions(tache: t.nom, limite: 1).first
                    lignes.append([
                        t.nom, t.planification.libelle,
                        HeureDeParis.horodatage(t.planification.prochaine(apres: now)),
                        derniere.map(Self.resume) ?? "jamais",
                    ])
                }
                return lignes
            }
            print(Self.tableau(lignes))
        }

        static func resume(_ e: ExecutionTache) -> String {
            let duree = String(format: "%.1f s", e.fin.timeIntervalSince(e.debut))
            return "\(HeureDeParis.horodatage(e.debut)) \(e.resultat.libelle) (\(duree)) : \(e.message)"
        }

        static func tableau(_ lignes: [[String]]) -> String {
            let largeurs = (0..<4).map { i in lignes.map { $0[i].count }.max() ?? 0 }
            return lignes.map { l in
                (0..<4).map { i in
                    i == 3 ? l[i] : l[i] + String(repeating: " ", count: largeurs[i] - l[i].count)
                }.joined(separator: "  ")
            }.joined(separator: "\n")
        }
    }

    struct Run: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Exécute une tâche maintenant (occurrence à l'instant présent), comme le ferait tdb serve.",
            discussion: "La tâche est exécutée sous un bail et son exécution enregistrée (voir tdb jobs list).")
        @OptionGroup var base: OptionBase
        @Argument(help: "Nom de la tâche (voir tdb jobs list).") var nom: String

        func run() async throws {
            let config = try base.config()
            let execution = try await base.avecStore { store -> ExecutionTache? in
                let taches = TableDesTaches.taches(
                    store: store, horloge: .live, config: config, logger: Logger(label: "tdb.jobs"))
                guard let tache = taches.first(where: { $0.nom == nom }) else {
                    throw ValidationError(
                        "tâche inconnue : \(nom) (tâches : \(taches.map(\.nom).joined(separator: ", ")))")
                }
                let executeur = ExecuteurTaches(
                    store: store, horloge: .live, titulaire: "tdb-jobs-run/" + instanceTaches(),
                    urlPublique: config.urlPublique)
                let instant = Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded(.down))
                let issue = try await executeur.executer(tache, occurrence: Occurrence(tache: nom, instant: instant))
                if case .executee(let e) = issue { return e }
                return nil
            }
            guard let execution else {
                throw ValidationError("la tâche \(nom) est déjà en cours pour cette occurrence : réessayez")
            }
            print("\(nom) : \(Liste.resume(execution))")
            if execution.resultat == .echec { throw ExitCode.failure }
        }
    }
}
