import App
import Domain
import Foundation
import Logging
import Outils
import SQLiteStore
import TestSupport
import Testing
import Web

/// The job runner with the real transmission alert: two instances on one database (two SQLite connection pools on one
/// file; two PostgreSQL pools on one database when `DATABASE_URL` names a server) race for the same occurrence.
@Suite(.serialized)
struct OrdonnanceurTachesTests {
    /// Monday 30 November 2026, 08:30 in Paris: the 08:00 alert is due.
    static let maintenant = Date(
        timeIntervalSince1970: Double(Int(Jour(iso: "2026-11-30")!.rawValue) * 86_400 + 27_000))
    static let url = "https://tdb.test"
    /// A learner of the school year 2026-2027.
    static let anneeEnCours: [String: JSONValue?] = [
        "annee_scolaire": .string("2026-2027"), "date_inscription_formation": .string("2026-06-20"),
        "date_entree_formation": .string("2026-09-01"), "date_fin_formation": .string("2028-06-30"),
    ]

    /// Two stores of one fresh database, as two instances of the service have.
    func avecDeuxInstances(_ backend: Backend, _ corps: (any Store, any Store) async throws -> Void) async throws {
        let base = try await backend.nouvelleBase()
        switch backend {
        case .sqlite:
            try await corps(try SQLiteStore(path: base), try SQLiteStore(path: base))
        case .postgresql:
            let config = try AppConfig.depuis(environnement: ["DATABASE_URL": base])
            try await avecStore(config) { a in try await avecStore(config) { b in try await corps(a, b) } }
        }
    }

    /// Amiens transmitted 40 days ago; its organisation has one administrator (and a member, who gets nothing).
    func preparer(_ store: any Store) async throws -> OrganismeID {
        let lu = ImportOrganismes.lire(FichierCSV(texte: OrganismesDeTest.csv))
        _ = try await store.importer(organismes: lu.organismes)
        let amiens = try #require(try await store.organisme(cle: OrganismesDeTest.amiens))
        let lyon = try #require(try await store.organisme(cle: OrganismesDeTest.lyon))
        _ = try await Ingestion(store: store, horloge: .fixed(Self.maintenant.addingTimeInterval(-40 * 86_400)))
            .traiter([item(Self.anneeEnCours)], transmetteur: amiens.id, cleApi: nil)
        // Lyon transmitted yesterday: not concerned.
        _ = try await Ingestion(store: store, horloge: .fixed(Self.maintenant.addingTimeInterval(-86_400)))
            .traiter(
                [
                    item(
                        Self.anneeEnCours.merging([
                            "etablissement_responsable_uai": .string("0691234B"),
                            "etablissement_responsable_siret": .string("44444444400011"),
                            "etablissement_formateur_uai": .string("0691234B"),
                            "etablissement_formateur_siret": .string("44444444400011"),
                        ]) { $1 })
                ], transmetteur: lyon.id, cleApi: nil)
        for (organisme, nom) in [(amiens.id, "CFA de la Somme"), (lyon.id, "CFA du Rhône")] {
            let o = try await store.creerOrganisation(
                NouvelleOrganisation(type: .organismeFormation, nom: nom, organisme: organisme), now: Self.maintenant)
            for (email, role) in [("admin", Role.administrateur), ("membre", .membre)] {
                _ = try await store.creerUtilisateur(
                    NouvelUtilisateur(
                        email: "\(email)@\(organisme.rawValue).cfa.test", nom: "Martin", prenom: "Léa",
                        organisation: o.id, role: role, statut: .actif, hashMotDePasse: "x"), now: Self.maintenant)
            }
        }
        return amiens.id
    }

    func runner(_ store: any Store, _ instance: String, _ now: Date) -> OrdonnanceurTaches {
        OrdonnanceurTaches(
            taches: TableDesTaches.taches(
                store: store, horloge: .fixed(now), config: AppConfig(), logger: Logger(label: "test")
            ).filter { $0.nom == AlerteTransmission.nom },
            executeur: ExecuteurTaches(store: store, horloge: .fixed(now), titulaire: instance, urlPublique: Self.url),
            logger: Logger(label: "test"))
    }

    @Test(arguments: Backend.actifs) func twoInstancesRunTheOccurrenceOnceAndSendOneMail(_ backend: Backend)
        async throws
    {
        try await avecDeuxInstances(backend) { a, b in
            let amiens = try await preparer(a)
            async let premier = runner(a, "instance-1", Self.maintenant).passer()
            async let second = runner(b, "instance-2", Self.maintenant).passer()
            let issues = [await premier, await second].compactMap { $0[AlerteTransmission.nom] }
            #expect(issues.count == 2)
            let executees = issues.compactMap { if case .executee(let e) = $0 { e } else { nil } }
            #expect(executees.count == 1 && executees.first?.resultat == .ok, "\(issues)")
            #expect(issues.contains { $0 == .priseAilleurs || $0 == .dejaFaite })
            let runs = try await b.executions(tache: nil, limite: 10)
            #expect(runs.count == 1)
            #expect(runs.first?.comptes["courriels"] == 1 && runs.first?.comptes["organismes_silencieux"] == 1)
            // 08:00 in Paris, 07:00 UTC.
            #expect(runs.first.map { horodatageISO($0.occurrence) } == "2026-11-30T07:00:00.000Z")
            var courriels = try await a.courriels(limite: 10)
            #expect(courriels.map(\.destinataire) == ["admin@\(amiens.rawValue).cfa.test"])
            let c = try #require(courriels.first)
            #expect(c.sujet == "CFA de la Somme : aucune transmission d'effectifs depuis 40 jours")
            #expect(c.corps.contains("https://tdb.test/mon-compte/notifications") && !c.corps.contains("Rhône"))
            #expect(c.html?.contains("href=\"https://tdb.test/mon-compte/notifications\"") == true)
            let occurrence = Occurrence(tache: AlerteTransmission.nom, instant: try #require(runs.first).occurrence)
            #expect(c.cle == AlerteTransmission.cle(amiens, occurrence, c.destinataire))

            // Later passes of both: the occurrence completed, nothing runs, nothing is sent.
            #expect(await runner(a, "instance-1", Self.maintenant + 60).passer()[AlerteTransmission.nom] == .dejaFaite)
            #expect(await runner(b, "instance-2", Self.maintenant + 90).passer()[AlerteTransmission.nom] == .dejaFaite)
            // Tomorrow's occurrence runs, but the alert is monthly: no new mail.
            let demain = Self.maintenant + 86_400
            guard case .executee(let e) = await runner(b, "instance-2", demain).passer()[AlerteTransmission.nom] else {
                Issue.record("tomorrow's occurrence did not run")
                return
            }
            #expect(e.resultat == .ok && e.comptes["courriels"] == 0)
            #expect(try await a.courriels(limite: 10).count == 1)
            // 30 days later, the alert is sent again.
            let mois = Self.maintenant + 30 * 86_400
            _ = await runner(a, "instance-1", mois).passer()
            courriels = try await b.courriels(limite: 10)
            // Amiens again; Lyon, silent for 31 days now, for the first time.
            #expect(
                Set(courriels.map(\.sujet)) == [
                    "CFA de la Somme : aucune transmission d'effectifs depuis 40 jours",
                    "CFA de la Somme : aucune transmission d'effectifs depuis 70 jours",
                    "CFA du Rhône : aucune transmission d'effectifs depuis 31 jours",
                ])
            #expect(try await a.executions(tache: AlerteTransmission.nom, limite: 10).count == 3)
        }
    }

    @Test(arguments: Backend.actifs) func aRunCutShortIsRunAgainWithoutSendingTwice(_ backend: Backend) async throws {
        try await avecDeuxInstances(backend) { a, b in
            _ = try await preparer(a)
            let occurrence = Occurrence(
                tache: AlerteTransmission.nom,
                instant: Planification.quotidienne(heure: 8, minute: 0).occurrence(auPlusTard: Self.maintenant))
            // Instance 1 takes the lease, writes the mail, and dies before recording its run.
            #expect(
                try await a.prendreBail(
                    occurrence, titulaire: "instance-1", expireLe: Self.maintenant + 300, now: Self.maintenant))
            _ = try await AlerteTransmission().executer(
                ContexteTache(store: a, occurrence: occurrence, now: Self.maintenant, urlPublique: Self.url))
            #expect(try await a.courriels(limite: 10).count == 1)
            // While its lease lasts, instance 2 leaves the occurrence alone.
            #expect(
                await runner(b, "instance-2", Self.maintenant + 60).passer()[AlerteTransmission.nom] == .priseAilleurs)
            // The lease expired: instance 2 runs the occurrence again; the mail, already in the outbox, is not added.
            guard
                case .executee(let e) = await runner(b, "instance-2", Self.maintenant + 301).passer()[
                    AlerteTransmission.nom]
            else {
                Issue.record("the occurrence was not run again")
                return
            }
            #expect(e.resultat == .ok && e.comptes["courriels"] == 0 && e.titulaire == "instance-2")
            #expect(try await b.courriels(limite: 10).count == 1)
            #expect(try await b.executions(tache: nil, limite: 10).count == 1)
        }
    }

    @Test func aFailedRunIsRecordedAndTriedAgainLater() async throws {
        try await avecDeuxInstances(.sqlite) { a, _ throws in
            let compteur = CompteurDEssais()
            let tache = Tache(nom: "fragile", libelle: "échoue une fois", planification: .toutesLesMinutes(60)) { _ in
                if await compteur.incrementer() == 1 { throw ErreurDeTest(description: "panne du relais") }
                return BilanTache(comptes: ["n": 1], message: "réussie au second essai")
            }
            func passer(_ now: Date) async -> ExecuteurTaches.Issue? {
                await OrdonnanceurTaches(
                    taches: [tache],
                    executeur: ExecuteurTaches(store: a, horloge: .fixed(now), titulaire: "i", urlPublique: Self.url),
                    logger: Logger(label: "test")
                ).passer()["fragile"]
            }
            guard case .executee(let echec) = await passer(Self.maintenant) else {
                Issue.record("not run")
                return
            }
            #expect(echec.resultat == .echec && echec.message == "panne du relais")
            // Not before 15 minutes.
            #expect(await passer(Self.maintenant + 600) == .priseAilleurs)
            guard case .executee(let ok) = await passer(Self.maintenant + 901) else {
                Issue.record("not tried again")
                return
            }
            #expect(ok.resultat == .ok && ok.message == "réussie au second essai")
            #expect(try await a.executions(tache: "fragile", limite: 5).map(\.resultat) == [.ok, .echec])
        }
    }
}

struct ErreurDeTest: Error, CustomStringConvertible {
    let description: String
}

actor CompteurDEssais {
    var n = 0
    func incrementer() -> Int {
        n += 1
        return n
    }
}
