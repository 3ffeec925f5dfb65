import Domain
import Foundation
import Logging
import Web

/// The jobs of the runner, in one table (`tdb jobs list` shows it). Adding a job is one line here:
/// `Tache(nom: "…", libelle: "…", planification: .quotidienne(heure: 7, minute: 0)) { ctx in try await … }`,
/// whose body receives a `ContexteTache` (store, occurrence, now, public address) and returns a `BilanTache`.
/// Its e-mails go to the outbox with a key built from `ctx.occurrence.cle` (never sent twice).
public enum TableDesTaches {
    public static func taches(store: any Store, horloge: Horloge, config: AppConfig, logger: Logger) -> [Tache] {
        let comptes = Comptes(
            store: store, secrets: SecretsServeur(coutBcrypt: config.coutBcrypt), horloge: horloge,
            urlPublique: config.urlPublique)
        return [
            Tache(
                nom: "purge-donnees", libelle: "Politique de conservation des données (F22)",
                planification: .quotidienne(heure: 3, minute: 30)
            ) { _ in
                let bilan = try await Purge(store: store, horloge: horloge).executer(simulation: false)
                return BilanTache(
                    comptes: Dictionary(bilan.lignes.map { ($0.0.rawValue, $0.1) }, uniquingKeysWith: +),
                    message: bilan.resume)
            },
            Tache(
                nom: "retours-apprenants-effaces", libelle: "Apprenants effacés renvoyés par un ERP",
                planification: .toutesLesMinutes(60)
            ) { _ in
                let donnees = DonneesApprenant(store: store, horloge: horloge, empreinte: SecretsServeur.sha256)
                let n = try await donnees.surveillerRetours()
                if n > 0 {
                    logger.warning(
                        "données : \(n) apprenant(s) effacé(s) renvoyé(s) par un ERP (voir /admin/apprenants)")
                }
                return BilanTache(comptes: ["renvoyes": n], message: "\(n) apprenant(s) effacé(s) renvoyé(s)")
            },
            Tache(
                nom: "comptes-inactifs", libelle: "Comptes inactifs : avertissement à 11 mois, suspension à 12",
                planification: .quotidienne(heure: 4, minute: 0)
            ) { _ in
                let b = try await comptes.appliquerInactivite()
                return BilanTache(
                    comptes: ["avertis": b.avertis, "suspendus": b.suspendus],
                    message: "\(b.avertis) compte(s) prévenu(s), \(b.suspendus) suspendu(s)")
            },
            Tache(
                nom: AlerteTransmission.nom, libelle: "Alerte aux organismes qui ne transmettent plus depuis 30 jours",
                planification: .quotidienne(heure: 8, minute: 0)
            ) { ctx in try await AlerteTransmission().executer(ctx) },
            Tache(
                nom: ResumesSuivis.missionLocale,
                libelle: "Résumé quotidien des missions locales : demandes et messages des CFA de la veille",
                planification: .quotidienne(heure: 8, minute: 15)
            ) { ctx in try await ResumesSuivis.executer(ResumesSuivis.missionLocale, ctx) },
            Tache(
                nom: ResumesSuivis.cfa,
                libelle: "Résumé quotidien des CFA : nouvelles de la mission locale de la veille",
                planification: .quotidienne(heure: 8, minute: 30)
            ) { ctx in try await ResumesSuivis.executer(ResumesSuivis.cfa, ctx) },
            Tache(
                nom: RecapitulatifHebdomadaire.nom,
                libelle: "Récapitulatif hebdomadaire des missions locales : dossiers en attente",
                planification: .hebdomadaire(jour: 1, heure: 8, minute: 45)
            ) { ctx in try await RecapitulatifHebdomadaire.executer(ctx, regles: config.reglesSuivi) },
            Tache(
                nom: EnvoiAutomatique.nom,
                libelle: "Demandes d'accompagnement envoyées automatiquement après N jours (CFA qui l'ont choisi)",
                planification: .quotidienne(heure: 7, minute: 30)
            ) { ctx in try await EnvoiAutomatique.executer(ctx, regles: config.reglesSuivi) },
            Tache(
                nom: "invitations-jeunes",
                libelle: "Invitation des nouveaux jeunes des missions locales qui l'ont choisie",
                planification: .toutesLesMinutes(15)
            ) { ctx in
                let n = try await InvitationsJeunes.inviterNouveauxCas(
                    store: store, secrets: SecretsServeur(coutBcrypt: config.coutBcrypt),
                    urlPublique: config.urlPublique, now: ctx.now)
                return BilanTache(comptes: ["invitations": n], message: "\(n) jeune(s) invité(s)")
            },
        ]
    }
}
