import Domain
import Foundation
import IndexEffectifs
import TestSupport
import Testing

/// Every indicator definition of domain.md §7 against counts computed by hand on a small country.
struct IndexIndicateursTests {
    static func org(
        _ id: Int64, dep: String, reg: String, fiable: Bool = true, ferme: Bool = false, reseaux: [String] = [],
        nature: NatureOrganisme = .formateur
    ) -> Organisme {
        Organisme(
            id: OrganismeID(id), uai: nil, siret: SIRET(String(format: "%014d", id))!, nom: "Organisme \(id)",
            nature: nature,
            adresse: AdresseOrganisme(departement: dep, region: reg, academie: reg == "32" ? "20" : "10"),
            reseaux: reseaux,
            fiable: fiable, ferme: ferme)
    }

    static let organismes = [
        org(1, dep: "80", reg: "32", reseaux: ["CCI"], nature: .responsableFormateur), org(2, dep: "59", reg: "32"),
        org(3, dep: "80", reg: "32", fiable: false), org(4, dep: "69", reg: "84", ferme: true),
    ]

    static func eff(
        _ id: Int64, _ org: Int64, annee: String = "2024-2025", ne: String = "2004-05-01", cfd: String? = nil,
        an formation: Int? = nil, _ session: (String, String), _ contrats: [EntreeParcours.Contrat] = []
    ) -> EffectifIndexable {
        EffectifIndexable(
            id: EffectifID(id), organisme: OrganismeID(org), anneeScolaire: AnneeScolaire(annee)!,
            dateDeNaissance: j(ne), anneeFormation: formation, cfd: cfd, rncp: nil,
            parcours: parcours(session, contrats))
    }

    static let effectifs = [
        eff(
            1, 1, ne: "2007-03-01", cfd: "50022141", an: 1, ("2024-09-02", "2026-06-30"),
            [contrat("2024-09-02", "2026-08-31")]),
        eff(2, 1, ("2024-09-02", "2025-06-30")),  // abandon after 90 days
        eff(3, 1, ("2025-02-01", "2025-06-30")),  // no status yet at D
        eff(
            4, 1, cfd: "32022310", an: 2, ("2024-09-02", "2026-06-30"),
            [contrat("2024-10-01", "2026-06-30", rupture: "2025-01-10")]),
        eff(5, 2, ("2024-12-01", "2025-06-30")),  // inscrit sans contrat
        eff(6, 3, ("2024-09-02", "2025-06-30"), [contrat("2024-09-02")]),  // non-fiable organisme
        eff(7, 4, ("2024-09-02", "2025-06-30"), [contrat("2024-09-02")]),  // closed organisme
        eff(8, 1, annee: "2023-2024", ("2023-09-04", "2025-06-30"), [contrat("2023-09-04")]),  // year not counted at D
        eff(9, 1, annee: "2025-2025", ne: "2000-01-01", ("2025-01-06", "2025-12-19"), [contrat("2025-01-06")]),
    ]

    static func index() -> IndexIndicateurs {
        let index = IndexIndicateurs()
        index.charger(
            organismes: organismes,
            catalogue: Catalogue([
                FormationCatalogue(cfd: CFD("50022141"), rncp: nil, libelle: "CAP Boulanger", niveau: 3),
                FormationCatalogue(cfd: CFD("32022310"), rncp: nil, libelle: "BTS Commerce", niveau: 5),
            ]))
        index.appliquer(effectifs)
        return index
    }

    static let D = j("2025-01-15")

    func requete(_ p: Perimetre = .national, _ change: (inout FiltresIndicateurs) -> Void = { _ in })
        -> RequeteIndicateurs
    {
        var f = FiltresIndicateurs(date: Self.D)
        change(&f)
        return RequeteIndicateurs(perimetre: p, filtres: f, aujourdhui: j("2025-01-15"))
    }

    @Test func nationalCounters() async {
        #expect(
            await Self.index().compter(requete())
                == Compteurs(apprenants: 4, apprentis: 2, inscrits: 1, rupturants: 1, abandons: 1))
    }

    @Test func byTerritory() async {
        let parDep = await Self.index().compter(requete(), par: .departement)
        #expect(parDep.map(\.cle) == ["59", "80"])
        #expect(parDep[0].compteurs == Compteurs(apprenants: 1, inscrits: 1))
        #expect(parDep[1].compteurs == Compteurs(apprenants: 3, apprentis: 2, rupturants: 1, abandons: 1))
        #expect(await Self.index().compter(requete(), par: .region).map(\.cle) == ["32"])
    }

    @Test func perimeterAndFiable() async {
        #expect(
            await Self.index().compter(requete(.organismes([OrganismeID(2)]))) == Compteurs(apprenants: 1, inscrits: 1))
        #expect(await Self.index().compter(requete(.region("84"))) == Compteurs())
        var seul = requete(.organismes([OrganismeID(3)]))
        #expect(await Self.index().compter(seul) == Compteurs())
        seul.fiablesSeulement = false
        #expect(await Self.index().compter(seul) == Compteurs(apprenants: 1, apprentis: 1))
        #expect(await Self.index().compter(requete(.aucun)) == Compteurs())
    }

    @Test func filters() async {
        let i = Self.index()
        #expect(await i.compter(requete { $0.tranchesAge = [.moins18] }) == Compteurs(apprenants: 1, apprentis: 1))
        #expect(await i.compter(requete { $0.tranchesAge = [.de21a25] }) == Compteurs(apprenants: 1, apprentis: 1))  // born 2000
        #expect(
            await i.compter(requete { $0.tranchesAge = [.de18a20] })
                == Compteurs(apprenants: 2, inscrits: 1, rupturants: 1, abandons: 1))
        #expect(await i.compter(requete { $0.niveaux = [5] }) == Compteurs(apprenants: 1, rupturants: 1))
        #expect(await i.compter(requete { $0.cfds = ["50022141"] }) == Compteurs(apprenants: 1, apprentis: 1))
        #expect(await i.compter(requete { $0.cfds = ["99999999"] }) == Compteurs())
        #expect(await i.compter(requete { $0.anneesFormation = [2] }) == Compteurs(apprenants: 1, rupturants: 1))
        #expect(await i.compter(requete { $0.reseaux = ["CCI"] }).apprenants == 3)
        #expect(await i.compter(requete { $0.departements = ["59"] }).inscrits == 1)
        #expect(await i.compter(requete { $0.organismeRecherche = "Organisme 2" }).apprenants == 1)
        #expect(await i.compter(requete { $0.bassinsEmploi = ["0051"] }) == Compteurs())
    }

    @Test func byOrganismeAndFormation() async {
        let i = Self.index()
        #expect(await i.compter(requete(), par: .organisme).map(\.cle) == ["1", "2"])
        let parFormation = await i.compter(requete(), par: .formation)
        #expect(parFormation.first { $0.cfd == "50022141" }?.libelle == "CAP Boulanger")
        #expect(parFormation.first { $0.cfd == "50022141" }?.niveau == 3)
    }

    @Test func monthlyEvolution() async {
        let e = await Self.index().evolution(requete(), debut: j("2024-09-01"), fin: j("2025-01-31"))
        #expect(e.map(\.mois) == ["2024-09", "2024-10", "2024-11", "2024-12", "2025-01"])
        #expect(e[0].date == j("2024-09-30"))
        #expect(e[0].compteurs == Compteurs(apprenants: 3, apprentis: 1, inscrits: 2))
        #expect(e[4].date == j("2025-01-15"))  // the current month is read today
        #expect(await e[4].compteurs == Self.index().compter(requete()))
    }

    @Test func coverage() async {
        let i = Self.index()
        let now = j("2025-01-15").date
        i.appliquer([Self.effectifs[4]], transmisLe: now.addingTimeInterval(-86_400))
        let c = await i.couverture(perimetre: .national, filtres: FiltresIndicateurs(date: Self.D), maintenant: now)
        #expect(c.map(\.departement) == ["59", "80"])  // non-fiable and closed organismes are left out
        #expect(
            c[0].totalOrganismes.total == 1 && c[0].organismesTransmetteurs.total == 1 && c[0].tauxCouverture == 100)
        #expect(c[1].totalOrganismes.responsablesFormateurs == 1 && c[1].organismesTransmetteurs.total == 0)
        #expect(c[1].tauxCouverture == 0 && c[1].jamaisTransmis == 1)
        let avant = await i.couverture(
            perimetre: .national, filtres: FiltresIndicateurs(date: j("2025-01-01")), maintenant: now)
        #expect(avant[0].organismesTransmetteurs.total == 0)
    }

    /// After a sequence of random transmissions (new learners and updates), the index agrees with a count
    /// recomputed from scratch from the last version of every effectif.
    @Test(arguments: [1, 2, 3])
    func agreesWithARecomputationAfterRandomTransmissions(_ graine: UInt64) async {
        var g = Generateur(graine)
        let index = IndexIndicateurs()
        index.charger(organismes: Self.organismes, catalogue: Catalogue([]))
        var derniers: [Int64: EffectifIndexable] = [:]
        for tour in 0..<30 {
            if tour == 15 { index.compacter() }  // rows laid out by year, then more updates on top
            var lot: [EffectifIndexable] = []
            for _ in 0..<g.entier(1...40) {
                let id = Int64(g.entier(1...300))
                let debut = j("2023-09-01").adding(days: g.entier(0...700))
                let fin = debut.adding(days: g.entier(30...900))
                var contrats: [EntreeParcours.Contrat] = []
                for _ in 0..<g.entier(0...2) {
                    let c = debut.adding(days: g.entier(-30...200))
                    contrats.append(
                        .init(
                            debut: c, fin: c.adding(days: g.entier(60...800)),
                            rupture: g.entier(0...3) == 0 ? c.adding(days: g.entier(0...300)) : nil))
                }
                let annee = derniers[id]?.anneeScolaire ?? AnneeScolaire.scolaire(de: debut)
                let e = EffectifIndexable(
                    id: EffectifID(id), organisme: OrganismeID(Int64(g.entier(1...4))), anneeScolaire: annee,
                    dateDeNaissance: j("2000-01-01").adding(days: g.entier(0...3000)), anneeFormation: g.entier(0...2),
                    cfd: nil, rncp: nil,
                    parcours: ConstructeurParcours.construire(
                        EntreeParcours(debutSession: debut, finSession: fin, contrats: contrats)))
                lot.append(e)
                derniers[id] = e
            }
            index.appliquer(lot)
        }
        let fiables = Set(Self.organismes.filter { $0.fiable && !$0.ferme }.map(\.id))
        for d in stride(from: 0, to: 1000, by: 37).map({ j("2023-09-01").adding(days: $0) }) {
            var attendu = Compteurs()
            let annees = Set(AnneeScolaire.annees(pourIndicateursA: d))
            for e in derniers.values where fiables.contains(e.organisme) && annees.contains(e.anneeScolaire) {
                if let s = e.parcours.statut(a: d) { attendu.ajouter(CodeStatut.code(s)) }
            }
            var f = FiltresIndicateurs(date: d)
            f.date = d
            #expect(
                await index.compter(RequeteIndicateurs(perimetre: .national, filtres: f, aujourdhui: d)) == attendu,
                "au \(d)")
        }
        #expect(index.nombreEffectifs == derniers.count)
        let evolution = await index.evolution(
            RequeteIndicateurs(
                perimetre: .national, filtres: FiltresIndicateurs(date: j("2024-06-30")),
                aujourdhui: j("2026-01-01")), debut: j("2023-09-01"), fin: j("2024-06-30"))
        for e in evolution {
            let attendu = await index.compter(
                RequeteIndicateurs(
                    perimetre: .national, filtres: FiltresIndicateurs(date: e.date),
                    aujourdhui: j("2026-01-01")))
            #expect(e.compteurs == attendu, "évolution \(e.mois)")
        }
        // Requests filtered on organismes only are answered from per-organisme counts: the same as a scan of rows.
        for d in stride(from: 0, to: 1000, by: 91).map({ j("2023-09-01").adding(days: $0) }) {
            var r = RequeteIndicateurs(
                perimetre: .region("32"), filtres: FiltresIndicateurs(date: d), aujourdhui: j("2026-01-01"))
            r.fiablesSeulement = tour(d) % 2 == 0
            index.mode = .comptages
            let rapide = (
                await parGroupe(index, r), await index.compter(r),
                await index.evolution(r, debut: j("2023-09-01"), fin: d).map(\.compteurs)
            )
            index.mode = .balayage
            let balayage = (
                await parGroupe(index, r), await index.compter(r),
                await index.evolution(r, debut: j("2023-09-01"), fin: d).map(\.compteurs)
            )
            index.mode = .automatique
            #expect(rapide.0 == balayage.0 && rapide.1 == balayage.1 && rapide.2 == balayage.2, "au \(d)")
        }
    }

    private func tour(_ d: Jour) -> Int { Int(d.rawValue) }

    private func parGroupe(_ index: IndexIndicateurs, _ r: RequeteIndicateurs) async -> [[LigneIndicateurs]] {
        var lignes: [[LigneIndicateurs]] = []
        for groupe in Regroupement.allCases { lignes.append(await index.compter(r, par: groupe)) }
        return lignes
    }
}

/// A small deterministic generator (SplitMix64) for reproducible random tests.
struct Generateur {
    var etat: UInt64
    init(_ graine: UInt64) { etat = graine }
    mutating func suivant() -> UInt64 {
        etat &+= 0x9E37_79B9_7F4A_7C15
        var z = etat
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func entier(_ r: ClosedRange<Int>) -> Int { r.lowerBound + Int(suivant() % UInt64(r.count)) }
}
