import Domain
import Foundation
import Web

/// `tdb bench --seulement collaborations` (issue 15's figures): on the bench base, CFA requests and comments of both
/// sides on a good share of the cases, dated in the last day (made once), a user for every mission locale and every
/// organisme with cases; then every daily digest built into the outbox (and run again: nothing added), the weekly
/// recap, and through the real router the list of the CFA with the most young people in rupture and both case pages.
extension Bench {
    /// The issue's bounds.
    static let cibleResumes = 10.0  // seconds, every daily digest
    static let ciblePages = 100.0  // milliseconds

    func collaborations(store: any StoreOuvert, config: AppConfig) async throws -> [(String, String)] {
        let now = Date()
        var lignes = try await evenementsCollaboration(store: store, now: now)
        let (cfa, motDePasse) = try await destinatairesBanc(store: store, lignes: &lignes)
        lignes += try await resumes(store: store, config: config, now: now)
        for (k, v) in lignes { erreur("\(k) : \(v)") }
        lignes += try await pagesCollaborations(store: store, config: config, cfa: cfa, motDePasse: motDePasse)
        return lignes
    }

    /// One CFA request on every 10th case, a mission locale's comment on every 20th, a CFA's on every 40th, all in
    /// the last 24 hours; left as it is when the last day already holds that many events.
    func evenementsCollaboration(store: any StoreOuvert, now: Date) async throws -> [(String, String)] {
        let suivis = try await store.suivis(missionsLocales: nil).sorted { $0.id.rawValue < $1.id.rawValue }
        let deja = try await store.nouvellesSuivis(depuis: now.addingTimeInterval(-86_400), jusqua: now).count
        let voulus = suivis.count / 10 + suivis.count / 20 + suivis.count / 40
        guard deja < voulus / 2 else {
            return [
                ("collaborations du dernier jour (déjà présentes)", "\(deja) événements sur \(suivis.count) suivis")
            ]
        }
        let t = ContinuousClock.now
        var n = 0
        let demande = DemandeAccompagnement(
            toujoursAuCFA: true, maintenuEnFormation: false, cause: "Banc : désaccord avec l'employeur.",
            objectifs: [(.trouverEmployeur, "")])
        for (k, s) in suivis.enumerated() {
            // Spread over the last day, the oldest first.
            let le = now.addingTimeInterval(-86_000 + 80_000 * Double(k) / Double(max(1, suivis.count)))
            if k % 10 == 0 {
                _ = try await store.ajouter(
                    EvenementSuivi(
                        le: le, genre: .demandeCFA, auteur: "Banc CFA", organisation: "CFA (banc)",
                        rupture: s.ligne.rupture, demande: demande), a: s.id)
                n += 1
            }
            if k % 20 == 0 {
                _ = try await store.ajouter(
                    EvenementSuivi(
                        le: le + 60, genre: .commentaire, auteur: "Banc ML", organisation: "Mission locale (banc)",
                        commentaire: "Jeune contacté (banc)."), a: s.id)
                n += 1
            }
            if k % 40 == 0 {
                _ = try await store.ajouter(
                    EvenementSuivi(
                        le: le + 120, genre: .commentaire, auteur: "Banc CFA", organisation: "CFA (banc)",
                        commentaire: "Merci (banc).", organisationCFA: true), a: s.id)
                n += 1
            }
        }
        let duree = secondes(ContinuousClock.now - t)
        return [
            (
                "collaborations créées (dernier jour, les deux côtés)",
                "\(n) événements sur \(suivis.count) suivis en \(fmt(duree)) s"
            )
        ]
    }

    /// A user for every mission locale of the référentiel and every organisme with cases (made once), so that every
    /// digest has its recipients. Returns the organisme with the most cases and the users' password.
    func destinatairesBanc(store: any StoreOuvert, lignes: inout [(String, String)]) async throws
        -> (cfa: OrganismeID?, motDePasse: String)
    {
        let motDePasse = "Banc-Collaborations-2026-Aa1!"
        let hash = await SecretsServeur(coutBcrypt: 4).hacher(motDePasse: motDePasse)
        let parOrganisme = Dictionary(
            grouping: try await store.suivis(missionsLocales: nil), by: \.ligne.organisme
        ).mapValues(\.count)
        let t = ContinuousClock.now
        var crees = 0
        func creer(_ nouvelle: NouvelleOrganisation, _ email: String) async throws {
            // An organisation of the demo may exist already (its demo account): the bench's user is added to it.
            var org = try await store.organisationExistante(nouvelle)
            if org == nil { org = try await store.creerOrganisation(nouvelle, now: Date()) }
            guard let org, try await store.utilisateur(email: email) == nil else { return }
            _ = try await store.creerUtilisateur(
                NouvelUtilisateur(
                    email: email, nom: "Banc", prenom: "Agent", organisation: org.id, role: .membre, statut: .actif,
                    hashMotDePasse: hash), now: Date())
            crees += 1
        }
        for ml in try await store.missionsLocales() {
            try await creer(
                NouvelleOrganisation(type: .missionLocale, nom: "Banc \(ml.code)", missionLocale: ml.code),
                "banc-ml-\(ml.code.lowercased())@tdb.local")
        }
        for organisme in parOrganisme.keys.sorted(by: { $0.rawValue < $1.rawValue }) {
            try await creer(
                NouvelleOrganisation(
                    type: .organismeFormation, nom: "Banc CFA \(organisme.rawValue)", organisme: organisme),
                "banc-cfa-\(organisme.rawValue)@tdb.local")
        }
        let destinataires = try await store.destinatairesResumes().count
        lignes.append(
            (
                "destinataires des résumés (missions locales et CFA)",
                "\(destinataires) utilisateurs (\(crees) créés en \(fmt(secondes(ContinuousClock.now - t))) s)"
            ))
        return (parOrganisme.max { ($0.value, $1.key.rawValue) < ($1.value, $0.key.rawValue) }?.key, motDePasse)
    }

    /// Every daily digest and the weekly recap, built into the outbox by the jobs' code (three occurrences a few
    /// seconds apart, so each run is a full one), then each occurrence run again (nothing added).
    func resumes(store: any StoreOuvert, config: AppConfig, now: Date) async throws -> [(String, String)] {
        let base = Date(timeIntervalSince1970: now.timeIntervalSince1970.rounded(.down))
        var lignes: [(String, String)] = []
        let jobs: [(String, String, @Sendable (ContexteTache) async throws -> BilanTache)] = [
            (
                "résumé quotidien des missions locales", ResumesSuivis.missionLocale,
                {
                    try await ResumesSuivis.executer(ResumesSuivis.missionLocale, $0)
                }
            ),
            (
                "résumé quotidien des CFA", ResumesSuivis.cfa,
                { try await ResumesSuivis.executer(ResumesSuivis.cfa, $0) }
            ),
            (
                "récapitulatif hebdomadaire des missions locales", RecapitulatifHebdomadaire.nom,
                { [regles = config.reglesSuivi] in
                    try await RecapitulatifHebdomadaire.executer($0, regles: regles)
                }
            ),
        ]
        var totaux = [0.0, 0.0, 0.0]
        for (k, (libelle, nom, executer)) in jobs.enumerated() {
            var premiers: [Double] = []
            var seconds: [Double] = []
            var courriels = 0
            var encore = 0
            for tour in 0..<3 {
                let instant = base.addingTimeInterval(Double(tour))
                let ctx = ContexteTache(
                    store: store, occurrence: Occurrence(tache: nom, instant: instant), now: instant,
                    urlPublique: config.urlPublique)
                var t = ContinuousClock.now
                let bilan = try await executer(ctx)
                premiers.append(secondes(ContinuousClock.now - t))
                courriels = bilan.comptes["courriels"] ?? 0
                t = ContinuousClock.now
                encore += try await executer(ctx).comptes["courriels"] ?? 0
                seconds.append(secondes(ContinuousClock.now - t))
            }
            premiers.sort()
            seconds.sort()
            totaux[k] = premiers[1]
            lignes.append(
                (
                    "\(libelle), exécution complète (médiane / max"
                        + (k < 2 ? " ; cible ≤ \(fmt(Self.cibleResumes)) s à eux deux)" : ")"),
                    "\(fmt(premiers[1])) s / \(fmt(premiers[2])) s — \(courriels) e-mails"
                ))
            lignes.append(
                (
                    "  la même occurrence relancée (rien d'ajouté)",
                    "\(fmt(seconds[1])) s / \(fmt(seconds[2])) s — \(encore) e-mail(s) ajouté(s)"
                ))
        }
        let tous = totaux[0] + totaux[1]
        lignes.append(
            (
                "tous les résumés quotidiens (cible ≤ \(fmt(Self.cibleResumes)) s)",
                "\(fmt(tous)) s — \(tous <= Self.cibleResumes ? "cible tenue" : "CIBLE MANQUÉE")"
            ))
        return lignes
    }

    /// The CFA with the most cases: its list and one of its case pages; the mission locale's page of the same case.
    func pagesCollaborations(store: any StoreOuvert, config base: AppConfig, cfa: OrganismeID?, motDePasse: String)
        async throws -> [(String, String)]
    {
        let siens = try await store.suivis(missionsLocales: nil).filter { $0.ligne.organisme == cfa }
        guard let s = siens.first(where: { $0.demandeCFALe != nil }) ?? siens.first, let cfa,
            let code = s.ligne.missionLocale
        else { return [("pages des collaborations", "aucun suivi dans la base")] }
        return try await avecServeur(store: store, config: base) { port in
            let cible = "cible ≤ \(fmt(Self.ciblePages)) ms"
            return try await pages(
                port: port, email: "banc-cfa-\(cfa.rawValue)@tdb.local", motDePasse: motDePasse,
                chemins: [
                    ("/cfa/ruptures du CFA le plus chargé (médiane / max ; \(cible))", "/cfa/ruptures"),
                    ("fiche d'un jeune côté CFA (\(cible))", "/cfa/ruptures/\(s.ligne.effectif)"),
                ])
                + pages(
                    port: port, email: "banc-ml-\(code.lowercased())@tdb.local", motDePasse: motDePasse,
                    chemins: [("fiche du même jeune côté mission locale (\(cible))", "/mission-locale/suivis/\(s.id)")])
        }
    }
}
