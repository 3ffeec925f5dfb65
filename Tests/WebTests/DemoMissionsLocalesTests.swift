import App
import Domain
import Foundation
import Outils
import Testing

/// The demo missions locales and the demo learners' residence and contacts (issue 14).
struct DemoMissionsLocalesTests {
    @Test func oneMissionLocalePerZoneDEmploiClearlyNamedAsDemo() throws {
        let referentiel = MissionsLocalesDemo.referentiel()
        #expect(referentiel.count == Territoires.france.bassinsEmploi.count)
        #expect(Set(referentiel.map(\.code)).count == referentiel.count)
        for ml in referentiel {
            #expect(ml.code.hasPrefix("ML-DEMO-") && ml.nom.hasPrefix("Mission locale ") && ml.nom.hasSuffix("(démo)"))
            #expect(ml.email?.hasSuffix("@example.org") == true, "\(ml.code)")
            #expect(ml.telephone?.hasPrefix("01 99 00 ") == true && ml.telephone?.count == 14, "\(ml.code)")
        }
        // Every commune of the zones d'emploi is covered, once.
        let communes = referentiel.flatMap(\.communes)
        #expect(communes.count == Set(communes).count && communes.count > 34_000)

        let lyon = try #require(referentiel.first { $0.communes.contains("69123") })
        #expect(lyon.code == "ML-DEMO-8421" && lyon.nom == "Mission locale de Lyon (démo)")
        #expect(lyon.departement == "69" && lyon.region == "84")
        #expect(referentiel.first { $0.code == "ML-DEMO-0051" }?.nom == "Mission locale d'Alençon (démo)")
        #expect(referentiel.first { $0.code == "ML-DEMO-2813" }?.nom == "Mission locale du Havre (démo)")
        #expect(referentiel.first { $0.communes.contains("2A004") }?.departement == "2A")
        // Two zones share a name ("Le Sud"): their département tells them apart.
        #expect(Set(referentiel.map(\.nom)).count == referentiel.count)
    }

    @Test func theDemoReferentielPassesTheImportRules() {
        func champ(_ s: String?) -> String { "\"\((s ?? "").replacingOccurrences(of: "\"", with: "\"\""))\"" }
        let lignes = MissionsLocalesDemo.referentiel().map { ml in
            [
                ml.code, ml.nom, ml.siret, ml.email, ml.telephone, ml.siteWeb, ml.adresse, ml.codePostal, ml.commune,
                ml.departement, ml.region, ml.communes.joined(separator: "|"), ml.codesPostaux.joined(separator: "|"),
            ].map(champ).joined(separator: ",")
        }
        let texte = ([ImportMissionsLocales.colonnes.joined(separator: ",")] + lignes).joined(separator: "\n")
        let lu = ImportMissionsLocales.lire(FichierCSV(texte: texte))
        #expect(lu.erreurs == [])
        #expect(lu.missionsLocales == MissionsLocalesDemo.referentiel())
    }

    @Test func oneARMLPerRegion() {
        let arml = MissionsLocalesDemo.arml()
        // The 18 régions (13 in Europe, 5 overseas départements); none for the overseas collectivités.
        #expect(arml.count == 18)
        #expect(Set(arml.compactMap(\.region)) == Set(MissionsLocalesDemo.referentiel().compactMap(\.region)))
        #expect(arml.allSatisfy { $0.type == .arml && $0.region != nil && $0.nom.hasSuffix("(démo)") })
        #expect(arml.contains { $0.region == "84" && $0.nom == "ARML Auvergne-Rhône-Alpes (démo)" })
    }

    static let cfa = OrganismeCle(uai: UAI("0692360R")!, siret: SIRET("77976658300115")!)

    func apprenants(departement: String?, nombre: Int = 3_000) -> [[String: JSONValue]] {
        PaysDemo(graine: 42).apprenants(
            organisme: Self.cfa, departement: departement, responsable: Self.cfa,
            annee: AnneeScolaire.scolaire(de: Jour(year: 2025, month: 10, day: 1)), nombre: nombre, graine: 7
        ).compactMap { if case .object(let o) = $0 { o } else { nil } }
    }

    func texte(_ v: JSONValue?) -> String? { if case .string(let s) = v { s } else { nil } }

    @Test func demoLearnersLiveInTheirCfasDepartementMostlyInOneZone() throws {
        let items = apprenants(departement: "69")
        let communes = items.compactMap { texte($0["code_commune_insee_apprenant"]) }
        #expect(communes.count == items.count)
        #expect(communes.allSatisfy { $0.hasPrefix("69") })
        let zones = Dictionary(
            uniqueKeysWithValues: MissionsLocalesDemo.referentiel().flatMap { ml in ml.communes.map { ($0, ml.code) } })
        var parZone: [String: Int] = [:]
        for c in communes { parZone[zones[c] ?? "?", default: 0] += 1 }
        let domicile = try #require(parZone.values.max())
        let part = Double(domicile) / Double(items.count)
        #expect(part > 0.6 && part < 0.74, "\(parZone)")
        #expect(parZone.count > 2 && parZone["?"] == nil)
        // The same organisme has the same home zone in another batch.
        let autre = PaysDemo(graine: 42).apprenants(
            organisme: Self.cfa, departement: "69", responsable: Self.cfa,
            annee: AnneeScolaire.scolaire(de: Jour(year: 2024, month: 10, day: 1)), nombre: 300, graine: 99)
        var autreParZone: [String: Int] = [:]
        for case .object(let o) in autre {
            autreParZone[zones[texte(o["code_commune_insee_apprenant"]) ?? ""] ?? "?", default: 0] += 1
        }
        #expect(autreParZone.max { $0.value < $1.value }?.key == parZone.max { $0.value < $1.value }?.key)
        // Without a known département, no residence (nothing invented elsewhere).
        #expect(apprenants(departement: nil, nombre: 20).allSatisfy { $0["code_commune_insee_apprenant"] == nil })
    }

    @Test func demoLearnersHaveFictionalContactsParentsForMinorsAndSomeRqth() throws {
        let items = apprenants(departement: "2A")
        var rqth = 0
        for item in items {
            guard case .valide(let d) = DecodeurDossier.decoder(.object(item)) else {
                Issue.record("dossier refusé : \(DecodeurDossier.decoder(.object(item)).erreurs)")
                continue
            }
            #expect(d.telephone?.hasPrefix("019900") == true, "\(d.telephone ?? "")")
            #expect(d.email?.hasSuffix("@example.org") == true && d.email?.contains(".") == true)
            #expect(d.codeCommuneInsee?.departement == "2A")
            let age = d.anneeScolaire.debut - d.dateDeNaissance.year
            #expect((d.responsableMail1 != nil) == (age < 18), "\(age) \(d.responsableMail1 ?? "")")
            if d.rqth == true { rqth += 1 }
        }
        let part = Double(rqth) / Double(items.count)
        #expect(part > 0.015 && part < 0.045, "\(rqth)")
        #expect(
            items.contains {
                texte($0["email_contact"])?.contains("maelys") == true
                    || texte($0["email_contact"])?.contains("francois") == true
            })
    }

    @Test func demoAccountsAreAttachedToLyonsMissionLocaleAndToTheRegionsARML() async throws {
        let banc = try await Banc()
        let comptes = try await ComptesDemo(store: banc.store, coutBcrypt: 4, horloge: banc.horloge).creer()
        #expect(
            comptes.contains {
                $0.email == "mission-locale@demo.tdb" && $0.organisation == "Mission locale de Lyon (démo)"
            })
        // The référentiel was empty: the demo one was imported, with the ARML.
        #expect(try await banc.store.missionsLocales().count == Territoires.france.bassinsEmploi.count)
        let ml = try #require(try await banc.store.utilisateur(email: "mission-locale@demo.tdb"))
        let orgaML = try #require(try await banc.store.organisation(id: ml.organisation))
        #expect(orgaML.type == .missionLocale && orgaML.missionLocale == "ML-DEMO-8421")
        let arml = try #require(try await banc.store.utilisateur(email: "arml@demo.tdb"))
        let orgaARML = try #require(try await banc.store.organisation(id: arml.organisation))
        #expect(orgaARML.type == .arml && orgaARML.region == "84" && orgaARML.nom == "ARML Auvergne-Rhône-Alpes (démo)")
        #expect(try await banc.store.organisations(type: .arml).count == 18)

        // The pending request of a mission locale names another one of the Rhône, by its code.
        _ = try await DemandesDemo(store: banc.store, motDePasse: ComptesDemo.motDePasseParDefaut).creer()
        let demande = try #require(try await banc.store.utilisateur(email: "mission-locale@demande.demo.tdb"))
        let orgaDemande = try #require(try await banc.store.organisation(id: demande.organisation))
        #expect(orgaDemande.missionLocale?.hasPrefix("ML-DEMO-") == true && orgaDemande.missionLocale != "ML-DEMO-8421")
        #expect(orgaDemande.departement == "69" && demande.statut == .enAttenteValidation)
    }
}
