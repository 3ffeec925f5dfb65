import ArgumentParser
import Domain
import Foundation
import IndexEffectifs
import Web

/// `tdb bench --seulement entreprises` (issue 16's figures): the companies' search of CFAs by trade and territory —
/// the learners without an employer by organisme and formation read from the index, the CFAs ranked — then the
/// public page through the real router, anonymous. The catalogue gets the demo's ROME codes first when it has none
/// (a base filled before issue 16).
extension Bench {
    static let cibleRecherche = 50.0  // milliseconds

    func entreprises(store: any StoreOuvert, config: AppConfig) async throws -> [(String, String)] {
        var lignes: [(String, String)] = []
        let formations = try await store.formations()
        if !formations.contains(where: { !$0.codesRome.isEmpty }) {
            let completees = formations.map { f -> FormationCatalogue in
                var f = f
                f.codesRome = (PaysDemo.codesRome[f.libelle] ?? []).compactMap(CodeROME.init)
                return f
            }
            _ = try await store.importer(formations: completees)
            lignes.append(
                (
                    "codes ROME ajoutés au catalogue (base antérieure)",
                    "\(completees.filter { !$0.codesRome.isEmpty }.count) formations sur \(formations.count)"
                ))
        }
        let debut = ContinuousClock.now
        let index = try await IndexIndicateurs.construire(depuis: store)
        lignes.append(
            (
                "construction de l'index au démarrage",
                "\(index.nombreEffectifs) effectifs en \(fmt(secondes(ContinuousClock.now - debut))) s"
            ))
        lignes += await recherches(index: index, store: store)
        lignes += try await avecServeur(store: store, config: config) { port in
            try await pagesPubliques(
                port: port,
                chemins: [
                    (
                        "page /recruter-un-apprenti « maçon » autour de Lyon (médiane / p99)",
                        "/recruter-un-apprenti?rome=F1703&ou=zone-8421"
                    ),
                    ("suggestions de métiers « mac »", "/recruter-un-apprenti/metiers?q=mac"),
                ])
        }
        return lignes
    }

    /// The search itself, at today's date: the index's counts, the public settings, the ranking.
    func recherches(index: IndexIndicateurs, store: any StoreOuvert) async -> [(String, String)] {
        var lignes: [(String, String)] = []
        let macon = CodeROME("F1703")
        let jour = HeureDeParis.jour(Date())
        let lyon = TerritoireRecherche.zoneEmploi("8421")
        guard let macon else { return lignes }
        var trouves = 0
        let cible = "cible ≤ \(fmt(Self.cibleRecherche)) ms"
        lignes.append(
            await latence("recherche « maçon » autour de Lyon, index et classement (médiane / p99 ; \(cible))") {
                let donnees = await index.effectifsMetier(macon, au: jour)
                let contacts = (try? await store.contactsPublics()) ?? [:]
                trouves =
                    RechercheCFA.chercher(
                        metier: macon, territoire: lyon, organismes: donnees.organismes, catalogue: donnees.catalogue,
                        effectifs: donnees.effectifs, contacts: contacts
                    ).count
            })
        lignes.append(("  CFA trouvés", "\(trouves)"))
        lignes.append(
            await latence("  la même, toute la France") {
                let donnees = await index.effectifsMetier(macon, au: jour)
                _ = RechercheCFA.chercher(
                    metier: macon, territoire: .france, organismes: donnees.organismes, catalogue: donnees.catalogue,
                    effectifs: donnees.effectifs, contacts: [:])
            })
        return lignes
    }

    /// Anonymous GETs timed one after the other on one connection.
    func pagesPubliques(port: Int, chemins: [(String, String)]) async throws -> [(String, String)] {
        let appels = max(3, repetitions / 3)
        return try await ConnexionHTTP.surUnFil {
            let c = try ConnexionHTTP(port: port)
            var lignes: [(String, String)] = []
            for (nom, chemin) in chemins {
                var mesures: [Double] = []
                for _ in 0..<appels {
                    let t = ContinuousClock.now
                    let reponse = try c.envoyer("GET", chemin)
                    mesures.append(secondes(ContinuousClock.now - t) * 1000)
                    guard reponse.statut == 200 else { throw ValidationError("\(chemin) n'a pas répondu 200") }
                }
                mesures.sort()
                let p99 = mesures[min(mesures.count - 1, Int(Double(mesures.count) * 0.99))]
                lignes.append((nom, "\(fmt(mesures[mesures.count / 2])) ms / \(fmt(p99)) ms"))
            }
            return lignes
        }
    }
}
