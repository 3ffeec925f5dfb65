import Domain
import Foundation
import Outils

/// Collaborations in every state for the demo CFA (`organisme-formation@demo.tdb`): requests sent and waiting,
/// requests the mission locale answered (outcome and comment), young people the mission locale reached without a
/// request, the rest to report. Made once: a base whose CFA already asked is left as it is.
enum CollaborationsDemo {
    static let auteurCFA = "Démo Organisme de formation (organisme-formation@demo.tdb)"
    static let auteurML = "Démo Mission locale (mission-locale@demo.tdb)"

    /// Twelve of the CFA's apprentices, living in Lyon (the demo mission locale's territory), whose contracts broke
    /// in the last two months: sent through the API's path, as its ERP would.
    static func jeunes(store: any Store, organisme: Organisme, now: Date) async throws {
        guard let cle = organisme.cle else { return }
        let jour = HeureDeParis.jour(now)
        let annee = AnneeScolaire.scolaire(de: jour)
        let rentree = Jour(year: annee.debut, month: 9, day: 1)
        let items = PaysDemo(graine: 15).apprenants(
            organisme: cle, departement: "69", responsable: cle, annee: annee, nombre: 12, graine: 1_515
        ).enumerated().map { k, item -> JSONValue in
            guard case .object(var o) = item else { return item }
            for champ in ["contrat_date_debut_2", "contrat_date_fin_2", "date_exclusion_formation", "rqth_apprenant"] {
                o[champ] = nil
            }
            let rupture = max(rentree.adding(days: 20), jour.adding(days: -(3 + 5 * k)))
            o["id_erp_apprenant"] = .string("DEMO-COLLABORATION-\(k)")
            o["date_de_naissance_apprenant"] = .string(Jour(year: annee.debut - 19, month: 1 + k, day: 12).description)
            o["date_inscription_formation"] = .string(rentree.adding(days: -30).description)
            o["date_entree_formation"] = .string(rentree.description)
            o["date_fin_formation"] = .string(Jour(year: annee.debut + 2, month: 6, day: 30).description)
            o["contrat_date_debut"] = .string(rentree.adding(days: 2).description)
            o["contrat_date_fin"] = .string(Jour(year: annee.debut + 2, month: 6, day: 30).description)
            o["contrat_date_rupture"] = .string(rupture.description)
            o["cause_rupture_contrat"] = .string("rupture conventionnelle")
            o["code_commune_insee_apprenant"] = .string("69123")
            o["code_postal_apprenant"] = .string("69003")
            return .object(o)
        }
        _ = try await Ingestion(store: store, horloge: .fixed(now)).traiter(
            items, transmetteur: organisme.id, cleApi: nil)
    }

    /// Returns how many cases were given a request, an outcome or a comment.
    @discardableResult
    static func creer(store: any Store, organismes: Set<OrganismeID>, nomCFA: String, now: Date) async throws -> Int {
        let regles = ReglesSuivi()
        let jour = HeureDeParis.jour(now)
        let cas = try await store.suivis(missionsLocales: nil)
            .filter { organismes.contains($0.ligne.organisme) }
            .filter { ListeSuivis.cas($0, regles: regles, aujourdhui: jour) != nil }
            .sorted { $0.id.rawValue < $1.id.rawValue }
        guard !cas.contains(where: { $0.demandeCFALe != nil }) else { return 0 }
        let demande = DemandeAccompagnement(
            toujoursAuCFA: true, maintenuEnFormation: true, cause: "Désaccord avec l'employeur sur les horaires.",
            objectifs: [(.trouverEmployeur, "Dans le même secteur, à moins de 30 minutes"), (.mobilite, "")],
            note: "Jeune motivé, à rappeler en fin de journée (démonstration).")
        var n = 0
        for (k, s) in cas.prefix(8).enumerated() {
            let il = now.addingTimeInterval(Double(-86_400 * (8 - k)))
            if k < 5 {
                _ = try await store.ajouter(
                    EvenementSuivi(
                        le: il, genre: .demandeCFA, auteur: auteurCFA, organisation: nomCFA,
                        rupture: s.ligne.rupture, demande: demande), a: s.id)
            }
            if k >= 3 {
                let version = try await store.suivi(id: s.id)?.version ?? s.version
                _ = try await store.ajouter(
                    EvenementSuivi(
                        le: il.addingTimeInterval(3_600), genre: .resultat, auteur: auteurML,
                        organisation: "Mission locale (démo)", rupture: s.ligne.rupture,
                        resultat: k % 2 == 0 ? .joint(.rendezVousPris) : .nonJoint(.injoignable)),
                    a: s.id, versionLue: version)
                _ = try await store.ajouter(
                    EvenementSuivi(
                        le: il.addingTimeInterval(3_700), genre: .commentaire, auteur: auteurML,
                        organisation: "Mission locale (démo)",
                        commentaire: "Jeune contacté : nous vous tenons informés (démonstration)."), a: s.id)
            }
            n += 1
        }
        return n
    }

    /// The demo CFA chose automatic sending after 45 days: its young people broken that long ago whom it had not
    /// sent are sent at once, as the daily job would (their histories read "envoyée automatiquement"). Returns how
    /// many were sent; a CFA that already chose a setting keeps it.
    @discardableResult
    static func envoiAutomatique(store: any Store, organisme: OrganismeID, now: Date) async throws -> Int {
        let actuel = try await store.envoiAutomatique(organisme: organisme)
        if !actuel.actif && actuel == ParametresEnvoiAutomatique() {
            try await store.enregistrer(
                envoiAutomatique: ParametresEnvoiAutomatique(
                    actif: true, jours: ParametresEnvoiAutomatique.joursParDefaut),
                organisme: organisme, now: now)
        }
        let bilan = try await EnvoiAutomatique.executer(
            ContexteTache(
                store: store, occurrence: Occurrence(tache: EnvoiAutomatique.nom, instant: now), now: now,
                urlPublique: ""), regles: ReglesSuivi())
        return bilan.comptes["demandes"] ?? 0
    }
}
