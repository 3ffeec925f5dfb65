import Domain
import Foundation
import Outils
import TestSupport
import Testing

/// The missions locales' référentiel and cases (issue 14) on every backend: cases derived in the batch's
/// transaction, rebuilt when the référentiel changes, handed over when the young person moves, saved with an
/// optimistic version, erased with their learner.
struct StoreContractSuivisTests {
    let contrat = StoreContractTests()
    let now = Date(timeIntervalSince1970: 1_743_465_600)  // 2025-04-01

    static let missionsLocales = [
        MissionLocale(
            code: "ML-AMIENS", nom: "Mission locale d'Amiens", siret: "13002526500013", email: "ml@example.org",
            telephone: "01 99 00 00 01", departement: "80", region: "32", communes: ["80021"],
            codesPostaux: ["80000"]),
        MissionLocale(code: "ML-ABBEVILLE", nom: "Mission locale d'Abbeville", communes: ["80001"]),
    ]

    /// A learner of Amiens broken on `rupture`, living in `commune`.
    func jeune(
        id: String = "J-1", rupture: String? = "2025-03-10", commune: String? = "80021", postal: String? = nil,
        naissance: String = "2006-04-12", nouveauContrat: String? = nil
    ) -> JSONValue {
        var champs: [String: JSONValue?] = [
            "id_erp_apprenant": .string(id), "date_de_naissance_apprenant": .string(naissance),
            "contrat_date_debut": .string("2024-09-02"), "contrat_date_fin": .string("2026-06-30"),
            "code_commune_insee_apprenant": commune.map(JSONValue.string),
            "code_postal_apprenant": postal.map(JSONValue.string),
            "tel_apprenant": .string("0199000001"), "email_contact": .string("jeune@example.org"),
        ]
        if let rupture { champs["contrat_date_rupture"] = .string(rupture) }
        if let nouveauContrat {
            champs["contrat_date_debut_2"] = .string(nouveauContrat)
            champs["contrat_date_fin_2"] = .string("2026-06-30")
        }
        return item(champs)
    }

    func resultat(_ r: ResultatContact, par auteur: String = "Agent A") -> EvenementSuivi {
        EvenementSuivi(le: now, genre: .resultat, auteur: auteur, rupture: Jour(iso: "2025-03-10"), resultat: r)
    }

    @Test(arguments: Backend.actifs) func aCaseExistsAsSoonAsTheBatchThatBreaksTheContractIsWritten(
        _ backend: Backend
    ) async throws {
        try await backend.avecStore { store in
            let (amiens, _, _) = try await contrat.peuple(store)
            #expect(try await store.importer(missionsLocales: Self.missionsLocales, now: now) == BilanImport(crees: 2))
            _ = try await contrat.lot([jeune()], transmetteur: amiens.id, store: store, at: now)
            let suivis = try await store.suivis(missionLocale: "ML-AMIENS")
            #expect(suivis.count == 1)
            let s = try #require(suivis.first)
            #expect(s.ligne.rupture == Jour(iso: "2025-03-10") && s.ligne.nom == "MARTIN" && s.version == 0)
            #expect(try await store.suivis(missionLocale: "ML-ABBEVILLE").isEmpty)
            #expect(try await store.effectif(id: s.ligne.effectif)?.effectif.apprenant.telephone == "0199000001")

            // The ERP corrects the contract (no rupture): an untouched case goes away.
            _ = try await contrat.lot([jeune(rupture: nil)], transmetteur: amiens.id, store: store, at: now)
            #expect(try await store.suivis(missionLocale: "ML-AMIENS").isEmpty)

            // Too old on the day of the rupture: no case. Residence by postal code when the commune is unknown.
            _ = try await contrat.lot(
                [jeune(id: "J-2", naissance: "1990-01-01"), jeune(id: "J-3", commune: nil, postal: "80000")],
                transmetteur: amiens.id, store: store, at: now)
            #expect(try await store.suivis(missionLocale: "ML-AMIENS").map(\.ligne.prenom) == ["Léa"])
        }
    }

    @Test(arguments: Backend.actifs) func aSecondSaveOnTheSameVersionIsRefusedWithWhoSavedFirst(_ backend: Backend)
        async throws
    {
        try await backend.avecStore { store in
            let (amiens, _, _) = try await contrat.peuple(store)
            _ = try await store.importer(missionsLocales: Self.missionsLocales, now: now)
            _ = try await contrat.lot([jeune()], transmetteur: amiens.id, store: store, at: now)
            let s = try #require(try await store.suivis(missionLocale: "ML-AMIENS").first)
            #expect(
                try await store.ajouter(resultat(.nonJoint(.injoignable)), a: s.id, versionLue: 0) == .fait(version: 1))
            #expect(
                try await store.ajouter(resultat(.joint(.rendezVousPris), par: "Agent B"), a: s.id, versionLue: 0)
                    == .conflit(auteur: "Agent A", le: now))
            #expect(
                try await store.ajouter(resultat(.joint(.rendezVousPris)), a: SuiviID(999_999), versionLue: 0)
                    == .inconnu)
            let relu = try #require(try await store.suivi(id: s.id))
            #expect(relu.version == 1 && relu.dernierResultat == .nonJoint(.injoignable) && relu.prisEnCharge)
            #expect(relu.premierResultatLe == now && relu.ruptureDuResultat == Jour(iso: "2025-03-10"))
            #expect(try await store.evenements(suivi: s.id).map(\.auteur) == ["Agent A"])

            // Handled, then back in contract by the ERP's data: the case stays (the lists show a banner).
            _ = try await contrat.lot([jeune(rupture: nil)], transmetteur: amiens.id, store: store, at: now)
            #expect(try await store.suivi(id: s.id)?.ligne.rupture == nil)
        }
    }

    @Test(arguments: Backend.actifs) func aYoungPersonWhoMovesIsHandedOverWithTheHistory(_ backend: Backend)
        async throws
    {
        try await backend.avecStore { store in
            let (amiens, _, _) = try await contrat.peuple(store)
            _ = try await store.importer(missionsLocales: Self.missionsLocales, now: now)
            _ = try await contrat.lot([jeune()], transmetteur: amiens.id, store: store, at: now)
            let s = try #require(try await store.suivis(missionLocale: "ML-AMIENS").first)
            _ = try await store.ajouter(resultat(.joint(.nouveauProjet)), a: s.id, versionLue: 0)
            _ = try await contrat.lot([jeune(commune: "80001")], transmetteur: amiens.id, store: store, at: now)
            #expect(try await store.suivis(missionLocale: "ML-AMIENS").isEmpty)
            let repris = try #require(try await store.suivis(missionLocale: "ML-ABBEVILLE").first)
            #expect(repris.id == s.id)
            let historique = try await store.evenements(suivi: s.id)
            #expect(historique.map(\.genre) == [.resultat, .transfert])
            #expect(historique.last?.de == "ML-AMIENS" && historique.last?.vers == "ML-ABBEVILLE")
        }
    }

    @Test(arguments: Backend.actifs) func casesAreRebuiltWhenTheReferentielChanges(_ backend: Backend) async throws {
        try await backend.avecStore { store in
            let (amiens, _, _) = try await contrat.peuple(store)
            // Learners received before any mission locale is known: no case yet.
            _ = try await contrat.lot(
                [jeune(), jeune(id: "J-2", commune: "80001")], transmetteur: amiens.id, store: store, at: now)
            #expect(try await store.suivis(missionsLocales: nil).isEmpty)
            #expect(try await store.reconstruireSuivisSiNecessaire(now: now) != nil)
            #expect(try await store.reconstruireSuivisSiNecessaire(now: now) == nil)

            #expect(try await store.importer(missionsLocales: Self.missionsLocales, now: now) == BilanImport(crees: 2))
            #expect(try await store.reconstruireSuivisSiNecessaire(now: now) == 2)
            #expect(try await store.suivis(missionsLocales: nil).count == 2)
            #expect(try await store.suivis(missionsLocales: ["ML-ABBEVILLE"]).map(\.ligne.communeInsee) == ["80001"])

            // Re-import updates by code: Amiens now also covers 80001.
            var nouvelles = Self.missionsLocales
            nouvelles[0].communes = ["80021", "80001"]
            nouvelles[1].communes = []
            #expect(try await store.importer(missionsLocales: nouvelles, now: now) == BilanImport(misAJour: 2))
            #expect(try await store.missionLocale(code: "ML-AMIENS")?.communes == ["80021", "80001"])
            #expect(try await store.reconstruireSuivisSiNecessaire(now: now) == 2)
            #expect(try await store.suivis(missionLocale: "ML-AMIENS").count == 2)
            #expect(try await store.missionsLocales().map(\.code) == ["ML-ABBEVILLE", "ML-AMIENS"])
        }
    }

    @Test(arguments: Backend.actifs) func settingsAndCfaContactsRoundTrip(_ backend: Backend) async throws {
        try await backend.avecStore { store in
            _ = try await store.importer(missionsLocales: Self.missionsLocales, now: now)
            #expect(try await store.parametres(missionLocale: "ML-AMIENS") == ParametresMissionLocale())
            let p = ParametresMissionLocale(rdvUrl: "https://rdv.example.org/ml", emailNotifications: "ml@example.org")
            try await store.enregistrer(parametres: p, missionLocale: "ML-AMIENS")
            #expect(try await store.parametres(missionLocale: "ML-AMIENS") == p)
            // Re-importing the référentiel keeps the settings.
            _ = try await store.importer(missionsLocales: Self.missionsLocales, now: now)
            #expect(try await store.parametres(missionLocale: "ML-AMIENS") == p)

            let (amiens, _, _) = try await contrat.peuple(store)
            let org = try await store.creerOrganisation(
                NouvelleOrganisation(type: .organismeFormation, nom: "CFA", organisme: amiens.id), now: now)
            let u = try await store.creerUtilisateur(
                NouvelUtilisateur(
                    email: "cfa@example.org", nom: "Durand", prenom: "Anne", organisation: org.id, role: .membre,
                    statut: .actif, hashMotDePasse: "x"), now: now)
            #expect(try await store.contactsPourMissionsLocales(organisme: amiens.id).isEmpty)
            try await store.definir(contactPourMissionsLocales: true, utilisateur: u.id)
            #expect(try await store.contactPourMissionsLocales(utilisateur: u.id))
            #expect(
                try await store.contactsPourMissionsLocales(organisme: amiens.id)
                    == [ContactOrganisme(nom: "Anne Durand", email: "cfa@example.org")])
            let ml = try await store.creerOrganisation(
                NouvelleOrganisation(type: .missionLocale, nom: "ML", missionLocale: "ML-AMIENS"), now: now)
            #expect(try await store.organisation(id: ml.id)?.missionLocale == "ML-AMIENS")
        }
    }

    @Test(arguments: Backend.actifs) func erasingTheLearnerErasesItsCase(_ backend: Backend) async throws {
        try await backend.avecStore { store in
            let (amiens, _, _) = try await contrat.peuple(store)
            _ = try await store.importer(missionsLocales: Self.missionsLocales, now: now)
            _ = try await contrat.lot([jeune()], transmetteur: amiens.id, store: store, at: now)
            let s = try #require(try await store.suivis(missionLocale: "ML-AMIENS").first)
            _ = try await store.ajouter(resultat(.joint(.nouveauProjet)), a: s.id, versionLue: 0)
            let e = try #require(try await store.effectif(id: s.ligne.effectif))
            _ = try await store.effacer(e, empreinte: "x", now: now)
            #expect(try await store.suivi(id: s.id) == nil)
            #expect(try await store.evenements(suivi: s.id).isEmpty)
        }
    }
}
