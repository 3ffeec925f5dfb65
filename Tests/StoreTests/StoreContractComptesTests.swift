import Domain
import Foundation
import IndexEffectifs
import TestSupport
import Testing

/// The accounts, sessions, outbox, audit log, settings, catalogue and change-following part of the store contract,
/// on every backend available.
struct StoreContractComptesTests {
    let now = Date(timeIntervalSince1970: 1_732_000_000)

    func region(_ store: any Store, _ code: String = "32") async throws -> Organisation {
        try await store.creerOrganisation(
            NouvelleOrganisation(type: .dreets, nom: "DREETS Hauts-de-France", region: code), now: now)
    }

    func utilisateur(_ email: String, _ organisation: OrganisationID) -> NouvelUtilisateur {
        NouvelUtilisateur(
            email: email, nom: "Durand", prenom: "Anne", organisation: organisation, role: .membre,
            statut: .emailNonConfirme, hashMotDePasse: "$2b$12$hash")
    }

    @Test(arguments: Backend.actifs) func organisationsAreUniquePerAnchor(_ backend: Backend) async throws {
        try await backend.avecStore { store in
            let o = try await region(store)
            #expect(try await store.organisation(id: o.id) == o)
            #expect(
                try await store.organisationExistante(
                    NouvelleOrganisation(type: .dreets, nom: "autre nom", region: "32")) == o)
            #expect(
                try await store.organisationExistante(NouvelleOrganisation(type: .dreets, nom: "x", region: "11"))
                    == nil)
            await #expect(throws: (any Error).self) { _ = try await region(store) }
            // Missions locales are told apart by their name.
            let ml = NouvelleOrganisation(type: .missionLocale, nom: "Mission locale d'Amiens", departement: "80")
            _ = try await store.creerOrganisation(ml, now: now)
            var autre = ml
            autre.nom = "Mission locale du Grand Amiénois"
            #expect(try await store.organisationExistante(autre) == nil)
            _ = try await store.creerOrganisation(autre, now: now)
            let trouvees = try await store.organisations(recherche: "Mission", limite: 10)
            #expect(trouvees.map(\.0.nom) == ["Mission locale d'Amiens", "Mission locale du Grand Amiénois"])
            #expect(try await store.organisations(recherche: "100%_", limite: 10).isEmpty)
        }
    }

    @Test(arguments: Backend.actifs) func usersAreCreatedOnceAndChanged(_ backend: Backend) async throws {
        try await backend.avecStore { store in
            let o = try await region(store)
            let u = try await store.creerUtilisateur(utilisateur("anne@example.org", o.id), now: now)
            await #expect(throws: ErreurSaisie.self) {
                _ = try await store.creerUtilisateur(utilisateur("anne@example.org", o.id), now: now)
            }
            #expect(try await store.utilisateur(email: "ANNE@example.org")?.id == u.id)
            #expect(try await store.utilisateur(id: u.id)?.createdAt == now)
            try await store.modifier(utilisateur: u.id, statut: .actif)
            try await store.modifier(utilisateur: u.id, role: .administrateur)
            try await store.modifier(utilisateur: u.id, hashMotDePasse: "nouveau")
            let lu = try #require(try await store.utilisateur(id: u.id))
            #expect(lu.statut == .actif && lu.role == .administrateur && lu.hashMotDePasse == "nouveau")
            let attente = try await store.creerUtilisateur(
                utilisateur("paul@example.org", o.id), now: now.addingTimeInterval(10))
            try await store.modifier(utilisateur: attente.id, statut: .enAttenteValidation)
            // Waiting accounts first, then the most recent.
            #expect(
                try await store.utilisateurs(recherche: "hauts-de-france", limite: 10).map(\.id) == [attente.id, u.id])
            #expect(try await store.utilisateurs(recherche: "paul", limite: 10).map(\.id) == [attente.id])
            #expect(try await store.utilisateurs(organisation: o.id).count == 2)
            #expect(try await store.organisations(recherche: "", limite: 10).first?.utilisateurs == 2)
        }
    }

    @Test(arguments: Backend.actifs) func linksAreUsedOnce(_ backend: Backend) async throws {
        try await backend.avecStore { store in
            let o = try await region(store)
            let j = try await store.creerJeton(
                .invitation, hash: "h1", email: "x@example.org", utilisateur: nil,
                organisation: o.id, role: .membre, expireLe: now.addingTimeInterval(3600))
            #expect(try await store.jeton(.invitation, hash: "h1") == j)
            #expect(try await store.jeton(.confirmation, hash: "h1") == nil)
            #expect(try await store.invitationsEnCours(organisation: o.id, now: now).map(\.id) == [j.id])
            #expect(try await store.invitationsEnCours(organisation: o.id, now: now.addingTimeInterval(7200)).isEmpty)
            #expect(try await store.consommer(jeton: j.id, now: now) == true)
            #expect(try await store.consommer(jeton: j.id, now: now) == false)
            #expect(try await store.invitationsEnCours(organisation: o.id, now: now).isEmpty)
        }
    }

    @Test(arguments: Backend.actifs) func sessionsExpireAndAreRevoked(_ backend: Backend) async throws {
        try await backend.avecStore { store in
            let o = try await region(store)
            let u = try await store.creerUtilisateur(utilisateur("anne@example.org", o.id), now: now)
            let s1 = try await store.creerSession(hash: "s1", utilisateur: u.id, expireLe: now.addingTimeInterval(3600))
            let s2 = try await store.creerSession(hash: "s2", utilisateur: u.id, expireLe: now.addingTimeInterval(3600))
            #expect(try await store.session(hash: "s1", now: now)?.id == s1.id)
            #expect(try await store.session(hash: "s1", now: now.addingTimeInterval(3601)) == nil)
            try await store.incarner(session: s1.id, organisation: o.id)
            #expect(try await store.session(hash: "s1", now: now)?.incarnation == o.id)
            try await store.revoquerSessions(utilisateur: u.id, sauf: s1.id, now: now)
            #expect(try await store.session(hash: "s2", now: now) == nil)
            #expect(try await store.session(hash: "s1", now: now) != nil)
            try await store.revoquer(session: s1.id, now: now)
            #expect(try await store.session(hash: "s1", now: now) == nil)
            _ = s2
        }
    }

    @Test(arguments: Backend.actifs) func failedSignInsAreCountedPerIpAndEmail(_ backend: Backend) async throws {
        try await backend.avecStore { store in
            try await store.noterTentative(ip: "1.2.3.4", email: "A@example.org", reussie: false, now: now)
            try await store.noterTentative(ip: "1.2.3.4", email: "b@example.org", reussie: false, now: now)
            try await store.noterTentative(ip: "5.6.7.8", email: "a@example.org", reussie: true, now: now)
            let e = try await store.echecs(ip: "1.2.3.4", email: "a@example.org", depuis: now.addingTimeInterval(-60))
            #expect(e.ip == 2 && e.email == 1)
            let plusTard = try await store.echecs(
                ip: "1.2.3.4", email: "a@example.org", depuis: now.addingTimeInterval(1))
            #expect(plusTard.ip == 0 && plusTard.email == 0)
        }
    }

    @Test(arguments: Backend.actifs) func outboxJournalAndSettings(_ backend: Backend) async throws {
        try await backend.avecStore { store in
            try await store.ajouterCourriel(
                destinataire: "a@example.org", sujet: "Bienvenue", corps: "Bonjour", now: now)
            try await store.ajouterCourriel(destinataire: "b@example.org", sujet: "Lien", corps: "…", now: now)
            let aEnvoyer = try await store.courrielsAEnvoyer(limite: 10)
            #expect(aEnvoyer.map(\.destinataire) == ["a@example.org", "b@example.org"])
            try await store.marquer(courriel: aEnvoyer[0].id, envoyeLe: now, erreur: nil)
            #expect(try await store.courrielsAEnvoyer(limite: 10).map(\.destinataire) == ["b@example.org"])
            #expect(try await store.courriels(limite: 10).first?.destinataire == "b@example.org")

            try await store.journaliser(
                EntreeJournal(
                    date: now, acteur: nil, acteurEmail: "admin@example.org",
                    action: "connexion", detail: "réussie"))
            #expect(try await store.journal(limite: 5).map(\.action) == ["connexion"])

            #expect(try await store.parametre("maintenance") == nil)
            try await store.definir(parametre: "maintenance", valeur: "Intervention à 18 h")
            try await store.definir(parametre: "maintenance", valeur: "Intervention à 19 h")
            #expect(try await store.parametre("maintenance") == "Intervention à 19 h")
            try await store.definir(parametre: "maintenance", valeur: nil)
            #expect(try await store.parametre("maintenance") == nil)
        }
    }

    @Test(arguments: Backend.actifs) func catalogueImportCreatesThenUpdates(_ backend: Backend) async throws {
        try await backend.avecStore { store in
            let f = FormationCatalogue(cfd: CFD("50022141"), rncp: nil, libelle: "CAP Cuisine", niveau: 3)
            let premier = try await store.importer(formations: [f])
            #expect(premier == BilanImport(crees: 1))
            var g = f
            g.libelle = "CAP Cuisinier"
            let second = try await store.importer(formations: [g])
            #expect(second == BilanImport(crees: 0, misAJour: 1))
            let catalogue = try await store.formations()
            #expect(catalogue.map(\.libelle) == ["CAP Cuisinier"] && catalogue.map(\.niveau) == [3])
        }
    }

    @Test(arguments: Backend.actifs) func changesAreNumberedInOrderAndFollowed(_ backend: Backend) async throws {
        try await backend.avecStore { store in
            let v0 = try await store.versions()
            let lu = ImportOrganismes.lire(FichierCSV(texte: OrganismesDeTest.csv))
            _ = try await store.importer(organismes: lu.organismes)
            #expect(try await store.versions().organismes > v0.organismes)
            let amiens = try #require(try await store.organisme(cle: OrganismesDeTest.amiens))
            let ingestion = Ingestion(store: store, horloge: .fixed(now))
            _ = try await ingestion.traiter(
                (1...3).map { item(["id_erp_apprenant": .string("A\($0)")]) },
                transmetteur: amiens.id, cleApi: nil)
            _ = try await ingestion.traiter(
                [item(["id_erp_apprenant": .string("A2"), "nom_apprenant": .string("NOUVEAU")])],
                transmetteur: amiens.id, cleApi: nil)
            let base = v0.effectifs
            let v1 = try await store.versions().effectifs
            #expect(v1 == base + 4)
            let tout = try await store.changements(apres: base, limite: 100).map(\.version)
            // A2 was written twice: it now carries the last number, after A1 and A3.
            #expect(tout == [base + 1, base + 3, base + 4])
            let apres3 = try await store.changements(apres: base + 3, limite: 100)
            let limite1 = try await store.changements(apres: base, limite: 1)
            #expect(apres3.count == 1 && limite1.count == 1)

            // An index built now follows later writes made by someone else.
            let index = try await IndexIndicateurs.construire(depuis: store)
            #expect(index.nombreEffectifs == 3)
            _ = try await ingestion.traiter(
                [item(["id_erp_apprenant": .string("A9")])], transmetteur: amiens.id, cleApi: nil)
            #expect(index.retard.changements == 0)  // not known yet: nobody told this index
            #expect(try await index.rattraper(depuis: store) == 1)
            #expect(index.nombreEffectifs == 4)
            #expect(index.retard.changements == 0)
            #expect(try await index.rattraper(depuis: store) == 0)
        }
    }
}
