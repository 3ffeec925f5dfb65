import Domain
import Testing

/// For every organisation type, which organismes of a small country each capability reaches.
struct DroitsTests {
    /// A: Amiens, responsable of B (same company) and of C (partial: C also has responsable D of another company).
    /// B: Abbeville. C: Lille. D: Lille, another company. E: Lyon. F: Paris, and a réseau responsable (AFPA).
    static let organismes: [String: Organisme] = [
        "A": org(1, "77937827200016", dep: "80", reg: "32", aca: "20", ["CCI"]),
        "B": org(2, "77937827200024", dep: "80", reg: "32", aca: "20", ["CCI"]),
        "C": org(3, "11111111100011", dep: "59", reg: "32", aca: "09", ["CMA"]),
        "D": org(4, "22222222200022", dep: "59", reg: "32", aca: "09", ["MFR"]),
        "E": org(5, "33333333300033", dep: "69", reg: "84", aca: "10", ["CFA_EC"]),
        "F": org(6, "44444444400044", dep: "75", reg: "11", aca: "01", ["CCI", "AFPA"]),
    ]

    static func org(_ id: Int64, _ siret: String, dep: String, reg: String, aca: String, _ reseaux: [String])
        -> Organisme
    {
        Organisme(
            id: OrganismeID(id), uai: nil, siret: SIRET(siret)!, nom: siret,
            adresse: AdresseOrganisme(
                departement: dep, region: reg, academie: aca), reseaux: reseaux)
    }

    /// The perimeter a capability gives, as the letters of the organismes it reaches.
    static func lettres(_ p: Perimetre) -> String {
        organismes.filter { p.inclut($0.value) }.keys.sorted().joined()
    }

    struct Cas: Sendable, CustomTestStringConvertible {
        let organisation: Organisation
        let contexte: ContexteOrganisation
        /// indicateurs, transmissions, contacts, apprenants, apprentis, inscrits, rupturants, abandons, gérer, configurer
        let attendu: [String]
        let contactsDansListes: Bool
        var testDescription: String { organisation.type.rawValue + " " + organisation.nom }
    }

    static let formateursDeA = ContexteOrganisation(formateurs: [(OrganismeID(2), false), (OrganismeID(3), true)])
    static let id = OrganisationID(1)
    static let tout = "ABCDEF"

    static let cas: [Cas] =
        [
            Cas(
                organisation: Organisation(id: id, type: .organismeFormation, nom: "CFA A", organisme: OrganismeID(1)),
                contexte: formateursDeA,
                attendu: ["ABC", "ABC", "ABC", "AB", "AB", "AB", "AB", "AB", "AB", "A"], contactsDansListes: false),
            Cas(
                organisation: Organisation(id: id, type: .organismeFormation, nom: "CFA B", organisme: OrganismeID(2)),
                contexte: ContexteOrganisation(),
                attendu: ["B", "B", "B", "B", "B", "B", "B", "B", "B", "B"], contactsDansListes: false),
            Cas(
                organisation: Organisation(id: id, type: .teteDeReseau, nom: "CCI", reseau: "CCI"),
                contexte: ContexteOrganisation(),
                attendu: ["ABF", "ABF", "ABF", "", "", "", "", "", "", ""], contactsDansListes: false),
            Cas(
                organisation: Organisation(id: id, type: .teteDeReseau, nom: "AFPA", reseau: "AFPA"),
                contexte: ContexteOrganisation(reseauResponsable: true),
                attendu: ["F", "F", "F", "F", "F", "F", "F", "F", "F", ""], contactsDansListes: false),
            Cas(
                organisation: Organisation(id: id, type: .dreets, nom: "DREETS HdF", region: "32"),
                contexte: ContexteOrganisation(),
                attendu: ["ABCD", tout, "ABCD", "", "", "ABCD", "ABCD", "ABCD", "", ""], contactsDansListes: true),
            Cas(
                organisation: Organisation(id: id, type: .ddets, nom: "DDETS Nord", departement: "59"),
                contexte: ContexteOrganisation(),
                attendu: ["CD", tout, "CD", "", "", "CD", "CD", "CD", "", ""], contactsDansListes: true),
            Cas(
                organisation: Organisation(id: id, type: .academie, nom: "Amiens", academie: "20"),
                contexte: ContexteOrganisation(),
                attendu: ["AB", tout, "AB", "", "", "AB", "AB", "AB", "", ""], contactsDansListes: true),
        ]
        + [TypeOrganisation.draaf, .drafpic, .conseilRegional, .carifOrefRegional].map {
            Cas(
                organisation: Organisation(id: id, type: $0, nom: "Région", region: "32"),
                contexte: ContexteOrganisation(),
                attendu: ["ABCD", "ABCD", "ABCD", "", "", "", "", "", "", ""], contactsDansListes: false)
        }
        + [TypeOrganisation.carifOrefNational, .operateurPublicNational].map {
            Cas(
                organisation: Organisation(id: id, type: $0, nom: "National"), contexte: ContexteOrganisation(),
                attendu: [tout, tout, tout, "", "", "", "", "", "", ""], contactsDansListes: false)
        }
        + [TypeOrganisation.arml, .franceTravail].map {
            Cas(
                organisation: Organisation(id: id, type: $0, nom: "ARA", region: "84"),
                contexte: ContexteOrganisation(),
                attendu: ["E", "", "E", "", "", "", "", "", "", ""], contactsDansListes: false)
        } + [
            Cas(
                organisation: Organisation(id: id, type: .missionLocale, nom: "ML Lyon"),
                contexte: ContexteOrganisation(),
                attendu: ["", "", "", "", "", "", "", "", "", ""], contactsDansListes: false),
            Cas(
                organisation: Organisation(id: id, type: .administrateur, nom: "Équipe"),
                contexte: ContexteOrganisation(),
                attendu: Array(repeating: tout, count: 10), contactsDansListes: false),
        ]

    static let ordre: [Capacite] = [
        .voirIndicateurs, .voirTransmissions, .voirContacts, .listeApprenants, .listeApprentis,
        .listeInscritsSansContrat, .listeRupturants, .listeAbandons, .gererEffectifs, .configurerTransmission,
    ]

    @Test(arguments: cas)
    func reach(_ c: Cas) {
        let droits = Droits(c.organisation, contexte: c.contexte)
        #expect(Self.ordre.map { Self.lettres(droits.perimetre($0)) } == c.attendu)
        #expect(droits.contactsDansListes == c.contactsDansListes)
    }

    @Test func everyTypeIsInTheTableAndCovered() {
        #expect(Set(Self.cas.map(\.organisation.type)) == Set(TypeOrganisation.allCases))
        for t in TypeOrganisation.allCases {
            #expect(TablePermissions.reference.lignes[t] != nil)
        }
    }

    @Test func anOrganisationWithoutItsAnchorSeesNothing() {
        let sansRegion = Droits(Organisation(id: Self.id, type: .dreets, nom: "?"), contexte: ContexteOrganisation())
        #expect(sansRegion.perimetre(.voirIndicateurs) == .aucun)
        #expect(!sansRegion.peut(.voirIndicateurs))
    }

    @Test func responsableReseauxComeFromTheList() {
        #expect(Reseau.nomme("AFPA")?.responsable == true)
        #expect(Reseau.nomme("CCI")?.responsable == false)
    }
}
