import Domain
import Foundation
import TestSupport
import Testing

/// A CFA's list of young people in rupture kept in memory (issue 15's figures): whatever is written between two
/// views — records, cases, the day, the référentiel — it shows what computing the list from scratch shows, and
/// reads again only the records written since.
struct ListeRupturesCFATests {
    static let regles = ReglesSuivi(depuis: j("2025-01-01"))
    static let couvertures = [
        CouvertureMissionsLocales([
            MissionLocale(code: "A", nom: "Alpha", communes: ["80021", "80001"], codesPostaux: [])
        ]),
        CouvertureMissionsLocales([MissionLocale(code: "B", nom: "Bravo", communes: ["80021"], codesPostaux: [])]),
    ]

    /// A learner of the CFA with a random name, birth date, residence and timeline.
    static func effectif(_ id: Int64, _ g: inout GenerateurSuivis) throws -> EffectifStocke {
        var e = try DeclarationRuptureTests.lea()
        e.apprenant.nom = ["MARTIN", "Bernard", "ÉLOÏSE", "dupont", "Le Gall"][g.entier(0...4)]
        e.apprenant.dateDeNaissance = g.jour("1996-01-01", jours: 4_500)
        e.apprenant.rqth = g.entier(0...10) == 0
        e.apprenant.adresse?.codeInsee = ["80021", "80001", "75056"][g.entier(0...2)]
        let debut = g.jour("2024-06-01", jours: 90)
        let rupture = g.jour("2024-11-01", jours: 300)
        var timeline = "\(debut) APPRENTI, \(rupture) RUPTURANT"
        if g.entier(0...2) == 0 { timeline += ", \(rupture.adding(days: g.entier(1...120))) APPRENTI" }
        if g.entier(0...5) == 0 { timeline = "\(debut) APPRENTI" }
        return EffectifStocke(id: EffectifID(id), effectif: e, parcours: Parcours(etapes(timeline)))
    }

    /// What a page compares: each row's learner, rupture, age, case, mission locale and scope, in order.
    static func cles(_ l: [JeuneEnRupture]) -> [String] {
        l.map {
            "\($0.effectif.id) \($0.effectif.effectif.apprenant.nom) \($0.rupture) \($0.age) "
                + "\($0.suivi.map { "\($0.id)/\($0.version)/\($0.prisEnCharge)" } ?? "-") "
                + "\($0.missionLocale ?? "-") \($0.horsChamp.map { "\($0)" } ?? "-")"
        }
    }

    @Test(arguments: [1, 2, 3, 4, 5, 6] as [UInt64]) func itShowsWhatTheListComputedFromScratchShows(graine: UInt64)
        throws
    {
        var g = GenerateurSuivis(graine: graine)
        var records: [EffectifID: (version: Int64, e: EffectifStocke)] = [:]
        var suivis: [EffectifID: (seq: Int64, suivi: SuiviStocke)] = [:]
        var liste = ListeRupturesCFA()
        var (version, seq): (Int64, Int64) = (0, 0)
        var jour = j("2025-06-15")
        var referentiel = 0
        for _ in 0..<70 {
            var ecrits = Set<EffectifID>()
            for _ in 0..<g.entier(0...8) {
                let id = EffectifID(Int64(g.entier(1...40)))
                switch g.entier(0...9) {
                case 0: records[id] = nil
                case 1: suivis[id] = nil
                case 2...4:
                    seq += 1
                    var s = g.suivi(id.rawValue)
                    s.ligne.effectif = id
                    s.prisEnCharge = g.entier(0...1) == 0
                    if let e = records[id]?.e, g.entier(0...3) == 0 {
                        // A rupture declared by the CFA: the case's timeline rules.
                        s.ligne.ruptureDeclaree = j("2025-05-02")
                        s.ligne.parcours = Parcours(etapes("2024-09-01 APPRENTI, 2025-05-02 RUPTURANT"))
                        s.ligne.organisme = e.effectif.organismeId
                    }
                    suivis[id] = (seq, s)
                default:
                    version += 1
                    records[id] = (version, try Self.effectif(id.rawValue, &g))
                    ecrits.insert(id)
                }
            }
            if g.entier(0...9) == 0 { jour = jour.adding(days: g.entier(1...60)) }
            if g.entier(0...14) == 0 { referentiel = 1 - referentiel }
            let versions = records.mapValues(\.version)
            let aLire = liste.aLire(versions)
            // Only what was written since the last view is read (all of it the first time).
            #expect(Set(aLire).isSubset(of: Set(records.keys)))
            #expect(ecrits.intersection(records.keys).isSubset(of: Set(aLire)))
            let obtenu = liste.mettreAJour(
                versions: versions, lus: aLire.compactMap { records[$0]?.e }, suivis: suivis,
                contexte: .init(aujourdhui: jour, regles: Self.regles, versionReferentiel: Int64(referentiel)),
                couverture: Self.couvertures[referentiel])
            let attendu = RupturesCFA.jeunes(
                records.values.map(\.e), suivis: suivis.mapValues(\.suivi), regles: Self.regles,
                couverture: Self.couvertures[referentiel], aujourdhui: jour)
            #expect(Self.cles(obtenu) == Self.cles(attendu))
            #expect(liste.aLire(versions).isEmpty)
        }
    }

    /// The index may lag behind the database: a record read at a later write than the caller knew is kept under the
    /// older number, so it is read again once the caller knows of that write — never kept stale.
    @Test func aRecordReadAheadOfTheCallerIsReadAgainWhenTheCallerCatchesUp() throws {
        var g = GenerateurSuivis(graine: 9)
        let id = EffectifID(1)
        let contexte = ListeRupturesCFA.Contexte(
            aujourdhui: j("2025-06-15"), regles: Self.regles, versionReferentiel: 0)
        var liste = ListeRupturesCFA()
        let ancien = try Self.effectif(1, &g)
        _ = liste.mettreAJour(
            versions: [id: 5], lus: [ancien], suivis: [:], contexte: contexte, couverture: Self.couvertures[0])
        #expect(liste.aLire([id: 5]).isEmpty)
        #expect(liste.aLire([id: 6]) == [id])
        var nouveau = ancien.effectif
        nouveau.apprenant.nom = "NOUVEAU"
        let relu = EffectifStocke(
            id: id, effectif: nouveau, parcours: Parcours(etapes("2024-09-01 APPRENTI, 2025-05-02 RUPTURANT")))
        let l = liste.mettreAJour(
            versions: [id: 6], lus: [relu], suivis: [:], contexte: contexte, couverture: Self.couvertures[0])
        #expect(l.map(\.effectif.effectif.apprenant.nom) == ["NOUVEAU"])
        // Gone from the wanted learners (erased, or no longer in rupture): gone from the list.
        #expect(
            liste.mettreAJour(
                versions: [:], lus: [], suivis: [:], contexte: contexte, couverture: Self.couvertures[0]
            ).isEmpty)
        #expect(liste.nombre == 0)
    }
}
