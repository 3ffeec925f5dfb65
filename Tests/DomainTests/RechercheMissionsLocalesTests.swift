import Domain
import Foundation
import Testing

struct RechercheMissionsLocalesTests {
    static let referentiel = [
        MissionLocale(
            code: "ML-69-LYON", nom: "Mission locale de Lyon", codePostal: "69003", commune: "Lyon",
            departement: "69", region: "84", communes: ["69123"], codesPostaux: ["69001", "69002"]),
        MissionLocale(
            code: "ML-69-VIL", nom: "Mission locale de Villefranche", commune: "Villefranche-sur-Saône",
            departement: "69", region: "84", communes: ["69264"]),
        MissionLocale(
            code: "ML-42-SE", nom: "Mission locale de Saint-Étienne", commune: "Saint-Étienne", departement: "42",
            region: "84", communes: ["42218"]),
        MissionLocale(
            code: "ML-13-MRS", nom: "Mission locale de Marseille", commune: "Marseille", departement: "13",
            region: "93", communes: ["13055"]),
        MissionLocale(
            code: "ML-2A", nom: "Mission locale d'Ajaccio", commune: "Ajaccio", departement: "2A", region: "94",
            communes: ["2A004"]),
    ]

    /// Search → the codes found, by name.
    @Test(arguments: [
        ("", [String]()),
        ("   ", []),
        ("69", ["ML-69-LYON", "ML-69-VIL"]),
        ("2a", ["ML-2A"]),
        ("Rhône", ["ML-69-LYON", "ML-69-VIL"]),
        ("rhone", ["ML-69-LYON", "ML-69-VIL"]),
        ("lyon", ["ML-69-LYON"]),
        ("saint etienne", ["ML-42-SE"]),
        ("SAINT-ÉTIENNE", ["ML-42-SE"]),
        ("Villefranche-sur", ["ML-69-VIL"]),
        ("69123", ["ML-69-LYON"]),
        ("2A004", ["ML-2A"]),
        ("69002", ["ML-69-LYON"]),
        ("69003", ["ML-69-LYON"]),
        ("mission locale", ["ML-2A", "ML-69-LYON", "ML-13-MRS", "ML-42-SE", "ML-69-VIL"]),
        // A département's exact name is that département only; its words still find the others.
        ("bouches-du-rhône", ["ML-13-MRS"]),
        ("rhône", ["ML-69-LYON", "ML-69-VIL"]),
        ("Rhon", ["ML-69-LYON", "ML-13-MRS", "ML-69-VIL"]),
        ("Corse-du-Sud", ["ML-2A"]),
        ("Toulouse", []),
        ("75", []),
        ("99", []),
    ])
    func searchByNameCommuneOrDepartement(recherche: String, attendus: [String]) {
        #expect(
            RechercheMissionsLocales.filtrer(Self.referentiel, recherche: recherche).map(\.code) == attendus,
            "« \(recherche) »")
    }

    @Test func theMissionLocaleIsNamedInThePerimeterInWords() {
        let id = OrganisationID(1)
        func enMots(_ o: Organisation) -> [String] {
            let u = Utilisateur(
                id: UtilisateurID(1), email: "ml@ml.test", nom: "Martin", prenom: "Léa", organisation: id,
                role: .membre, statut: .actif, hashMotDePasse: "", createdAt: Date(timeIntervalSince1970: 0))
            return Identite(
                utilisateur: u,
                session: SessionUtilisateur(
                    id: 1, utilisateur: u.id, expireLe: Date(timeIntervalSince1970: 0), incarnation: nil),
                organisationPropre: o, organisation: o, droits: Droits(o, contexte: ContexteOrganisation())
            ).perimetreEnMots
        }
        let rattachee = Organisation(
            id: id, type: .missionLocale, nom: "Mission locale de Lyon (démo)", departement: "69",
            missionLocale: "ML-DEMO-8421")
        #expect(
            enMots(rattachee).contains(
                "les jeunes en rupture de contrat qui résident sur le territoire de sa mission locale : "
                    + "Mission locale de Lyon (démo)"))
        let ancienne = Organisation(id: id, type: .missionLocale, nom: "Mission locale de Bron")
        #expect(enMots(ancienne).contains { $0.hasPrefix("aucun jeune") })
        let dreets = Organisation(id: id, type: .dreets, nom: "DREETS", region: "84")
        #expect(!enMots(dreets).contains { $0.contains("mission locale") })
    }
}
