import Domain
import Foundation
import Outils
import Web

extension Bench {
    /// What deriving the missions locales' cases adds to a batch of 2000: batches of new demo learners written
    /// alternately without and with the derivation (same path as the API, `Ingestion`), median time of each.
    func coutDerivationSuivis(store: any StoreOuvert) async throws -> [(String, String)] {
        guard
            let organisme = try await store.tousLesOrganismes().first(where: { $0.uai != nil && $0.fiable && !$0.ferme }
            ),
            let cle = organisme.cle
        else { return [] }
        let pays = PaysDemo(graine: 11)
        var graine = UInt64(Date().timeIntervalSince1970 * 1000) ^ 0x5EED
        var sans: [Double] = []
        var avec: [Double] = []
        defer { store.deriverSuivis(true) }
        // Pairs of batches, one without and one with derivation, in alternating order so that neither side always
        // follows the other (the background checkpoint of a batch lands in the next one). Fewer than 20 pairs gave
        // medians 20 % apart from one run to the next on this machine.
        for paire in 0..<max(20, lots) {
            for actif in paire % 2 == 0 ? [false, true] : [true, false] {
                graine += 1
                let items = pays.apprenants(
                    organisme: cle, departement: organisme.adresse.departement, responsable: cle,
                    annee: AnneeScolaire.scolaire(de: Jour(Date())),
                    nombre: Ingestion.tailleMaximaleLot, graine: graine)
                store.deriverSuivis(actif)
                let t = ContinuousClock.now
                _ = try await Ingestion(store: store, horloge: .live).traiter(
                    items, transmetteur: organisme.id, cleApi: nil)
                let ms = secondes(ContinuousClock.now - t) * 1000
                if actif { avec.append(ms) } else { sans.append(ms) }
            }
        }
        let (m0, m1) = (sans.sorted()[sans.count / 2], avec.sorted()[avec.count / 2])
        return [
            (
                "lot de 2000 sans / avec les suivis des missions locales (\(sans.count) paires, médianes)",
                "\(fmt(m0)) ms / \(fmt(m1)) ms, soit \(m1 >= m0 ? "+" : "")\(fmt((m1 - m0) / max(m0, 1e-9) * 100)) %"
            )
        ]
    }

    /// The work list of the mission locale with the most cases, its case pages, signed in as one of its agents. The
    /// first call reads the cases from the store (p99), the next ones from the cache while nothing changed (median).
    func pagesMissionLocale(port: Int, store: any StoreOuvert) async throws -> [(String, String)] {
        let parMissionLocale = Dictionary(
            grouping: try await store.suivis(missionsLocales: nil), by: { $0.ligne.missionLocale ?? "" })
        guard let (code, suivis) = parMissionLocale.max(by: { $0.value.count < $1.value.count }),
            let premier = suivis.first
        else { return [("pages des missions locales", "aucun suivi dans la base")] }
        let nouvelle = NouvelleOrganisation(type: .missionLocale, nom: "Banc \(code)", missionLocale: code)
        // The organisation of an earlier run of the bench on the same base is reused.
        var existante = try await store.organisationExistante(nouvelle)
        if existante == nil { existante = try await store.creerOrganisation(nouvelle, now: Date()) }
        guard let org = existante else { return [] }
        let motDePasse = "Banc-\(UUID().uuidString)-Aa1!"
        let email = "banc-ml-\(UUID().uuidString.prefix(8).lowercased())@tdb.local"
        _ = try await store.creerUtilisateur(
            NouvelUtilisateur(
                email: email, nom: "Banc", prenom: "Agent", organisation: org.id, role: .membre, statut: .actif,
                hashMotDePasse: await SecretsServeur(coutBcrypt: 4).hacher(motDePasse: motDePasse)),
            now: Date())
        return try await pages(
            port: port, email: email, motDePasse: motDePasse,
            chemins: [
                ("liste de la mission locale la plus chargée (\(suivis.count) suivis)", "/mission-locale"),
                ("  la même, onglet déjà traités, mineurs", "/mission-locale?onglet=deja-traites&mineur=oui"),
                ("fiche d'un jeune (mission locale)", "/mission-locale/suivis/\(premier.id)"),
                ("statistiques de cette mission locale", "/suivi/statistiques"),
            ])
    }
}
