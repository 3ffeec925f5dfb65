import Domain
import Foundation
import IndexEffectifs

/// Fills a database with the demo country (`tdb demo`, `tdb serve --demo`): the real référentiel shipped with
/// the program, invented relations, catalogue and learners over three school years, sent through ingestion.
public struct RemplissageDemo: Sendable {
    let store: any Store
    let index: IndexIndicateurs?
    let graine: UInt64
    let maintenant: Date

    public init(store: any Store, index: IndexIndicateurs? = nil, graine: UInt64 = 42, maintenant: Date = Date()) {
        self.store = store
        self.index = index
        self.graine = graine
        self.maintenant = maintenant
    }

    public struct Bilan: Sendable {
        public var organismes = 0
        public var transmetteurs = 0
        public var effectifs = 0
        public var rejetes = 0
        public var missionsLocales = 0
        public var arml = 0
        public var duree: Duration = .zero
    }

    public static func referentiel() throws -> String {
        guard
            let url = Bundle.module.url(forResource: "organismes-demo", withExtension: "csv", subdirectory: "Resources")
        else {
            throw CocoaError(.fileNoSuchFile)
        }
        return try String(contentsOf: url, encoding: .utf8)
    }

    public func remplir(effectifs total: Int, progression: @Sendable (Int) -> Void = { _ in }) async throws -> Bilan {
        let debut = ContinuousClock.now
        var bilan = Bilan()
        let pays = PaysDemo(graine: graine)
        let lu = ImportOrganismes.lire(FichierCSV(texte: try Self.referentiel()))
        let prepare = PaysDemo.preparer(lu.organismes, graine: graine)
        _ = try await store.importer(organismes: prepare.organismes)
        _ = try await store.importer(formations: pays.formations)
        let stockes = try await store.tousLesOrganismes()
        let parCle = Dictionary(
            stockes.map { ("\($0.uai?.rawValue ?? "")/\($0.siret)", $0) }, uniquingKeysWith: { a, _ in a })
        let ids = prepare.organismes.map { parCle["\($0.uai?.rawValue ?? "")/\($0.siret)"] }
        var responsableDe: [OrganismeID: Organisme] = [:]
        var liens: [(responsable: OrganismeID, formateur: OrganismeID)] = []
        for r in prepare.relations {
            guard let resp = ids[r.responsable], let form = ids[r.formateur] else { continue }
            liens.append((resp.id, form.id))
            if responsableDe[form.id] == nil { responsableDe[form.id] = resp }
        }
        _ = try await store.importer(relations: liens)
        if let index { try await index.rechargerOrganismes(depuis: store) }
        bilan.organismes = stockes.count
        // Before the learners: their cases are derived as they are ingested.
        (bilan.missionsLocales, bilan.arml) = try await MissionsLocalesDemo.installer(store: store, now: maintenant)

        // Who transmits: organismes with a UAI; 15 % never, 10 % stopped 4 to 10 months ago.
        var g = Aleatoire(graine: graine ^ 0x7E57)
        var transmetteurs: [(organisme: Organisme, poids: Int, arret: Date?)] = []
        for o in stockes where o.uai != nil && o.nature != .responsable {
            if g.chance(0.15) { continue }
            let arret = g.chance(0.12) ? maintenant.addingTimeInterval(-Double(g.entier(120...300)) * 86_400) : nil
            transmetteurs.append((o, o.nature == .responsableFormateur ? 3 : 2 + g.entier(0...2), arret))
        }
        bilan.transmetteurs = transmetteurs.count
        let poidsTotal = transmetteurs.reduce(0) { $0 + $1.poids }
        let annees =
            AnneeScolaire.anneesActives(a: Jour(maintenant)).reversed() + [
                AnneeScolaire.scolaire(de: Jour(maintenant).adding(days: -730))
            ]
        var envoyes = 0
        var reste = total
        for (k, t) in transmetteurs.enumerated() {
            let part = k == transmetteurs.count - 1 ? reste : min(reste, total * t.poids / max(poidsTotal, 1))
            reste -= part
            guard part > 0, let cle = t.organisme.cle else { continue }
            let responsable = responsableDe[t.organisme.id]?.cle ?? cle
            let horloge = Horloge.fixed(t.arret ?? maintenant)
            let ingestion = Ingestion(store: store, horloge: horloge, index: index)
            for (a, annee) in Set(annees).sorted().enumerated() {
                let nombre = a == 2 ? part - 2 * (part / 3) : part / 3
                var fait = 0
                while fait < nombre {
                    let taille = min(Ingestion.tailleMaximaleLot, nombre - fait)
                    let items = pays.apprenants(
                        organisme: cle, departement: t.organisme.adresse.departement, responsable: responsable,
                        annee: annee, nombre: taille,
                        graine: graine &* 1_000_003 &+ UInt64(t.organisme.id.rawValue) &* 97 &+ UInt64(a * 7919 + fait))
                    let r = try await ingestion.traiter(items, transmetteur: t.organisme.id, cleApi: nil)
                    bilan.rejetes += r.nombreRejetes
                    fait += taille
                    envoyes += taille
                    if envoyes / 50_000 != (envoyes - taille) / 50_000 { progression(envoyes) }
                }
            }
        }
        bilan.effectifs = try await store.nombreEffectifs()
        bilan.duree = ContinuousClock.now - debut
        return bilan
    }
}
