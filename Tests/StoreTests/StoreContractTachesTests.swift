import Domain
import Foundation
import TestSupport
import Testing

/// The job runner's rows, the outbox's keys and HTML, and the notification preferences, on every backend.
struct StoreContractTachesTests {
    let now = Date(timeIntervalSince1970: 1_796_000_000)
    var occurrence: Occurrence { Occurrence(tache: "alerte-transmission", instant: now) }

    func execution(_ o: Occurrence, _ titulaire: String, _ resultat: ResultatTache, debut: Date) -> ExecutionTache {
        ExecutionTache(
            tache: o.tache, occurrence: o.instant, titulaire: titulaire, debut: debut,
            fin: debut.addingTimeInterval(2), resultat: resultat, message: resultat == .ok ? "2 e-mails" : "panne",
            comptes: resultat == .ok ? ["courriels": 2] : [:])
    }

    @Test(arguments: Backend.actifs) func aLeaseIsTakenByOneHolderUntilItExpires(_ backend: Backend) async throws {
        try await backend.avecStore { store in
            let o = occurrence
            #expect(try await store.prendreBail(o, titulaire: "A", expireLe: now + 300, now: now))
            #expect(!(try await store.prendreBail(o, titulaire: "B", expireLe: now + 310, now: now + 10)))
            // A also cannot take it twice: a lease is taken, then extended.
            #expect(!(try await store.prendreBail(o, titulaire: "A", expireLe: now + 310, now: now + 10)))
            #expect(try await store.prolongerBail(o, titulaire: "A", expireLe: now + 600))
            #expect(!(try await store.prolongerBail(o, titulaire: "B", expireLe: now + 900)))
            #expect(!(try await store.prendreBail(o, titulaire: "B", expireLe: now + 900, now: now + 400)))
            // A dies: its lease expires, B takes it over; A can no longer extend it.
            #expect(try await store.prendreBail(o, titulaire: "B", expireLe: now + 900, now: now + 600))
            #expect(!(try await store.prolongerBail(o, titulaire: "A", expireLe: now + 1200)))
            // Another occurrence of the same job, or another job, is another lease.
            let demain = Occurrence(tache: o.tache, instant: now + 86_400)
            #expect(try await store.prendreBail(demain, titulaire: "A", expireLe: now + 300, now: now))
            #expect(
                try await store.prendreBail(
                    Occurrence(tache: "purge-donnees", instant: now), titulaire: "A", expireLe: now + 300, now: now))
            // Released: taken again at once.
            try await store.libererBail(o, titulaire: "B")
            #expect(try await store.prendreBail(o, titulaire: "C", expireLe: now + 1300, now: now + 700))
        }
    }

    @Test(arguments: Backend.actifs) func aCompletedOccurrenceIsNeverTakenAgain(_ backend: Backend) async throws {
        try await backend.avecStore { store in
            let o = occurrence
            #expect(try await store.prendreBail(o, titulaire: "A", expireLe: now + 300, now: now))
            try await store.enregistrer(execution: execution(o, "A", .echec, debut: now))
            #expect(!(try await store.occurrenceTerminee(o)))
            _ = try await store.prolongerBail(o, titulaire: "A", expireLe: now + 60)
            #expect(try await store.prendreBail(o, titulaire: "B", expireLe: now + 400, now: now + 100))
            try await store.enregistrer(execution: execution(o, "B", .ok, debut: now + 100))
            #expect(try await store.occurrenceTerminee(o))
            #expect(!(try await store.prendreBail(o, titulaire: "C", expireLe: now + 9_000, now: now + 8_000)))
            #expect(!(try await store.prolongerBail(o, titulaire: "B", expireLe: now + 9_000)))
            let runs = try await store.executions(tache: o.tache, limite: 10)
            #expect(runs.map(\.titulaire) == ["B", "A"] && runs.map(\.resultat) == [.ok, .echec])
            #expect(runs.first == execution(o, "B", .ok, debut: now + 100))
            #expect(runs.last?.message == "panne" && runs.last?.comptes == [:])
        }
    }

    @Test(arguments: Backend.actifs) func runsAreListedMostRecentFirst(_ backend: Backend) async throws {
        try await backend.avecStore { store in
            for i in 0..<3 {
                let o = Occurrence(tache: i == 1 ? "purge-donnees" : "alerte-transmission", instant: now + Double(i))
                try await store.enregistrer(execution: execution(o, "A", .ok, debut: now + Double(i)))
            }
            #expect(
                try await store.executions(tache: nil, limite: 10).map(\.tache) == [
                    "alerte-transmission", "purge-donnees", "alerte-transmission",
                ])
            #expect(try await store.executions(tache: "purge-donnees", limite: 10).count == 1)
            #expect(try await store.executions(tache: nil, limite: 2).count == 2)
            #expect(try await store.executions(tache: "inconnue", limite: 10).isEmpty)
            // A successful run completes its occurrence even without a lease row (a run recorded by hand).
            #expect(try await store.occurrenceTerminee(Occurrence(tache: "purge-donnees", instant: now + 1)))
        }
    }

    @Test(arguments: Backend.actifs) func severalRacersGetTheLeaseOnce(_ backend: Backend) async throws {
        try await backend.avecStore { store in
            let o = occurrence
            let gagnants = try await withThrowingTaskGroup(of: Bool.self) { groupe in
                for i in 0..<8 {
                    groupe.addTask { try await store.prendreBail(o, titulaire: "I\(i)", expireLe: now + 300, now: now) }
                }
                return try await groupe.reduce(0) { $0 + ($1 ? 1 : 0) }
            }
            #expect(gagnants == 1)
        }
    }

    @Test(arguments: Backend.actifs) func aKeyedMailIsAddedOnceWithItsHTML(_ backend: Backend) async throws {
        try await backend.avecStore { store in
            let m = NouveauCourriel(
                destinataire: "lea@cfa.fr", sujet: "Alerte", corps: "texte", html: "<p>html</p>",
                cle: "alerte-transmission/organisme-1/o1/lea@cfa.fr")
            #expect(try await store.ajouterCourriel(m, now: now))
            #expect(!(try await store.ajouterCourriel(m, now: now + 5)))
            var autre = m
            autre.cle = "alerte-transmission/organisme-1/o2/lea@cfa.fr"
            #expect(try await store.ajouterCourriel(autre, now: now + 10))
            // Mails without key (accounts' messages) are never merged.
            try await store.ajouterCourriel(destinataire: "x@cfa.fr", sujet: "s", corps: "c", now: now)
            try await store.ajouterCourriel(destinataire: "x@cfa.fr", sujet: "s", corps: "c", now: now)
            let tous = try await store.courriels(limite: 10)
            #expect(tous.count == 4)
            let premier = try #require(tous.last { $0.cle == m.cle })
            #expect(premier.html == "<p>html</p>" && premier.corps == "texte" && premier.creeLe == now)
            #expect(tous.filter { $0.cle == nil }.allSatisfy { $0.html == nil })
            let cles = try await store.courrielsParCle(prefixe: "alerte-transmission/organisme-1/")
            #expect(cles.map(\.cle) == [m.cle, autre.cle].compactMap { $0 })
            #expect(cles.map(\.creeLe) == [now, now + 10])
            #expect(try await store.courrielsParCle(prefixe: "alerte-transmission/organisme-10").isEmpty)
            #expect(try await store.courrielsParCle(prefixe: "alerte-transmission/organisme-1_").isEmpty)
            try await store.marquerEnvoye(courriel: premier.id, le: now + 20, corps: "texte envoyé", html: nil)
            let envoye = try #require(try await store.courriels(limite: 10).first { $0.id == premier.id })
            #expect(envoye.envoyeLe == now + 20 && envoye.html == nil && envoye.corps == "texte envoyé")
        }
    }

    @Test(arguments: Backend.actifs) func preferencesAndAdministratorsOfOrganismes(_ backend: Backend) async throws {
        try await backend.avecStore { store in
            let lu = ImportOrganismes.lire(FichierCSV(texte: OrganismesDeTest.csv))
            _ = try await store.importer(organismes: lu.organismes)
            let amiens = try #require(try await store.organisme(cle: OrganismesDeTest.amiens))
            let cfa = try await store.creerOrganisation(
                NouvelleOrganisation(type: .organismeFormation, nom: "CFA de la Somme", organisme: amiens.id),
                now: now)
            let dreets = try await store.creerOrganisation(
                NouvelleOrganisation(type: .dreets, nom: "DREETS", region: "32"), now: now)
            func compte(_ email: String, _ o: Organisation, _ role: Role, _ statut: StatutCompte = .actif)
                async throws -> Utilisateur
            {
                try await store.creerUtilisateur(
                    NouvelUtilisateur(
                        email: email, nom: "N", prenom: "P", organisation: o.id, role: role, statut: statut,
                        hashMotDePasse: "h"), now: now)
            }
            let admin = try await compte("admin@cfa.fr", cfa, .administrateur)
            _ = try await compte("membre@cfa.fr", cfa, .membre)
            _ = try await compte("suspendu@cfa.fr", cfa, .administrateur, .suspendu)
            _ = try await compte("admin@dreets.fr", dreets, .administrateur)
            let parOrganisme = try await store.administrateursDesOrganismes()
            #expect(parOrganisme.count == 1 && parOrganisme[amiens.id]?.map(\.email) == ["admin@cfa.fr"])

            #expect(try await store.preferencesNotifications(utilisateur: admin.id) == [:])
            #expect(try await store.veutNotification(.alerteTransmission, utilisateur: admin.id))
            try await store.definir(notification: .alerteTransmission, active: false, utilisateur: admin.id)
            #expect(!(try await store.veutNotification(.alerteTransmission, utilisateur: admin.id)))
            #expect(try await store.veutNotification(.resumeQuotidienCFA, utilisateur: admin.id))
            try await store.definir(notification: .resumeQuotidienCFA, active: true, utilisateur: admin.id)
            #expect(
                try await store.preferencesNotifications(utilisateur: admin.id) == [
                    .alerteTransmission: false, .resumeQuotidienCFA: true,
                ])
            try await store.definir(notification: .alerteTransmission, active: true, utilisateur: admin.id)
            #expect(try await store.veutNotification(.alerteTransmission, utilisateur: admin.id))
        }
    }
}
