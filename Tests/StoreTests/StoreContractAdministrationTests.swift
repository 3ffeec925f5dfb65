import Domain
import Foundation
import TestSupport
import Testing

/// The back-office and sign-up reads of issue 13 (`StoreAdministration`), on every backend available.
struct StoreContractAdministrationTests {
    let now = Date(timeIntervalSince1970: 1_732_000_000)

    static let csv = """
        uai,siret,nom,nature,code_postal,code_commune_insee,departement,region,academie,reseaux,commune
        0691234B,44444444400011,CFA du Rhône,formateur,69003,69383,69,84,10,,Lyon
        0691234B,55555555500019,Lycée Ampère (section apprentissage),formateur,69002,69382,69,84,10,,Lyon
        0802004U,77937827200016,CFA de la Somme,responsable_formateur,80000,80021,80,32,20,,Amiens
        ,77937827200024,Antenne 100%_Abbeville,formateur,80100,80001,80,32,20,,Abbeville
        """

    func importer(_ store: any Store) async throws {
        let lu = ImportOrganismes.lire(FichierCSV(texte: Self.csv))
        #expect(lu.erreurs.isEmpty)
        _ = try await store.importer(organismes: lu.organismes)
    }

    @Test(arguments: Backend.actifs) func theWholeReferentielIsSearchedByIdentifierNameOrCommune(_ backend: Backend)
        async throws
    {
        try await backend.avecStore { store in
            try await importer(store)
            // No organisation has an account: the référentiel is searched all the same.
            #expect(try await store.organisations(recherche: "", limite: 10).isEmpty)
            #expect(try await store.rechercherOrganismes("44444444400011", limite: 10).map(\.nom) == ["CFA du Rhône"])
            #expect(
                try await store.rechercherOrganismes("0691234B", limite: 10).map(\.nom) == [
                    "CFA du Rhône", "Lycée Ampère (section apprentissage)",
                ])
            #expect(
                try await store.rechercherOrganismes("779 378", limite: 10).map(\.siret.rawValue) == [
                    "77937827200024", "77937827200016",
                ])
            // Name, any case, and commune.
            #expect(try await store.rechercherOrganismes("cfa de la", limite: 10).map(\.nom) == ["CFA de la Somme"])
            #expect(try await store.rechercherOrganismes("  amiens ", limite: 10).map(\.nom) == ["CFA de la Somme"])
            #expect(try await store.rechercherOrganismes("CFA", limite: 1).map(\.nom) == ["CFA de la Somme"])
            // LIKE's wildcards are plain characters.
            #expect(try await store.rechercherOrganismes("100%_", limite: 10).map(\.nom) == ["Antenne 100%_Abbeville"])
            #expect(try await store.rechercherOrganismes("%", limite: 10).map(\.nom) == ["Antenne 100%_Abbeville"])
            #expect(try await store.rechercherOrganismes("Marseille", limite: 10).isEmpty)
        }
    }

    @Test(arguments: Backend.actifs) func accountsByStatusOldestFirstAndOrganisationsByType(_ backend: Backend)
        async throws
    {
        try await backend.avecStore { store in
            let dreets = try await store.creerOrganisation(
                NouvelleOrganisation(type: .dreets, nom: "DREETS Occitanie", region: "76"), now: now)
            let mlB = try await store.creerOrganisation(
                NouvelleOrganisation(type: .missionLocale, nom: "Mission locale de Bron"), now: now)
            let mlA = try await store.creerOrganisation(
                NouvelleOrganisation(type: .missionLocale, nom: "Mission locale d'Amiens"), now: now)
            #expect(try await store.organisations(type: .missionLocale) == [mlA, mlB])
            #expect(try await store.organisations(type: .dreets) == [dreets])
            #expect(try await store.organisations(type: .academie).isEmpty)

            func creer(_ email: String, _ statut: StatutCompte, joursAvant: Double) async throws -> Utilisateur {
                try await store.creerUtilisateur(
                    NouvelUtilisateur(
                        email: email, nom: "Durand", prenom: "Anne", organisation: dreets.id, role: .membre,
                        statut: statut, hashMotDePasse: "$2b$12$hash"),
                    now: now.addingTimeInterval(-joursAvant * 86_400))
            }
            let recent = try await creer("recent@example.org", .enAttenteValidation, joursAvant: 1)
            let ancien = try await creer("ancien@example.org", .enAttenteValidation, joursAvant: 5)
            let nonConfirme = try await creer("nc@example.org", .emailNonConfirme, joursAvant: 3)
            _ = try await creer("actif@example.org", .actif, joursAvant: 9)
            #expect(
                try await store.utilisateurs(statuts: [.enAttenteValidation], limite: 10).map(\.id) == [
                    ancien.id, recent.id,
                ])
            #expect(
                try await store.utilisateurs(statuts: [.enAttenteValidation, .emailNonConfirme], limite: 10).map(\.id)
                    == [ancien.id, nonConfirme.id, recent.id])
            #expect(try await store.utilisateurs(statuts: [.enAttenteValidation], limite: 1).map(\.id) == [ancien.id])
            #expect(try await store.utilisateurs(statuts: [], limite: 10).isEmpty)
            try await store.modifier(utilisateur: ancien.id, statut: .rejete)
            #expect(try await store.utilisateurs(statuts: [.enAttenteValidation], limite: 10).map(\.id) == [recent.id])
        }
    }
}
