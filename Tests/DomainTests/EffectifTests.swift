import Domain
import Foundation
import Outils
import TestSupport
import Testing

struct EffectifTests {
    let now = Date(timeIntervalSince1970: 1_730_000_000)
    let later = Date(timeIntervalSince1970: 1_740_000_000)

    func effectif(_ v: JSONValue, at date: Date? = nil) throws -> Effectif {
        guard case .valide(let d) = DecodeurDossier.decoder(v) else { throw CancellationError() }
        return Effectif(
            dossier: d, formateur: OrganismeID(1), responsable: OrganismeID(1), source: .erp,
            transmetteur: OrganismeID(1), now: date ?? now)
    }

    @Test func validPayloadBecomesTheExpectedEffectif() throws {
        let e = try effectif(json(dossierValideExemple))
        #expect(e.formation.rncp == "RNCP35316")
        #expect(e.apprenant.nom == "MARTIN")
        #expect(e.apprenant.telephone == "0628000000")
        #expect(
            e.contrats == [
                Effectif.Contrat(
                    dateDebut: j("2024-10-01"), dateFin: j("2026-08-31"), dateRupture: nil,
                    causeRupture: nil, siret: "55212022200013")
            ])
        #expect(e.formation.dureeTheoriqueMois == 24)
        #expect(e.formation.dureeFormationRelle == 22)
        #expect(e.parcours.etapes == etapes("2024-09-02 INSCRIT, 2024-10-01 APPRENTI, 2026-06-30 FIN_DE_FORMATION"))
        #expect(e.apprenant.historiqueStatut.map(\.valeurStatut) == [3])
    }

    @Test func storedFormRoundTrips() throws {
        var e = try effectif(json(dossierValideExemple))
        e.formation.referentHandicap = .init(nom: nil, prenom: "Ana", email: "ana@example.org")
        e.apprenant.adresseNaissance = .init(complete: nil, codePostal: "75012", codeInsee: nil)
        let text = JSONTexte.ecrire(e.json)
        #expect(text.contains(#""date_de_naissance":"2006-04-12""#))
        #expect(try Effectif(json: AnalyseurJSON.analyser(text)) == e)
        let p = e.parcours
        #expect(try Parcours(json: AnalyseurJSON.analyser(JSONTexte.ecrire(p.json))) == p)
        #expect(try Parcours(texte: JSONTexte.ecrire(p.json)) == p)
        #expect(try Parcours(texte: "[]") == Parcours([]))
    }

    @Test func statutZeroWithBusinessDateIsAnExclusion() throws {
        let e = try effectif(
            item([
                "statut_apprenant": .number(0), "date_metier_mise_a_jour_statut": .string("2025-01-15"),
                "date_fin_formation": .string("2025-06-30"), "contrat_date_debut": .string("2024-09-16"),
                "contrat_date_fin": .string("2025-06-30"),
            ]))
        #expect(e.formation.dateExclusion == j("2025-01-15"))
        #expect(e.parcours.etapes == etapes("2024-09-02 INSCRIT, 2024-09-16 APPRENTI, 2025-01-15 ABANDON"))
    }

    @Test func contractsWithoutAnyDateAreDropped() throws {
        let e = try effectif(
            item(["siret_employeur_2": .string("55212022200013"), "contrat_date_debut": .string("2024-10-01")]))
        #expect(e.contrats.count == 1)
    }

    @Test func yearsOfDurationBecomeMonths() throws {
        #expect(try effectif(item(["duree_theorique_formation": .number(2)])).formation.dureeTheoriqueMois == 24)
    }

    @Test func mergeKeepsWhatTheNewTransmissionOmitsAndReplacesContracts() throws {
        let first = try effectif(
            item([
                "email_contact": .string("lea@example.org"), "date_exclusion_formation": .string("2025-03-01"),
                "contrat_date_debut": .string("2024-10-01"), "adresse_apprenant": .string("1 rue A"),
            ]))
        let second = try effectif(
            item([
                "adresse_apprenant": .string(""), "nom_apprenant": .string("Martin-Dupont"),
                "contrat_date_debut": .string("2024-09-02"),
            ]), at: later)
        let merged = first.fusionne(avec: second, now: later)
        #expect(merged.apprenant.courriel == "lea@example.org")
        #expect(merged.apprenant.adresse?.complete == "1 rue A")
        #expect(merged.apprenant.nom == "MARTIN-DUPONT")
        #expect(merged.formation.dateExclusion == j("2025-03-01"))
        #expect(merged.contrats.map(\.dateDebut) == [j("2024-09-02")])
        #expect(merged.createdAt == now)
        #expect(merged.updatedAt == later)
        // The timeline is rebuilt from the merged record (deliberate difference #7): the exclusion still counts.
        #expect(merged.parcours.etapes.last == EtapeParcours(date: j("2025-03-01"), valeur: .abandon))
    }

    @Test func anEmptyContractListWipesTheStoredContracts() throws {
        let first = try effectif(item(["contrat_date_debut": .string("2024-10-01")]))
        let merged = first.fusionne(avec: try effectif(item(), at: later), now: later)
        #expect(merged.contrats.isEmpty)
    }

    @Test func statusHistoryAppendsAndOlderDatesRewriteTheEnd() {
        typealias H = Effectif.StatutHistorique
        let h = [
            H(valeurStatut: 2, dateStatut: j("2024-09-01"), dateReception: now),
            H(valeurStatut: 3, dateStatut: j("2024-10-01"), dateReception: now),
            H(valeurStatut: 2, dateStatut: j("2025-01-10"), dateReception: now),
        ]
        #expect(h.ajoutant(H(valeurStatut: 3, dateStatut: j("2024-10-01"), dateReception: later)) == h)
        let rewritten = h.ajoutant(H(valeurStatut: 0, dateStatut: j("2024-11-01"), dateReception: later))
        #expect(rewritten.map(\.valeurStatut) == [2, 3, 0])
        let appended = h.ajoutant(H(valeurStatut: 3, dateStatut: j("2025-02-01"), dateReception: later))
        #expect(appended.map(\.valeurStatut) == [2, 3, 2, 3])
    }
}
