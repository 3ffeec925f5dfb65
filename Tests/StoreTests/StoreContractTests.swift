import Domain
import Foundation
import Outils
import SQLiteStore
import TestSupport
import Testing

/// The contract every backend honours: the same tests, the same expectations, on SQLite and (when `DATABASE_URL`
/// names a server) on PostgreSQL. Each test gets a fresh database.
struct StoreContractTests {
    let now = Date(timeIntervalSince1970: 1_732_000_000)

    func peuple(_ store: any Store) async throws -> (amiens: Organisme, abbeville: Organisme, lyon: Organisme) {
        let lu = ImportOrganismes.lire(FichierCSV(texte: OrganismesDeTest.csv))
        #expect(lu.erreurs.isEmpty)
        _ = try await store.importer(organismes: lu.organismes)
        let o = try await store.organismes(cles: [
            OrganismesDeTest.amiens, OrganismesDeTest.abbeville, OrganismesDeTest.lyon,
        ])
        let amiens = try #require(o[OrganismesDeTest.amiens])
        let abbeville = try #require(o[OrganismesDeTest.abbeville])
        _ = try await store.importer(relations: [(amiens.id, abbeville.id)])
        return (amiens, abbeville, try #require(o[OrganismesDeTest.lyon]))
    }

    func lot(_ items: [JSONValue], transmetteur: OrganismeID, store: any Store, at date: Date? = nil) async throws
        -> Ingestion.Resultat
    {
        try await Ingestion(store: store, horloge: .fixed(date ?? now)).traiter(
            items, transmetteur: transmetteur, cleApi: nil)
    }

    @Test(arguments: Backend.actifs) func importCreatesThenUpdatesByCouple(_ backend: Backend) async throws {
        try await backend.avecStore { store in
            let lu = ImportOrganismes.lire(FichierCSV(texte: OrganismesDeTest.csv))
            #expect(try await store.importer(organismes: lu.organismes) == BilanImport(crees: 3, misAJour: 0))
            #expect(try await store.importer(organismes: lu.organismes) == BilanImport(crees: 0, misAJour: 3))
            let abbeville = try #require(try await store.organisme(cle: OrganismesDeTest.abbeville))
            #expect(abbeville.adresse.departement == "80")
            #expect(abbeville.adresse.region == "32")
            #expect(abbeville.adresse.academie == "20")
            #expect(abbeville.reseaux == ["CCI"])
        }
    }

    @Test(arguments: Backend.actifs) func keyPerimetersFollowTheRelations(_ backend: Backend) async throws {
        try await backend.avecStore { store in
            let (amiens, abbeville, lyon) = try await peuple(store)
            let deAmiens = try await store.perimetreCle(de: amiens.id)
            #expect(deAmiens.formateurs == [abbeville.id] && deAmiens.responsables == [abbeville.id: [amiens.id]])
            #expect(deAmiens.peutTransmettre(pour: amiens.id) && deAmiens.peutTransmettre(pour: abbeville.id))
            // A formateur's key writes for itself only, naming its responsable.
            let deAbbeville = try await store.perimetreCle(de: abbeville.id)
            #expect(deAbbeville.formateurs.isEmpty && deAbbeville.responsables == [abbeville.id: [amiens.id]])
            #expect(!deAbbeville.peutTransmettre(pour: amiens.id))
            #expect(deAbbeville.admet(responsable: amiens.id, formateur: abbeville.id))
            #expect(!deAbbeville.admet(responsable: lyon.id, formateur: abbeville.id))
            let deLyon = try await store.perimetreCle(de: lyon.id)
            #expect(deLyon.formateurs.isEmpty && deLyon.responsables.isEmpty)
            #expect(try await store.formateurs(de: amiens.id).map(\.id) == [abbeville.id])
        }
    }

    @Test(arguments: Backend.actifs) func partialResponsibilityFollowsCompanies(_ backend: Backend) async throws {
        try await backend.avecStore { store in
            let (amiens, abbeville, lyon) = try await peuple(store)
            // Abbeville (same company as Amiens) also gets Lyon, another company, as responsable: Abbeville now has
            // responsables of two companies, so the link is partial where the companies differ (Lyon), not with Amiens.
            _ = try await store.importer(relations: [(lyon.id, abbeville.id)])
            let deAmiens = try await store.formateurs(de: amiens.id)
            let deLyon = try await store.formateurs(de: lyon.id)
            #expect(deAmiens.map(\.id) == [abbeville.id] && deAmiens.map(\.partielle) == [false])
            #expect(deLyon.map(\.id) == [abbeville.id] && deLyon.map(\.partielle) == [true])
            // A key writes for its organisme and its formateurs; a formateur's responsables are named, never written for.
            let cleLyon = try await store.perimetreCle(de: lyon.id)
            #expect(
                cleLyon.formateurs == [abbeville.id] && cleLyon.responsables == [abbeville.id: [amiens.id, lyon.id]])
            #expect(!cleLyon.peutTransmettre(pour: amiens.id))
            let deAbbeville = try await store.perimetreCle(de: abbeville.id)
            #expect(deAbbeville.formateurs.isEmpty && !deAbbeville.peutTransmettre(pour: lyon.id))
            #expect(deAbbeville.responsables == [abbeville.id: [amiens.id, lyon.id]])
        }
    }

    @Test(arguments: Backend.actifs) func aBatchIsStoredAndMergedOnTheNextOne(_ backend: Backend) async throws {
        try await backend.avecStore { store in
            let (amiens, _, _) = try await peuple(store)
            let first = try await lot([json(dossierValideExemple)], transmetteur: amiens.id, store: store)
            #expect(first.nombreRejetes == 0)
            let cle = CleEffectif(
                organisme: amiens.id, anneeScolaire: AnneeScolaire("2024-2025")!, idErpApprenant: "YP-000123")
            let stored = try #require(try await store.effectif(cle: cle))
            #expect(stored.effectif.apprenant.nom == "MARTIN")
            #expect(stored.parcours.etapes.map(\.valeur) == [.inscrit, .apprenti, .finDeFormation])

            let later = now.addingTimeInterval(86_400)
            var second = json(dossierValideExemple)
            if case .object(var o) = second {
                o["email_contact"] = .null
                o["adresse_apprenant"] = .string("")
                o["contrat_date_rupture"] = .string("2025-02-10")
                second = .object(o)
            }
            let r2 = try await lot([second], transmetteur: amiens.id, store: store, at: later)
            #expect(r2.lot.items[0].erreurs == [])
            let merged = try #require(try await store.effectif(cle: cle))
            #expect(merged.id == stored.id)
            #expect(merged.effectif.apprenant.courriel == "lea.martin@example.org")
            #expect(merged.effectif.apprenant.adresse?.complete == "12 rue des Lilas 80000 Amiens")
            #expect(merged.parcours.statut(a: Jour(iso: "2025-02-10")!) == .rupturant)
            #expect(merged.effectif.createdAt == now)
            #expect(try await store.nombreEffectifs() == 1)
            #expect(try await store.nombreTransmissions() == 2)
            let formateur = try #require(try await store.organisme(id: amiens.id))
            #expect(formateur.firstTransmissionDate == now)
            #expect(formateur.lastTransmissionDate == later)
        }
    }

    @Test(arguments: Backend.actifs) func rejectedItemsAreRecordedButChangeNoEffectif(_ backend: Backend) async throws {
        try await backend.avecStore { store in
            let (amiens, _, _) = try await peuple(store)
            let r = try await lot(
                [json(dossierInvalideExemple1), json(dossierInvalideExemple2)], transmetteur: amiens.id, store: store)
            #expect(r.nombreRejetes == 2)
            #expect(r.lot.items[1].erreurs == erreursExemple2)
            #expect(try await store.nombreEffectifs() == 0)
            #expect(try await store.nombreTransmissions() == 2)
            #expect(try await store.organisme(id: amiens.id)?.hasTransmissionErrors == true)
        }
    }

    @Test(arguments: Backend.actifs) func aFailingBatchLeavesNothingBehind(_ backend: Backend) async throws {
        try await backend.avecStore { store in
            let (amiens, _, _) = try await peuple(store)
            let good = try await lot([json(dossierValideExemple)], transmetteur: amiens.id, store: store)
            let effectif = try #require(good.lot.items[0].effectif)
            var broken = effectif
            broken.organismeId = OrganismeID(999_999)  // violates the foreign key: the transaction must roll back
            let items = [
                LotPrepare.Item(
                    index: 0, echo: "{}", idErpApprenant: "A", formateur: nil, erreurs: [], effectif: effectif),
                LotPrepare.Item(
                    index: 1, echo: "{}", idErpApprenant: "B", formateur: nil, erreurs: [], effectif: broken),
            ]
            await #expect(throws: (any Error).self) {
                try await store.enregistrer(
                    lot: LotPrepare(
                        id: "x", recuLe: now, source: .erp, transmetteur: amiens.id,
                        cleApi: nil, items: items))
            }
            #expect(try await store.nombreTransmissions() == 1)
            #expect(try await store.nombreEffectifs() == 1)
        }
    }

    @Test(arguments: Backend.actifs) func effectifsArePagedForAnOrganismeAndItsFormateurs(_ backend: Backend)
        async throws
    {
        try await backend.avecStore { store in
            let (amiens, abbeville, lyon) = try await peuple(store)
            var items: [JSONValue] = (1...5).map { item(["id_erp_apprenant": .string("A\($0)")]) }
            items.append(
                item([
                    "id_erp_apprenant": .string("B1"), "etablissement_formateur_uai": .string("0801234A"),
                    "etablissement_formateur_siret": .string("77937827200024"),
                ]))
            items.append(item(["id_erp_apprenant": .string("C1"), "annee_scolaire": .string("2025-2026")]))
            _ = try await lot(items, transmetteur: amiens.id, store: store)
            let ids = [amiens.id] + (try await store.formateurs(de: amiens.id)).map(\.id)
            let page1 = try await store.effectifs(organismes: ids, annee: nil, page: 1, limite: 4)
            #expect(page1.total == 7)
            #expect(page1.lignes.count == 4)
            let page2 = try await store.effectifs(organismes: ids, annee: nil, page: 2, limite: 4)
            #expect(page2.lignes.map(\.idErpApprenant) == ["A5", "B1", "C1"])
            #expect(page2.lignes[1].siret == abbeville.siret)
            let narrowed = try await store.effectifs(
                organismes: ids, annee: AnneeScolaire("2025-2026"), page: 1, limite: 10)
            #expect(narrowed.lignes.map(\.idErpApprenant) == ["C1"])
            #expect(try await store.effectifs(organismes: [lyon.id], annee: nil, page: 1, limite: 10).total == 0)
        }
    }

    @Test(arguments: Backend.actifs) func apiKeysAreFoundByHashAndRevoked(_ backend: Backend) async throws {
        try await backend.avecStore { store in
            let (amiens, _, _) = try await peuple(store)
            let cle = try await store.creerCleApi(organisme: amiens.id, hash: "abc", now: now)
            #expect(try await store.cleApi(hash: "abc")?.organisme == amiens.id)
            try await store.cleUtilisee(cle.id, now: now.addingTimeInterval(60))
            #expect(try await store.cleApi(hash: "abc")?.lastUsedAt == now.addingTimeInterval(60))
            #expect(try await store.revoquerClesApi(organisme: amiens.id, hash: nil, now: now) == 1)
            #expect(try await store.cleApi(hash: "abc")?.estActive(now: now) == false)
            #expect(try await store.revoquerClesApi(organisme: amiens.id, hash: nil, now: now) == 0)
        }
    }
}

extension StoreContractTests {
    @Test(arguments: Backend.actifs) func transmissionsAreSummedByDayAndRejectionsExplained(_ backend: Backend)
        async throws
    {
        try await backend.avecStore { store in
            let (amiens, _, _) = try await peuple(store)
            let jour = Jour(now)
            let premier = try await lot(
                [json(dossierValideExemple), json(dossierInvalideExemple2)], transmetteur: amiens.id, store: store)
            // The history keeps what was sent for the rejected item only: the accepted one is the stored learner.
            #expect(premier.lot.items.map(\.echo.isEmpty) == [true, false])
            _ = try await lot(
                [item(["id_erp_apprenant": .string("B2")])], transmetteur: amiens.id, store: store,
                at: now.addingTimeInterval(86_400))
            let jours = try await store.transmissionsParJour(
                organisme: amiens.id, depuis: now.addingTimeInterval(-86_400))
            #expect(
                jours == [
                    BilanTransmissionJour(jour: jour.adding(days: 1), acceptes: 1, rejetes: 0),
                    BilanTransmissionJour(jour: jour, acceptes: 1, rejetes: 1),
                ])
            let rejets = try await store.rejets(organisme: amiens.id, jour: jour, limite: 10)
            #expect(rejets.count == 1)
            #expect(rejets.first?.erreurs == erreursExemple2)
            #expect(rejets.first?.donnees.contains("nir_apprenant") == false)
            #expect(rejets.first?.donnees.contains("\"id_erp_apprenant\"") == true)
            #expect(try await store.rejets(organisme: amiens.id, jour: jour.adding(days: 1), limite: 10).isEmpty)

            let cle = CleEffectif(
                organisme: amiens.id, anneeScolaire: AnneeScolaire("2024-2025")!, idErpApprenant: "YP-000123")
            let stocke = try #require(try await store.effectif(cle: cle))
            let autres = try await lot(
                (1...3).map { item(["id_erp_apprenant": .string("Z\($0)"), "nom_apprenant": .string("Zoé\($0)")]) },
                transmetteur: amiens.id, store: store)
            let ids = [stocke.id, EffectifID(999_999)] + autres.enregistres.compactMap(\.effectifId)
            let tous = try await store.effectifs(ids: ids, recherche: nil, limite: nil, decalage: 0)
            #expect(tous.total == 4 && tous.lignes.map(\.nom) == ["MARTIN", "ZOÉ1", "ZOÉ2", "ZOÉ3"])
            let page = try await store.effectifs(ids: ids, recherche: nil, limite: 2, decalage: 1)
            #expect(page.total == 4 && page.lignes.map(\.nom) == ["ZOÉ1", "ZOÉ2"])
            let trouves = try await store.effectifs(ids: ids, recherche: "yp-000", limite: 10, decalage: 0)
            #expect(trouves.total == 1)
            let details = try await store.effectifs(
                ids: [stocke.id, EffectifID(999_999)], recherche: "martin", limite: 10, decalage: 0
            ).lignes
            #expect(details.count == 1)
            let d = try #require(details.first)
            #expect(d.nom == "MARTIN" && d.organisme == amiens.id && d.idErpApprenant == "YP-000123")
            #expect(d.courriel == "lea.martin@example.org")
            #expect(d.parcours == stocke.parcours)
            #expect(d.transmisLe == now)
        }
    }
}

extension StoreContractTests {
    /// A NUL character is refused with a field error on every backend, the rest of the batch is stored.
    @Test(arguments: Backend.actifs) func nulCharactersAreRejectedNotFatal(_ backend: Backend) async throws {
        try await backend.avecStore { store in
            let (amiens, _, _) = try await peuple(store)
            let r = try await lot(
                [
                    item(["id_erp_apprenant": .string("N1"), "nom_apprenant": .string("A\u{0}B")]),
                    item(["id_erp_apprenant": .string("N2")]),
                ], transmetteur: amiens.id, store: store)
            #expect(r.lot.items[0].erreurs == [ErreurValidation("nom_apprenant", Message.caractereNul)])
            #expect(r.nombreRejetes == 1)
            #expect(try await store.nombreEffectifs() == 1)
            #expect(try await store.nombreTransmissions() == 2)
        }
    }
}
