import Domain
import Foundation
import Outils
import TestSupport
import Testing

/// Issue 16 on every backend: a company's request is stored waiting for its confirmation, confirmed once by the
/// hash of its token (never after expiry), then handled with a versioned history; each CFA reads its own; the
/// statistics read the dates back.
struct StoreContractDemandesEntreprisesTests {
    let contrat = StoreContractTests()
    var now: Date { contrat.now }

    static func demande(_ entreprise: String = "Maçonnerie Dubois", email: String = "paul@exemple.fr")
        -> DemandeContact
    {
        DemandeContact(
            entreprise: entreprise, siret: SIRET("73282932000074")!, contact: "Paul Dubois", email: email,
            telephone: "0478123456", rome: "F1703", metier: "Maçon", postes: 2, debut: j("2025-01-06"),
            message: "Chantiers autour de Lyon.")
    }

    func confirmation(_ le: Date) -> EvenementDemande {
        EvenementDemande(le: le, genre: .confirmation, auteur: "L'entreprise")
    }

    @Test(arguments: Backend.actifs) func aRequestReachesItsCFAOnlyOnceConfirmed(_ backend: Backend) async throws {
        try await backend.avecStore { store in
            let (amiens, abbeville, lyon) = try await contrat.peuple(store)
            let expire = now.addingTimeInterval(DemandesEntreprises.dureeLien)
            let id = try await store.enregistrer(
                demande: Self.demande(), organisme: amiens.id, hashJeton: "h1", expireLe: expire, now: now)
            // Unconfirmed: in no inbox, in no statistics.
            #expect(try await store.demandeEntreprise(id: id) == nil)
            #expect(try await store.demandesEntreprises(organismes: [amiens.id]).isEmpty)
            #expect(try await store.nombreDemandesNouvelles(organismes: [amiens.id]) == 0)
            #expect(try await store.faitsDemandes(organismes: nil, depuis: .distantPast).isEmpty)

            #expect(try await store.confirmerDemande(hashJeton: "inconnu", evenement: confirmation(now)) == .inconnue)
            let le = now.addingTimeInterval(3_600)
            guard
                case .confirmee(let d) = try await store.confirmerDemande(hashJeton: "h1", evenement: confirmation(le))
            else {
                Issue.record("not confirmed")
                return
            }
            #expect(d.id == id && d.organisme == amiens.id && d.contenu == Self.demande())
            #expect(d.statut == .nouvelle && d.confirmeeLe == le && d.version == 0 && d.premiereReponseLe == nil)
            // A second click changes nothing.
            guard
                case .dejaConfirmee(let encore) = try await store.confirmerDemande(
                    hashJeton: "h1", evenement: confirmation(le.addingTimeInterval(60)))
            else {
                Issue.record("confirmed twice")
                return
            }
            #expect(encore.confirmeeLe == le)
            #expect(try await store.evenements(demande: id).map(\.genre) == [.confirmation])
            #expect(try await store.demandeEntreprise(id: id) == d)
            #expect(try await store.demandesEntreprises(organismes: [amiens.id]) == [d])
            #expect(try await store.demandesEntreprises(organismes: [abbeville.id, lyon.id]).isEmpty)
            #expect(try await store.nombreDemandesNouvelles(organismes: [amiens.id, abbeville.id]) == 1)
            #expect(try await store.nombreDemandesNouvelles(organismes: [lyon.id]) == 0)

            // An expired link confirms nothing.
            let autre = try await store.enregistrer(
                demande: Self.demande("Boulangerie"), organisme: lyon.id, hashJeton: "h2",
                expireLe: now.addingTimeInterval(60), now: now)
            #expect(
                try await store.confirmerDemande(hashJeton: "h2", evenement: confirmation(now.addingTimeInterval(61)))
                    == .expiree)
            #expect(try await store.demandeEntreprise(id: autre) == nil)
            // A week after its expiry, the next request drops it: the link is then unknown.
            _ = try await store.enregistrer(
                demande: Self.demande("Garage"), organisme: lyon.id, hashJeton: "h3",
                expireLe: now.addingTimeInterval(8 * 86_400 + DemandesEntreprises.dureeLien),
                now: now.addingTimeInterval(8 * 86_400))
            #expect(
                try await store.confirmerDemande(hashJeton: "h2", evenement: confirmation(now.addingTimeInterval(61)))
                    == .inconnue)
        }
    }

    @Test(arguments: Backend.actifs) func statusesAndRepliesAreVersionedAndCounted(_ backend: Backend) async throws {
        try await backend.avecStore { store in
            let (amiens, _, lyon) = try await contrat.peuple(store)
            var ids: [DemandeEntrepriseID] = []
            for (k, o) in [amiens.id, amiens.id, lyon.id].enumerated() {
                let id = try await store.enregistrer(
                    demande: Self.demande("E\(k)"), organisme: o, hashJeton: "h\(k)",
                    expireLe: now.addingTimeInterval(86_400), now: now)
                _ = try await store.confirmerDemande(
                    hashJeton: "h\(k)", evenement: confirmation(now.addingTimeInterval(Double(k) * 60)))
                ids.append(id)
            }
            // Latest confirmed first.
            #expect(try await store.demandesEntreprises(organismes: [amiens.id]).map(\.id) == [ids[1], ids[0]])

            let reponse = EvenementDemande(
                le: now.addingTimeInterval(7_200), genre: .reponse, auteur: "Cécile (cfa@amiens.test)",
                statut: .enCours, texte: "Bonjour, nous vous rappelons demain.")
            #expect(
                try await store.enregistrer(evenement: reponse, demande: ids[0], versionLue: 0) == .fait(version: 1))
            // A save from a stale page is refused with who saved last.
            let tardif = EvenementDemande(
                le: now.addingTimeInterval(7_300), genre: .statut, auteur: "Autre", statut: .sansSuite)
            #expect(
                try await store.enregistrer(evenement: tardif, demande: ids[0], versionLue: 0)
                    == .conflit(auteur: "Cécile (cfa@amiens.test)", le: now.addingTimeInterval(7_200)))
            let pourvue = EvenementDemande(
                le: now.addingTimeInterval(86_400), genre: .statut, auteur: "Cécile (cfa@amiens.test)", statut: .pourvue
            )
            #expect(
                try await store.enregistrer(evenement: pourvue, demande: ids[0], versionLue: 1) == .fait(version: 2))
            let autreReponse = EvenementDemande(
                le: now.addingTimeInterval(90_000), genre: .reponse, auteur: "Cécile (cfa@amiens.test)",
                texte: "Merci !")
            #expect(
                try await store.enregistrer(evenement: autreReponse, demande: ids[0], versionLue: 2)
                    == .fait(version: 3))
            let d = try #require(try await store.demandeEntreprise(id: ids[0]))
            #expect(d.statut == .pourvue && d.version == 3)
            #expect(d.premiereReponseLe == now.addingTimeInterval(7_200))
            #expect(try await store.evenements(demande: ids[0]) == [confirmation(now), reponse, pourvue, autreReponse])
            #expect(try await store.nombreDemandesNouvelles(organismes: [amiens.id]) == 1)
            // Unknown or unconfirmed requests take no event.
            #expect(
                try await store.enregistrer(evenement: pourvue, demande: DemandeEntrepriseID(999), versionLue: 0)
                    == .inconnue)

            // The statistics' facts: every confirmed request, by organisme when asked.
            let faits = try await store.faitsDemandes(organismes: nil, depuis: now)
            #expect(faits.count == 3)
            #expect(
                faits.first
                    == FaitsDemande(
                        organisme: amiens.id, confirmeeLe: now, premiereReponseLe: now.addingTimeInterval(7_200),
                        pourvueLe: now.addingTimeInterval(86_400)))
            #expect(try await store.faitsDemandes(organismes: [lyon.id], depuis: now).map(\.organisme) == [lyon.id])
            #expect(try await store.faitsDemandes(organismes: nil, depuis: now.addingTimeInterval(61)).count == 1)
            let stats = try await store.statistiquesDemandes(organismes: [amiens.id], depuis: .distantPast)
            #expect(stats.map(\.envoyees).reduce(0, +) == 2 && stats.map(\.repondues).reduce(0, +) == 1)
            #expect(stats.map(\.pourvues).reduce(0, +) == 1)
            #expect(stats.compactMap(\.delaiMedianPremiereReponse) == [7_200])

            // Leaving « pourvue » takes it out of the filled ones.
            let rouverte = EvenementDemande(
                le: now.addingTimeInterval(100_000), genre: .statut, auteur: "Cécile", statut: .enCours)
            #expect(
                try await store.enregistrer(evenement: rouverte, demande: ids[0], versionLue: 3) == .fait(version: 4))
            #expect(try await store.faitsDemandes(organismes: [amiens.id], depuis: now).first?.pourvueLe == nil)
        }
    }
}
