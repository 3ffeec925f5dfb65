import Domain
import Foundation
import Testing

/// Issue 16: which CFAs a company finds for a trade around a territory, in which order, and what it learns of their
/// learners without an employer.
struct RechercheCFATests {
    static let macon = CodeROME("F1703")!
    static let cfdMacon = "50023215"
    static let cfdBP = "40023201"
    static let cfdBoulanger = "50022106"
    static let catalogue = Catalogue([
        FormationCatalogue(cfd: CFD(cfdMacon), rncp: nil, libelle: "CAP Maçon", niveau: 3, codesRome: [macon]),
        FormationCatalogue(cfd: CFD(cfdBP), rncp: nil, libelle: "BP Maçon", niveau: 4, codesRome: [macon]),
        FormationCatalogue(
            cfd: CFD(cfdBoulanger), rncp: nil, libelle: "CAP Boulanger", niveau: 3, codesRome: [CodeROME("D1102")!]),
    ])

    static func organisme(
        _ id: Int64, _ nom: String, commune: String, insee: String, dep: String, reg: String, fiable: Bool = true,
        ferme: Bool = false
    ) -> Organisme {
        Organisme(
            id: OrganismeID(id), uai: nil, siret: SIRET("77937827200016")!, nom: nom,
            adresse: AdresseOrganisme(codeCommuneInsee: insee, commune: commune, departement: dep, region: reg),
            fiable: fiable, ferme: ferme)
    }

    static let organismes: [OrganismeID: Organisme] = Dictionary(
        uniqueKeysWithValues: [
            organisme(1, "CFA du BTP de Villeurbanne", commune: "Villeurbanne", insee: "69266", dep: "69", reg: "84"),
            organisme(
                2, "CFA de Villefranche", commune: "Villefranche-sur-Saône", insee: "69264", dep: "69", reg: "84"),
            organisme(3, "CFA de Saint-Étienne", commune: "Saint-Étienne", insee: "42218", dep: "42", reg: "84"),
            organisme(4, "CFA de Marseille", commune: "Marseille", insee: "13055", dep: "13", reg: "93"),
            organisme(5, "CFA fermé de Lyon", commune: "Lyon", insee: "69123", dep: "69", reg: "84", ferme: true),
            organisme(
                6, "CFA non fiable de Lyon", commune: "Lyon", insee: "69123", dep: "69", reg: "84", fiable: false),
            organisme(7, "CFA discret de Lyon", commune: "Lyon", insee: "69123", dep: "69", reg: "84"),
            organisme(8, "CFA boulanger de Lyon", commune: "Lyon", insee: "69123", dep: "69", reg: "84"),
            organisme(9, "CFA sans apprenant de Lyon", commune: "Lyon", insee: "69123", dep: "69", reg: "84"),
        ].map { ($0.id, $0) })

    static func e(_ o: Int64, _ cfd: String, _ n: Int, sans: Int) -> EffectifsFormation {
        EffectifsFormation(organisme: OrganismeID(o), cfd: cfd, rncp: nil, apprenants: n, sansContrat: sans)
    }

    static let effectifs = [
        e(1, cfdMacon, 10, sans: 1), e(1, cfdBP, 5, sans: 2),  // 3 in all: "3 à 5"
        e(2, cfdMacon, 8, sans: 2),  // under 3: nothing shown
        e(3, cfdBP, 20, sans: 12),
        e(4, cfdMacon, 9, sans: 7),
        e(5, cfdMacon, 9, sans: 9), e(6, cfdMacon, 9, sans: 9), e(7, cfdMacon, 9, sans: 9),
        e(8, cfdBoulanger, 9, sans: 9),
        e(9, cfdMacon, 0, sans: 0),
    ]

    static func chercher(_ t: TerritoireRecherche) -> [CFATrouve] {
        RechercheCFA.chercher(
            metier: macon, territoire: t, organismes: organismes, catalogue: catalogue, effectifs: effectifs,
            contacts: [
                OrganismeID(7): ContactPublic(visible: false), OrganismeID(1): ContactPublic(courriel: "btp@cfa.fr"),
            ])
    }

    /// Territory → the CFAs found, nearest first (ids), with how close.
    @Test(arguments: [
        (TerritoireRecherche.commune("69123"), [1, 2, 3], [Proximite.memeZoneEmploi, .memeDepartement, .memeRegion]),
        (.zoneEmploi("8421"), [1, 2, 3], [.memeZoneEmploi, .memeDepartement, .memeRegion]),
        (.zoneEmploi("8434"), [2, 1, 3], [.memeZoneEmploi, .memeDepartement, .memeRegion]),
        (.departement("69"), [2, 1, 3], [.memeDepartement, .memeDepartement, .memeRegion]),
        (.departement("42"), [3, 2, 1], [.memeDepartement, .memeRegion, .memeRegion]),
        (.region("84"), [3, 2, 1], [.memeRegion, .memeRegion, .memeRegion]),
        (.departement("13"), [4], [.memeDepartement]),
        (.departement("75"), [], []),
        (.france, [4, 3, 2, 1], [.ailleurs, .ailleurs, .ailleurs, .ailleurs]),
    ])
    func theReliableOpenVisibleCFAsTrainingForTheTradeComeNearestFirst(
        _ t: TerritoireRecherche, _ ids: [Int64], _ proximites: [Proximite]
    ) {
        let trouves = Self.chercher(t)
        #expect(trouves.map(\.organisme.id.rawValue) == ids)
        #expect(trouves.map(\.proximite) == proximites)
    }

    @Test func learnersWithoutAnEmployerAreShownOnlyAsBandsFromThree() {
        let parId = Dictionary(uniqueKeysWithValues: Self.chercher(.france).map { ($0.organisme.id.rawValue, $0) })
        #expect(parId[1]?.trancheSansContrat == "3 à 5")  // 1 + 2 over its two formations
        #expect(parId[2]?.trancheSansContrat == nil)
        #expect(parId[3]?.trancheSansContrat == "plus de 10")
        #expect(parId[4]?.trancheSansContrat == "6 à 10")
        #expect(parId[1]?.formations.map(\.libelle) == ["CAP Maçon", "BP Maçon"])
        #expect(parId[1]?.contact.courriel == "btp@cfa.fr")
    }

    @Test(
        arguments: [
            (0, nil), (1, nil), (2, nil), (3, "3 à 5"), (5, "3 à 5"), (6, "6 à 10"), (10, "6 à 10"), (11, "plus de 10"),
            (500, "plus de 10"),
        ] as [(Int, String?)])
    func bands(_ n: Int, _ libelle: String?) {
        #expect(TrancheSansContrat.libelle(n) == libelle)
    }

    @Test func territoriesAreReadFromAddressesAndWidenUpToFrance() {
        #expect(TerritoireRecherche("commune-69123") == .commune("69123"))
        #expect(TerritoireRecherche("zone-8421") == .zoneEmploi("8421"))
        #expect(TerritoireRecherche("departement-2A") == .departement("2A"))
        #expect(TerritoireRecherche("region-84") == .region("84"))
        #expect(TerritoireRecherche("france") == .france)
        for faux in ["commune-99999", "zone-0000", "departement-00", "region-99", "pays-FR", "departement", ""] {
            #expect(TerritoireRecherche(faux) == nil, "\(faux)")
        }
        #expect(TerritoireRecherche.commune("69123").elargissements() == [.departement("69"), .region("84"), .france])
        #expect(
            TerritoireRecherche.zoneEmploi("8421").elargissements() == [.departement("69"), .region("84"), .france])
        #expect(TerritoireRecherche.departement("42").elargissements() == [.region("84"), .france])
        #expect(TerritoireRecherche.region("84").elargissements() == [.france])
        #expect(TerritoireRecherche.france.elargissements() == [])
    }
}

/// Issue 16: a CFA's public settings, as its administrators type them.
struct ContactPublicTests {
    @Test func validValuesAreNormalised() throws {
        let c = try ContactPublic.lire([
            "visible": "oui", "courriel": " Contact@CFA.fr ", "telephone": "06 12 34 56 78",
        ])
        .get()
        #expect(c == ContactPublic(visible: true, courriel: "contact@cfa.fr", telephone: "0612345678"))
        #expect(try ContactPublic.lire([:]).get() == ContactPublic(visible: false))
    }

    @Test(arguments: [
        (["courriel": "pas-une-adresse"], "courriel"), (["telephone": "12"], "telephone"),
        (["telephone": "+44 20 7946 0958"], "telephone"), (["visible": "peut-être"], "visible"),
    ])
    func eachBadFieldIsNamed(_ champs: [String: String], _ champ: String) {
        guard case .failure(let e) = ContactPublic.lire(champs) else {
            Issue.record("accepted \(champs)")
            return
        }
        #expect(e.liste.map(\.champ) == [champ])
        #expect(e.liste.allSatisfy { !$0.message.isEmpty })
    }

    @Test func changesAreDescribedForTheJournal() {
        let avant = ContactPublic()
        let apres = ContactPublic(visible: false, courriel: "a@b.fr")
        #expect(apres.modifications(depuis: avant) == ["retiré de la recherche publique", "e-mail public : a@b.fr"])
        #expect(avant.modifications(depuis: avant).isEmpty)
    }
}
