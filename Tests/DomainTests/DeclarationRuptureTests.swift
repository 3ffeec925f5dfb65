import Domain
import Foundation
import TestSupport
import Testing

/// A rupture declared by the CFA before its ERP sends it (issue 15): the form names each bad field, the declared
/// timeline breaks the running contract on that day, the case follows it until the ERP's data shows a rupture, and
/// both sides read how the ERP's data compares.
struct DeclarationRuptureTests {
    /// Léa Martin of domain.md §2.5: session 2024-09-02 → 2026-06-30, contract 2024-10-01 → 2026-08-31, Amiens.
    static func lea(rupture: String? = nil, contrats: [Effectif.Contrat]? = nil) throws -> Effectif {
        guard case .valide(let d) = DecodeurDossier.decoder(json(dossierValideExemple)) else {
            throw CancellationError()
        }
        var e = Effectif(
            dossier: d, formateur: OrganismeID(1), responsable: OrganismeID(1), source: .erp,
            transmetteur: OrganismeID(1), now: Date(timeIntervalSince1970: 1_730_000_000))
        if let contrats { e.contrats = contrats }
        if let rupture { e.contrats[0].dateRupture = j(rupture) }
        return e
    }

    static func contrat(_ debut: String, _ fin: String?, rupture: String? = nil) -> Effectif.Contrat {
        Effectif.Contrat(
            dateDebut: j(debut), dateFin: fin.map(j), dateRupture: rupture.map(j), causeRupture: nil, siret: nil)
    }

    static let aujourdhui = j("2025-03-01")

    @Test(
        arguments: [
            (["date": "2025-02-10", "cause": "Démission"], []),
            (["date": "", "cause": "Démission"], ["date"]),
            (["cause": "Démission"], ["date"]),
            (["date": "10/02/2025", "cause": "Démission"], ["date"]),
            (["date": "2025-02-30", "cause": "Démission"], ["date"]),
            (["date": "0001-01-01", "cause": "Démission"], ["date"]),
            // After today.
            (["date": "2025-03-02", "cause": "Démission"], ["date"]),
            // Before the contract started, and on its first day (no day of contract).
            (["date": "2024-09-20", "cause": "Démission"], ["date"]),
            (["date": "2024-10-01", "cause": "Démission"], ["date"]),
            (["date": "2024-10-02", "cause": "  Démission  "], []),
            (["date": "2025-02-10", "cause": "   "], ["cause"]),
            (["date": "2025-02-10", "cause": String(repeating: "é", count: 201)], ["cause"]),
            (["date": "2025-02-10", "cause": String(repeating: "é", count: 200)], []),
            ([:], ["date", "cause"]),
        ] as [([String: String], [String])])
    func theFormNamesEachBadField(champs: [String: String], enErreur: [String]) throws {
        switch DeclarationRupture.lire(champs, effectif: try Self.lea(), aujourdhui: Self.aujourdhui) {
        case .success(let d):
            #expect(enErreur.isEmpty)
            #expect(d.cause == champs["cause"]?.trimmingCharacters(in: .whitespaces))
            #expect(d.date.description == champs["date"])
        case .failure(let e):
            #expect(e.liste.map(\.champ) == enErreur)
            #expect(e.liste.allSatisfy { !$0.message.isEmpty })
        }
    }

    @Test func aContractTheERPAlreadyBrokeOrThatEndedCannotBeBrokenAgain() throws {
        let rompu = try Self.lea(rupture: "2025-01-10")
        guard
            case .failure(let e) = DeclarationRupture.lire(
                ["date": "2025-02-10", "cause": "Démission"], effectif: rompu, aujourdhui: Self.aujourdhui)
        else {
            Issue.record("a declaration after the ERP's rupture was accepted")
            return
        }
        #expect(e.liste.first?.message.contains("rompu le 10 janvier 2025") == true)
        let termine = try Self.lea(contrats: [Self.contrat("2024-10-01", "2025-01-31")])
        #expect(DeclarationRupture.contratRompu(termine.entreeParcours, le: j("2025-01-31")) != nil)
        #expect(DeclarationRupture.contratRompu(termine.entreeParcours, le: j("2025-02-01")) == nil)
    }

    @Test func theDeclaredTimelineBreaksTheRunningContractOnThatDay() throws {
        let e = try Self.lea()
        let p = try #require(DeclarationRupture.parcours(e, declaree: j("2025-02-10")))
        // Abandon 180 days after the rupture, as for a rupture the ERP sends.
        #expect(
            p.etapes == etapes("2024-09-02 INSCRIT, 2024-10-01 APPRENTI, 2025-02-10 RUPTURANT, 2025-08-09 ABANDON"))
        // The second of two contracts is the one running.
        let deux = try Self.lea(contrats: [
            Self.contrat("2024-10-01", "2024-12-31"), Self.contrat("2025-01-06", "2026-08-31"),
        ])
        let q = try #require(DeclarationRupture.parcours(deux, declaree: j("2025-02-10")))
        #expect(q.statut(a: j("2025-02-09")) == .apprenti)
        #expect(q.statut(a: j("2025-02-10")) == .rupturant)
        #expect(DeclarationRupture.parcours(try Self.lea(rupture: "2025-01-10"), declaree: j("2025-02-10")) == nil)
    }

    /// Generated contracts and days: a declaration is possible exactly when a contract runs, unbroken, from before
    /// the day to the day; the declared timeline is then in contract the day before and out of it on the day, unless
    /// another contract covers that day.
    @Test(arguments: [1, 2, 3, 4, 5] as [UInt64])
    func aDeclarationIsPossibleExactlyWhileAContractRuns(graine: UInt64) throws {
        var g = GenerateurSuivis(graine: graine)
        let base = try Self.lea()
        for _ in 0..<300 {
            var contrats: [Effectif.Contrat] = []
            for _ in 0..<g.entier(0...3) {
                let debut = j("2024-09-02").adding(days: g.entier(-30...500))
                let fin = g.entier(0...4) == 0 ? nil : debut.adding(days: g.entier(0...700))
                let rupture = g.entier(0...3) == 0 ? debut.adding(days: g.entier(1...400)) : nil
                contrats.append(
                    Effectif.Contrat(
                        dateDebut: debut, dateFin: fin, dateRupture: rupture, causeRupture: nil, siret: nil))
            }
            var e = base
            e.contrats = contrats
            let d = j("2024-09-02").adding(days: g.entier(0...660))
            let possible = DeclarationRupture.contratRompu(e.entreeParcours, le: d) != nil
            #expect((DeclarationRupture.parcours(e, declaree: d) != nil) == possible)
            guard let p = DeclarationRupture.parcours(e, declaree: d),
                let rompu = DeclarationRupture.contratRompu(e.entreeParcours, le: d)
            else { continue }
            #expect(e.parcours.statut(a: d.adding(days: -1)) == .apprenti)
            #expect(p.statut(a: d.adding(days: -1)) == .apprenti)
            // The contracts the status builder keeps: the last of those starting the same day.
            let retenus = Dictionary(contrats.indices.map { (contrats[$0].dateDebut, $0) }, uniquingKeysWith: max)
            let autreCouvre = retenus.values.contains { i in
                let c = contrats[i]
                let fin = c.dateRupture.map { $0.adding(days: -1) } ?? c.dateFin ?? e.formation.dateFin
                return i != rompu && (c.dateDebut ?? .epoch) <= d && fin >= d
            }
            #expect((p.statut(a: d) == .apprenti) == autreCouvre, "\(contrats) \(d)")
        }
    }

    static let couverture = CouvertureMissionsLocales([
        MissionLocale(code: "ML-AMIENS", nom: "Amiens", communes: ["80021"], codesPostaux: [])
    ])
    static let regles = ReglesSuivi(depuis: j("2025-01-01"))

    @Test func theCaseFollowsTheDeclarationUntilTheERPSendsARupture() throws {
        let e = try Self.lea()
        func ligne(_ e: Effectif, declaree: String?) -> LigneSuivi {
            DerivationSuivis.ligne(
                id: EffectifID(7), effectif: e, parcours: e.parcours, regles: Self.regles,
                couverture: Self.couverture, declaree: declaree.map(j))
        }
        // The ERP's data alone: no case.
        #expect(!ligne(e, declaree: nil).estCandidat)
        // Declared: a case at once, in rupture on the declared day, marked declared.
        let declaree = ligne(e, declaree: "2025-02-10")
        #expect(declaree.estCandidat)
        #expect(declaree.missionLocale == "ML-AMIENS")
        #expect(declaree.rupture == j("2025-02-10"))
        #expect(declaree.ruptureDeclaree == j("2025-02-10"))
        // The ERP sends the rupture, a few days later than declared: its data rules, the mark goes.
        let rapprochee = ligne(try Self.lea(rupture: "2025-02-14"), declaree: "2025-02-10")
        #expect(rapprochee.rupture == j("2025-02-14"))
        #expect(rapprochee.ruptureDeclaree == nil)
        #expect(rapprochee.parcours == (try Self.lea(rupture: "2025-02-14")).parcours)
    }

    @Test func bothSidesReadHowTheERPsDataCompares() throws {
        let declareeLe = Date(timeIntervalSince1970: 1_739_200_000)  // 2025-02-10
        let d = j("2025-02-10")
        #expect(
            EtatDeclaration.etat(declaree: d, le: declareeLe, effectif: try Self.lea(), transmisLe: nil) == .enAttente)
        #expect(
            EtatDeclaration.etat(
                declaree: d, le: declareeLe, effectif: try Self.lea(),
                transmisLe: declareeLe.addingTimeInterval(-3_600)) == .enAttente)
        let encore = EtatDeclaration.etat(
            declaree: d, le: declareeLe, effectif: try Self.lea(), transmisLe: declareeLe.addingTimeInterval(86_400))
        #expect(encore.estContredite)
        #expect(encore.libelle.contains("toujours en cours"))
        #expect(
            EtatDeclaration.etat(
                declaree: d, le: declareeLe, effectif: try Self.lea(rupture: "2025-02-10"),
                transmisLe: declareeLe.addingTimeInterval(86_400)) == .confirmee)
        let autreDate = EtatDeclaration.etat(
            declaree: d, le: declareeLe, effectif: try Self.lea(rupture: "2025-02-14"),
            transmisLe: declareeLe.addingTimeInterval(86_400))
        #expect(
            autreDate
                == .contredite(
                    "L'ERP indique une rupture le 14 février 2025, le CFA l'avait déclarée le 10 février 2025."))
        let termine = EtatDeclaration.etat(
            declaree: d, le: declareeLe, effectif: try Self.lea(contrats: [Self.contrat("2024-10-01", "2025-01-31")]),
            transmisLe: declareeLe.addingTimeInterval(86_400))
        #expect(termine == .contredite("L'ERP n'indique plus de contrat en cours le 10 février 2025."))
    }
}
