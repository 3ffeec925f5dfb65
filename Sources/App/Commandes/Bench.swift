import ArgumentParser
import Domain
import Foundation
import Hummingbird
import IndexEffectifs
import Outils
import Web

/// `tdb bench`: one table of figures on a demo database (DESIGN §8: benchmarks are a command, not timed tests).
struct Bench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Mesure l'ingestion et les indicateurs sur une base de démonstration.")
    @Option(help: "Effectifs de la base de démonstration.") var effectifs = 200_000
    @OptionGroup var base: OptionBase
    @Option(help: "Appels par mesure de latence.") var repetitions = 30
    @Option(help: "Lots de 2000 dossiers envoyés en HTTP par mesure (après 2 lots de mise en route).") var lots = 10
    @Option(
        help: """
            Ne mesurer qu'une partie : « suivis » (missions locales : mémoire, statistiques, dérivation, pages) ou \
            « collaborations » (résumés quotidiens, récapitulatif hebdomadaire, pages des CFA et des fiches) ou \
            « entreprises » (recherche des CFA par métier et territoire).
            """)
    var seulement: PartieBench?

    enum PartieBench: String, ExpressibleByArgument { case suivis, collaborations, entreprises }

    /// The base is created and filled when empty; without `--database` nor a PostgreSQL address, a temporary file.
    func run() async throws {
        var config = try base.config()
        if base.database == nil {
            config.databasePath =
                FileManager.default.temporaryDirectory.appendingPathComponent("tdb-bench-\(effectifs).sqlite").path
        }
        try await avecStore(config) { try await mesurer($0, config: config) }
    }

    func mesurer(_ store: any StoreOuvert, config: AppConfig) async throws {
        var lignes: [(String, String)] = []
        if try await store.nombreEffectifs() == 0 {
            erreur("remplissage de \(store.emplacement) avec \(effectifs) effectifs de démonstration…")
            let bilan = try await RemplissageDemo(store: store).remplir(effectifs: effectifs) { n in erreur("  \(n)…") }
            lignes.append(
                (
                    "génération de la démonstration (ingestion directe)",
                    "\(bilan.effectifs) effectifs en \(fmt(secondes(bilan.duree))) s, \(Int(Double(bilan.effectifs) / max(0.001, secondes(bilan.duree)))) /s"
                ))
        }
        if seulement == .collaborations {
            lignes += try await collaborations(store: store, config: config)
            imprimer(lignes, titre: "tdb bench --seulement collaborations — \(store.emplacement)")
            return
        }
        if seulement == .entreprises {
            lignes += try await entreprises(store: store, config: config)
            imprimer(lignes, titre: "tdb bench --seulement entreprises — \(store.emplacement)")
            return
        }
        if seulement == .suivis {
            lignes += try await statistiquesSuivi(store: store, regles: config.reglesSuivi)
            lignes += try await coutDerivationSuivis(store: store)
            lignes += try await mesuresHTTP(store: store, config: config, seulementSuivis: true)
            imprimer(lignes, titre: "tdb bench --seulement suivis — \(store.emplacement)")
            return
        }
        let debut = ContinuousClock.now
        let index = try await IndexIndicateurs.construire(depuis: store)
        let construction = ContinuousClock.now - debut
        lignes.append(
            (
                "construction de l'index au démarrage",
                "\(index.nombreEffectifs) effectifs en \(fmt(secondes(construction))) s"
            ))
        lignes.append(("mémoire résidente du processus", "\(memoireResidente() / 1_048_576) Mio"))

        let aujourdhui = Jour(Date())
        let date =
            Jour(year: aujourdhui.year, month: 3, day: 15) < aujourdhui
            ? Jour(year: aujourdhui.year, month: 3, day: 15)
            : Jour(year: aujourdhui.year - 1, month: 3, day: 15)
        var national = RequeteIndicateurs(
            perimetre: .national, filtres: FiltresIndicateurs(date: date), aujourdhui: aujourdhui)
        let premier = await index.compter(national)
        lignes.append(await latence("compteurs nationaux au \(date)") { _ = await index.compter(national) })
        index.mode = .comptages
        lignes.append(
            await latence("  les mêmes par les comptages des organismes") { _ = await index.compter(national) })
        index.mode = .balayage
        lignes.append(
            await latence("  les mêmes par balayage de toutes les lignes") { _ = await index.compter(national) })
        lignes.append(
            await latence("  avec un filtre sur les apprenants (niveaux 3 et 4)") {
                var r = national
                r.filtres.niveaux = [3, 4]
                _ = await index.compter(r)
            })
        index.mode = .automatique
        lignes.append(await latence("par département") { _ = await index.compter(national, par: .departement) })
        var region = national
        region.filtres.regions = ["84"]
        lignes.append(
            await latence("par organisme dans une région (84)") { _ = await index.compter(region, par: .organisme) })
        var filtres = national
        filtres.filtres.niveaux = [3, 4]
        filtres.filtres.tranchesAge = [.de18a20, .de21a25]
        filtres.filtres.regions = ["11", "84", "32"]
        lignes.append(await latence("avec trois filtres (niveaux, âges, régions)") { _ = await index.compter(filtres) })
        lignes.append(
            await latence("évolution sur 24 mois") {
                _ = await index.evolution(
                    national, debut: Jour(year: date.year - 2, month: date.month, day: 1), fin: date)
            })
        lignes += await recherches(index: index, store: store)
        national.filtres.date = date
        var sql = Compteurs()
        let t0 = ContinuousClock.now
        sql = try await store.compterEnSQL(date: date)
        let dureeSQL = ContinuousClock.now - t0
        let medianeIndex = await mediane { _ = await index.compter(national) }
        lignes.append(
            (
                "mêmes compteurs nationaux en SQL (\(store.emplacement.split(separator: " ")[0]))",
                "\(fmt(secondes(dureeSQL) * 1000)) ms, soit \(Int(secondes(dureeSQL) / max(medianeIndex, 1e-9)))× l'index"
                    + (sql == premier ? " ; résultats identiques" : " ; RÉSULTATS DIFFÉRENTS")
            ))
        lignes += try await memoireApresRenvois(index: index, store: store)
        lignes += try await statistiquesSuivi(store: store, regles: config.reglesSuivi)
        lignes += try await coutDerivationSuivis(store: store)
        lignes += try await mesuresHTTP(store: store, config: config)

        imprimer(
            lignes,
            titre:
                "tdb bench — \(store.emplacement), \(index.nombreEffectifs) effectifs, \(repetitions) appels par mesure (médiane / p99)"
        )
        if sql != premier { throw ExitCode(1) }
    }

    func imprimer(_ lignes: [(String, String)], titre: String) {
        let largeur = lignes.map(\.0.count).max() ?? 0
        print(titre)
        for (k, v) in lignes { print(k.padding(toLength: largeur, withPad: " ", startingAt: 0) + "  " + v) }
    }

    /// The same learners sent again and again (up to 200,000 of them, 20 times), their timelines one step longer
    /// every other time: the process's resident memory after the first resend and after the last, which should be
    /// within 10 % of each other since steps left behind are given back. The index is put back as it was.
    func memoireApresRenvois(index: IndexIndicateurs, store: any StoreOuvert) async throws -> [(String, String)] {
        let originaux = try await store.changements(apres: 0, limite: 200_000)
        guard !originaux.isEmpty else { return [] }
        let allonges = originaux.map { e in
            let derniere = e.parcours.etapes.last?.date ?? Jour(year: 2030, month: 1, day: 1)
            return EffectifIndexable(
                id: e.id, organisme: e.organisme, anneeScolaire: e.anneeScolaire, dateDeNaissance: e.dateDeNaissance,
                anneeFormation: e.anneeFormation, cfd: e.cfd, rncp: e.rncp,
                parcours: Parcours(
                    e.parcours.etapes + [EtapeParcours(date: derniere.adding(days: 1), valeur: .abandon)]),
                version: e.version)
        }
        var memoires: [Int] = []
        let debut = ContinuousClock.now
        for renvoi in 0..<20 {
            index.appliquer(renvoi % 2 == 0 ? allonges : originaux)
            memoires.append(memoireResidente())
        }
        let duree = secondes(ContinuousClock.now - debut)
        index.appliquer(originaux)
        let (premiere, derniere) = (memoires[0], memoires[memoires.count - 1])
        let ecart = 100 * Double(derniere - premiere) / Double(max(premiere, 1))
        return [
            (
                "20 renvois de \(originaux.count) apprenants à l'index",
                "\(fmt(Double(originaux.count) * 20 / max(duree, 1e-9))) apprenants/s"
            ),
            (
                "  mémoire résidente après le 1er renvoi / le 20e",
                "\(premiere / 1_048_576) Mio / \(derniere / 1_048_576) Mio (\(ecart >= 0 ? "+" : "")\(fmt(ecart)) %)"
            ),
        ]
    }

    func latence(_ nom: String, _ f: () async -> Void) async -> (String, String) {
        var mesures: [Double] = []
        for _ in 0..<repetitions {
            let t = ContinuousClock.now
            await f()
            mesures.append(secondes(ContinuousClock.now - t) * 1000)
        }
        mesures.sort()
        let p99 = mesures[min(mesures.count - 1, Int(Double(mesures.count) * 0.99))]
        return (nom, "\(fmt(mesures[mesures.count / 2])) ms / \(fmt(p99)) ms")
    }

    func mediane(_ f: () async -> Void) async -> Double {
        var mesures: [Double] = []
        for _ in 0..<max(5, repetitions / 3) {
            let t = ContinuousClock.now
            await f()
            mesures.append(secondes(ContinuousClock.now - t))
        }
        return mesures.sorted()[mesures.count / 2]
    }

    /// Starts the real service on a free port, sends batches of 2000 new learners over HTTP, then times the main
    /// pages (server side: from request to last byte, on loopback) signed in as a platform administrator.
    /// Runs the whole service (`construireApplication`, as `tdb serve`) on a free loopback port while `corps`
    /// measures it, then stops it.
    func avecServeur<T>(
        store: any StoreOuvert, config base: AppConfig, _ corps: (Int) async throws -> T
    ) async throws -> T {
        var config = base
        config.host = "127.0.0.1"
        config.port = 0
        config.logLevel = .critical
        config.tachesDeFond = false
        let adresse = AdressePartagee()
        let app = try await construireApplication(config: config, store: store) { a in adresse.definir(a) }
        return try await withThrowingTaskGroup(of: Void.self) { groupe in
            groupe.addTask { try await app.runService() }
            defer { groupe.cancelAll() }
            while adresse.valeur == nil { try await Task.sleep(for: .milliseconds(20)) }
            guard let port = adresse.valeur.flatMap(URL.init(string:))?.port else {
                throw ValidationError("le service de mesure n'a pas donné son adresse")
            }
            return try await corps(port)
        }
    }

    func mesuresHTTP(store: any StoreOuvert, config base: AppConfig, seulementSuivis: Bool = false) async throws
        -> [(String, String)]
    {
        let config = base
        guard
            let organisme = try await store.tousLesOrganismes().first(where: { $0.uai != nil && $0.fiable && !$0.ferme }
            ),
            let cle = organisme.cle
        else { return [("ingestion HTTP", "aucun organisme")] }
        let nouvelle = ClesApi.nouvelle()
        _ = try await store.creerCleApi(organisme: organisme.id, hash: nouvelle.hash, now: Date())
        let pays = PaysDemo(graine: 7)
        // A platform administrator for the pages (national perimeter, every list).
        let motDePasse = "Banc-\(UUID().uuidString)-Aa1!"
        let email = "banc-\(UUID().uuidString.prefix(8).lowercased())@tdb.local"
        _ = try await Comptes(
            store: store, secrets: SecretsServeur(coutBcrypt: 4), horloge: .live, urlPublique: config.urlPublique
        )
        .creerAdministrateur(email: email, motDePasse: motDePasse)
        return try await avecServeur(store: store, config: base) { port in
            if seulementSuivis {
                return try await pagesMissionLocale(port: port, store: store)
                    + pages(port: port, email: email, motDePasse: motDePasse, chemins: Self.cheminsStatistiquesSuivi)
            }
            // The batches are written before the clock starts; each connection sends its share one after the other.
            // Their learners are new to the base whatever the earlier runs sent (identifiers carry the seed).
            var graine = UInt64(Date().timeIntervalSince1970 * 1000)
            func corps(_ n: Int) -> [[UInt8]] {
                (0..<n).map { _ in
                    graine += 1
                    let items = pays.apprenants(
                        organisme: cle, departement: organisme.adresse.departement, responsable: cle,
                        annee: AnneeScolaire.scolaire(de: Jour(Date())),
                        nombre: Ingestion.tailleMaximaleLot, graine: graine)
                    return Array(JSONTexte.ecrire(.valeur(.array(items))).utf8)
                }
            }
            let entetes = [("Authorization", "Bearer \(nouvelle.valeur)"), ("Content-Type", "application/json")]
            // Sends each connection's batches, one connection per thread, and says how fast it went.
            func mesure(_ nom: String, _ parConnexion: [[[UInt8]]]) async throws -> (String, String) {
                let t = ContinuousClock.now
                try await withThrowingTaskGroup(of: Void.self) { envois in
                    for lotsDeLaConnexion in parConnexion {
                        envois.addTask {
                            try await ConnexionHTTP.surUnFil {
                                let c = try ConnexionHTTP(port: port)
                                for lot in lotsDeLaConnexion {
                                    let r = try c.envoyer(
                                        "POST", "/api/v3/dossiers-apprenants", entetes: entetes, corps: lot)
                                    guard r.statut == 200 else {
                                        throw ValidationError("l'ingestion HTTP a répondu \(r.statut)")
                                    }
                                }
                            }
                        }
                    }
                    try await envois.waitForAll()
                }
                let duree = secondes(ContinuousClock.now - t)
                let total = parConnexion.joined().count * Ingestion.tailleMaximaleLot
                return (
                    "ingestion HTTP (lots de 2000, \(nom))",
                    "\(total) dossiers en \(fmt(duree)) s, \(Int(Double(total) / max(duree, 1e-9))) dossiers/s"
                )
            }
            // The first batches find the database pages of the writer cold: they are shown apart; then new learners on
            // one connection, on two at once, and the first connection's batches sent again (every learner is then
            // known: the merges of a daily resend).
            var lignes = [try await mesure("mise en route", [corps(min(2, lots))])]
            let unique = [corps(lots)]
            lignes.append(try await mesure("nouveaux apprenants, 1 connexion", unique))
            lignes.append(
                try await mesure(
                    "nouveaux apprenants, 2 connexions", [corps(max(1, lots / 2)), corps(max(1, lots / 2))]))
            lignes.append(try await mesure("les mêmes renvoyés (fusions), 1 connexion", unique))
            lignes += try await pages(
                port: port, email: email, motDePasse: motDePasse,
                chemins: Self.cheminsPrincipaux(organisme: organisme.id))
            lignes += try await pagesMissionLocale(port: port, store: store)
            lignes += try await pages(
                port: port, email: email, motDePasse: motDePasse, chemins: Self.cheminsStatistiquesSuivi)
            return lignes
        }
    }

    /// The main pages, as a platform administrator sees them.
    static func cheminsPrincipaux(organisme: OrganismeID) -> [(String, String)] {
        [
            ("page d'accueil", "/"), ("page nationale (carte, évolution, tableau)", "/indicateurs/national"),
            ("page indicateurs (périmètre national, 3 tableaux)", "/indicateurs"),
            (
                "page indicateurs filtrée (région 84, niveaux 3)",
                "/indicateurs?organisme_regions=84&formation_niveaux=3"
            ),
            ("page d'un organisme (apprenants, page 1)", "/organismes/\(organisme)"),
            ("liste nominative des rupturants (page 1)", "/listes/rupturants"),
            ("statistiques du suivi des missions locales (national)", "/suivi/statistiques"),
            ("  les mêmes, région 84", "/suivi/statistiques?region=84"),
        ]
    }

    /// Median and p99 time of each page, signed in with these credentials.
    func pages(port: Int, email: String, motDePasse: String, chemins: [(String, String)]) async throws
        -> [(String, String)]
    {
        let identifiants = Array(
            JSONTexte.ecrire(.objet([("email", .texte(email)), ("password", .texte(motDePasse))])).utf8)
        let appels = max(3, repetitions / 3)
        return try await ConnexionHTTP.surUnFil {
            let c = try ConnexionHTTP(port: port)
            let r = try c.envoyer(
                "POST", "/api/v1/auth/login", entetes: [("Content-Type", "application/json")], corps: identifiants)
            let session = r.entetes.first { $0.0.lowercased() == "set-cookie" && $0.1.contains("tdb_session=") }?.1
            guard let cookie = session?.split(separator: ";").first.map(String.init)
            else { throw ValidationError("connexion du banc impossible") }
            var lignes: [(String, String)] = []
            for (nom, chemin) in chemins {
                var mesures: [Double] = []
                // The first view is told apart: it may compute what later views find in memory.
                for _ in 0...appels {
                    let t = ContinuousClock.now
                    let reponse = try c.envoyer("GET", chemin, entetes: [("Cookie", cookie)])
                    mesures.append(secondes(ContinuousClock.now - t) * 1000)
                    guard reponse.statut == 200 else { throw ValidationError("\(chemin) n'a pas répondu 200") }
                }
                let premier = mesures.removeFirst()
                mesures.sort()
                let max = mesures[min(mesures.count - 1, Int(Double(mesures.count) * 0.99))]
                lignes.append(
                    (
                        nom,
                        "\(fmt(mesures[mesures.count / 2])) ms / \(fmt(max)) ms (premier affichage \(fmt(premier)) ms)"
                    ))
            }
            return lignes
        }
    }
}

final class AdressePartagee: @unchecked Sendable {
    private let verrou = NSLock()
    private var a: String?
    var valeur: String? { verrou.withLock { a } }
    func definir(_ v: String) { verrou.withLock { a = v } }
}

func secondes(_ d: Duration) -> Double { Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18 }
func fmt(_ v: Double) -> String { String(format: v < 10 ? "%.2f" : "%.0f", v) }

/// VmRSS of this process, in bytes.
func memoireResidente() -> Int {
    guard let s = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
        let ligne = s.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") })
    else { return 0 }
    return (Int(ligne.split(separator: " ").dropFirst().first ?? "0") ?? 0) * 1024
}
