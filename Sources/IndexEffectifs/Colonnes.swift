import Domain
import Foundation
import Outils

/// Everything the index holds, as columns: a few integers per effectif and its timeline as (day, status) steps,
/// the organismes and their attributes as small codes, the dictionaries. `IndexIndicateurs` keeps one value of
/// this type behind its read-write lock and hands it out only through `lecture` and `ecriture`: code that reads
/// or writes a column has no other way to reach it.
struct Colonnes {
    /// The threads that share a scan.
    let reserve: ReserveDeCalcul
    /// How many orphan steps are tolerated before their space is given back (and at most a quarter of all).
    let seuilOrphelines: Int

    // Organismes, and their attributes as small codes for building masks fast
    var organismes: [Organisme] = []
    var rangOrganisme: [OrganismeID: Int32] = [:]
    var codesTerritoire: [String: Int32] = [:]
    var bitsReseau: [String: UInt64] = [:]
    var regionOrg: [Int32] = []
    var departementOrg: [Int32] = []
    var academieOrg: [Int32] = []
    var reseauxOrg: [UInt64] = []
    var compteOrg: [Bool] = []
    var idOrg: [Int64] = []

    // Effectifs, one entry per row
    var org: [Int32] = []
    var orgId: [Int64] = []
    var naissance: [Int32] = []
    var anneeFormation: [Int8] = []
    var niveau: [Int8] = []
    var cfd: [Int32] = []
    var formation: [Int32] = []
    var debutEtapes: [Int32] = []
    var nbEtapes: [UInt8] = []
    var jours: [Int32] = []
    var statuts: [UInt8] = []
    var versionLigne: [Int64] = []
    var idParLigne: [Int64] = []
    var ligneParId: [Int64: Int32] = [:]
    var lignesParAnnee: [Int32: [Int32]] = [:]
    /// Steps no row points to any more (a timeline that grew was written anew at the end; an erased row's), given
    /// back by `recupererEtapes` once they are many.
    var etapesOrphelines = 0
    /// Rows by organisme and school year (`cleComptage`), and their status counts as step functions of the day,
    /// rebuilt on demand for the keys written since (`comptagesPerimes`).
    var lignesParComptage: [Int64: [Int32]] = [:]
    var comptages: [Int64: ComptageOrganisme] = [:]
    var comptagesPerimes = Set<Int64>()
    var mode = IndexIndicateurs.ModeCalcul.automatique

    // Dictionaries
    var cfds: [String] = []
    var rangCfd: [String: Int32] = [:]
    var formations: [FormationIndexee] = []
    var rangFormation: [String: Int32] = [:]
    var catalogue = Catalogue([])

    // Where the index stands
    /// Moves at every change an answer could show (effectifs, organismes, transmissions).
    var generation: UInt64 = 0
    /// Every change of the database up to this number is in the index (the follower's cursor).
    var versionSuivie: Int64 = 0
    /// The last change number the database reported, to measure how far behind the index is.
    var versionBase: Int64 = 0
    /// The organismes version the loaded organismes and catalogue come from.
    var versionOrganismes: Int64 = -1
    /// The last erasure of a learner applied (`IndexIndicateurs+Retrait.swift`).
    var effacementSuivi: Int64 = 0

    init(reserve: ReserveDeCalcul, seuilOrphelines: Int) {
        self.reserve = reserve
        self.seuilOrphelines = seuilOrphelines
    }

    struct FormationIndexee {
        let cfd: String?
        let rncp: String?
        let libelle: String?
        let niveau: Int?
    }

    static func cleAnnee(_ a: AnneeScolaire) -> Int32 { Int32(a.debut * 2 + (a.estAnneeCivile ? 1 : 0)) }
    /// An organisme id and a school year key in one integer.
    static func cleComptage(_ organisme: Int64, _ annee: Int32) -> Int64 { organisme << 14 | Int64(annee & 0x3FFF) }

    // MARK: - Écriture

    /// Replaces the organismes and the catalogue.
    mutating func charger(organismes liste: [Organisme], catalogue: Catalogue) {
        generation &+= 1
        self.catalogue = catalogue
        organismes = liste
        rangOrganisme = Dictionary(uniqueKeysWithValues: liste.enumerated().map { ($1.id, Int32($0)) })
        regionOrg = liste.map { code("r", $0.adresse.region) }
        departementOrg = liste.map { code("d", $0.adresse.departement) }
        academieOrg = liste.map { code("a", $0.adresse.academie) }
        reseauxOrg = liste.map { o in o.reseaux.reduce(UInt64(0)) { $0 | bit($1) } }
        compteOrg = liste.map { $0.fiable && !$0.ferme }
        idOrg = liste.map(\.id.rawValue)
        for i in org.indices { org[i] = rangOrganisme[OrganismeID(orgId[i])] ?? -1 }
    }

    /// A territory code as a small integer (`kind` separates régions, départements and académies); -1 for none.
    mutating func code(_ kind: String, _ valeur: String?) -> Int32 {
        guard let valeur else { return -1 }
        let cle = kind + valeur
        if let c = codesTerritoire[cle] { return c }
        let c = Int32(codesTerritoire.count)
        codesTerritoire[cle] = c
        return c
    }

    /// A réseau as one bit (the first 63 réseaux met; later ones share the last bit, which only widens a filter).
    mutating func bit(_ reseau: String) -> UInt64 {
        if let b = bitsReseau[reseau] { return b }
        let b = UInt64(1) << UInt64(min(bitsReseau.count, 63))
        bitsReseau[reseau] = b
        return b
    }

    /// A formateur's first transmission is set once; its last one only moves forward.
    mutating func noterTransmission(_ rang: Int32, _ t: Date) {
        generation &+= 1
        let i = Int(rang)
        organismes[i].firstTransmissionDate = organismes[i].firstTransmissionDate ?? t
        organismes[i].lastTransmissionDate = max(organismes[i].lastTransmissionDate ?? t, t)
    }

    /// Adds or replaces one effectif; a row already holding a later change keeps it.
    mutating func ecrire(_ e: EffectifIndexable) {
        generation &+= 1
        if let i = ligneParId[e.id.rawValue].map(Int.init), versionLigne[i] > e.version { return }
        let f = catalogue.formation(cfd: e.cfd, rncp: e.rncp)
        let cleFormation = "\(e.rncp ?? "")|\(e.cfd ?? "")"
        let rangF: Int32
        if let r = rangFormation[cleFormation] {
            rangF = r
        } else {
            rangF = Int32(formations.count)
            formations.append(FormationIndexee(cfd: e.cfd, rncp: e.rncp, libelle: f?.libelle, niveau: f?.niveau))
            rangFormation[cleFormation] = rangF
        }
        var rangC: Int32 = -1
        if let c = e.cfd {
            if let r = rangCfd[c] {
                rangC = r
            } else {
                rangC = Int32(cfds.count)
                cfds.append(c)
                rangCfd[c] = rangC
            }
        }
        let etapes = e.parcours.etapes.prefix(255)
        let cleAnnee = Self.cleAnnee(e.anneeScolaire)
        let valeurs = (
            org: rangOrganisme[e.organisme] ?? -1, naissance: e.dateDeNaissance.rawValue,
            anneeFormation: Int8(clamping: e.anneeFormation ?? -1), niveau: Int8(clamping: f?.niveau ?? 0)
        )
        if let i = ligneParId[e.id.rawValue].map(Int.init) {
            // A row keeps its school year (part of the learner's key); should its organisme change, it moves.
            if orgId[i] != e.organisme.rawValue {
                let ancienne = Self.cleComptage(orgId[i], cleAnnee)
                lignesParComptage[ancienne]?.removeAll { $0 == Int32(i) }
                lignesParComptage[Self.cleComptage(e.organisme.rawValue, cleAnnee), default: []].append(Int32(i))
                comptagesPerimes.insert(ancienne)
            }
            org[i] = valeurs.org
            orgId[i] = e.organisme.rawValue
            naissance[i] = valeurs.naissance
            anneeFormation[i] = valeurs.anneeFormation
            niveau[i] = valeurs.niveau
            cfd[i] = rangC
            formation[i] = rangF
            debutEtapes[i] = placerEtapes(etapes, auLieuDe: (Int(debutEtapes[i]), Int(nbEtapes[i])))
            nbEtapes[i] = UInt8(etapes.count)
            versionLigne[i] = e.version
            comptagesPerimes.insert(Self.cleComptage(e.organisme.rawValue, cleAnnee))
        } else {
            let i = Int32(org.count)
            org.append(valeurs.org)
            orgId.append(e.organisme.rawValue)
            naissance.append(valeurs.naissance)
            anneeFormation.append(valeurs.anneeFormation)
            niveau.append(valeurs.niveau)
            cfd.append(rangC)
            formation.append(rangF)
            debutEtapes.append(placerEtapes(etapes, auLieuDe: nil))
            nbEtapes.append(UInt8(etapes.count))
            versionLigne.append(e.version)
            ligneParId[e.id.rawValue] = i
            idParLigne.append(e.id.rawValue)
            lignesParAnnee[cleAnnee, default: []].append(i)
            let cle = Self.cleComptage(e.organisme.rawValue, cleAnnee)
            lignesParComptage[cle, default: []].append(i)
            comptagesPerimes.insert(cle)
        }
    }

    /// Writes a row's steps where its old ones were when they fit (a learner sent again keeps its place), else at
    /// the end, the old ones becoming orphans. Returns where they start.
    private mutating func placerEtapes(_ etapes: ArraySlice<EtapeParcours>, auLieuDe ancien: (debut: Int, nombre: Int)?)
        -> Int32
    {
        if let ancien, etapes.count <= ancien.nombre {
            for (k, etape) in etapes.enumerated() {
                jours[ancien.debut + k] = etape.date.rawValue
                statuts[ancien.debut + k] = CodeStatut.code(etape.valeur)
            }
            etapesOrphelines += ancien.nombre - etapes.count
            return Int32(ancien.debut)
        }
        etapesOrphelines += ancien?.nombre ?? 0
        let debut = Int32(jours.count)
        for etape in etapes {
            jours.append(etape.date.rawValue)
            statuts.append(CodeStatut.code(etape.valeur))
        }
        return debut
    }

    /// Gives back the space of orphan steps once they are a quarter of all steps (and more than a few): the steps
    /// of the live rows are copied, in row order, into columns sized to them. So resending the same learners again
    /// and again leaves memory flat.
    mutating func recupererEtapes() {
        guard etapesOrphelines > seuilOrphelines, etapesOrphelines * 4 > jours.count else { return }
        let vivantes = jours.count - etapesOrphelines
        (debutEtapes, jours, statuts) = etapesRecopiees(dans: debutEtapes.indices, marge: vivantes / 4)
        etapesOrphelines = 0
    }

    /// Removes an erased learner's row from every bucket the scans and counts read, unless it holds a later write
    /// (an id SQLite gave again); its slot stays, unused, until the next start-up.
    mutating func retirer(_ e: Effacement) {
        guard let r = ligneParId[e.effectif.rawValue], versionLigne[Int(r)] <= e.version else { return }
        let i = Int(r)
        let cleAnnee = Self.cleAnnee(e.anneeScolaire)
        lignesParAnnee[cleAnnee]?.removeAll { $0 == r }
        let cle = Self.cleComptage(orgId[i], cleAnnee)
        lignesParComptage[cle]?.removeAll { $0 == r }
        comptagesPerimes.insert(cle)
        ligneParId[e.effectif.rawValue] = nil
        generation &+= 1
        org[i] = -1
        etapesOrphelines += Int(nbEtapes[i])
        nbEtapes[i] = 0
    }

    // MARK: - Lecture

    /// The steps of the rows taken in `ordre`, copied one row after the other into columns sized to them (plus
    /// `marge`), and where each of those rows now starts, in the same order. Orphan steps are left behind.
    func etapesRecopiees(dans ordre: some Collection<Int>, marge: Int) -> ([Int32], [Int32], [UInt8]) {
        let vivantes = jours.count - etapesOrphelines
        var debuts: [Int32] = []
        var nouveauxJours: [Int32] = []
        var nouveauxStatuts: [UInt8] = []
        debuts.reserveCapacity(ordre.count)
        nouveauxJours.reserveCapacity(vivantes + marge)
        nouveauxStatuts.reserveCapacity(vivantes + marge)
        for i in ordre {
            let d = Int(debutEtapes[i])
            let n = Int(nbEtapes[i])
            debuts.append(Int32(nouveauxJours.count))
            nouveauxJours.append(contentsOf: jours[d..<(d + n)])
            nouveauxStatuts.append(contentsOf: statuts[d..<(d + n)])
        }
        return (debuts, nouveauxJours, nouveauxStatuts)
    }

    /// How many steps the columns hold, and how many of them no row points to.
    var etapes: (stockees: Int, orphelines: Int) { (jours.count, etapesOrphelines) }
}

extension Colonnes {
    /// Lays the rows out year by year, contiguously, with their steps in the same order, so that a scan reads
    /// memory in sequence. Done once after the start-up build; rows added later are appended as usual.
    mutating func compacter() {
        let ordre: [Int32] = lignesParAnnee.keys.sorted().flatMap { lignesParAnnee[$0] ?? [] }
        guard ordre.count == org.count else { return }
        func permuter<T>(_ a: [T]) -> [T] { ordre.map { a[Int($0)] } }
        let etapes = etapesRecopiees(dans: ordre.lazy.map(Int.init), marge: 0)
        org = permuter(org)
        orgId = permuter(orgId)
        naissance = permuter(naissance)
        anneeFormation = permuter(anneeFormation)
        niveau = permuter(niveau)
        cfd = permuter(cfd)
        formation = permuter(formation)
        nbEtapes = permuter(nbEtapes)
        versionLigne = permuter(versionLigne)
        idParLigne = permuter(idParLigne)
        (debutEtapes, jours, statuts) = etapes
        etapesOrphelines = 0
        var nouveauRang = [Int32](repeating: 0, count: ordre.count)
        for (nouveau, ancien) in ordre.enumerated() { nouveauRang[Int(ancien)] = Int32(nouveau) }
        ligneParId = ligneParId.mapValues { nouveauRang[Int($0)] }
        lignesParComptage = lignesParComptage.mapValues { $0.map { nouveauRang[Int($0)] } }
        var debut: Int32 = 0
        for cle in lignesParAnnee.keys.sorted() {
            let n = Int32(lignesParAnnee[cle]?.count ?? 0)
            lignesParAnnee[cle] = Array(debut..<(debut + n))
            debut += n
        }
        comptagesPerimes = Set(lignesParComptage.keys)
        mettreAJourComptages()
    }

    /// Rebuilds the counts of the organismes and years written since the last request, on every core when there
    /// are many.
    mutating func mettreAJourComptages() {
        guard !comptagesPerimes.isEmpty else { return }
        let cles = Array(comptagesPerimes)
        comptagesPerimes.removeAll()
        let lignes = cles.map { lignesParComptage[$0] ?? [] }
        var resultats = [ComptageOrganisme](repeating: ComptageOrganisme(), count: lignes.count)
        let parts = lignes.count > 200 ? min(reserve.nombreDeFils, 8) : 1
        debutEtapes.withUnsafeBufferPointer { debut in
            nbEtapes.withUnsafeBufferPointer { nb in
                jours.withUnsafeBufferPointer { etapes in
                    statuts.withUnsafeBufferPointer { statuts in
                        resultats.withUnsafeMutableBufferPointer { sortie in
                            reserve.enParallele(parts) { p in
                                for k in (lignes.count * p / parts)..<(lignes.count * (p + 1) / parts) {
                                    sortie[k] = ComptageOrganisme(
                                        lignes: lignes[k], debut: debut, nb: nb, jours: etapes, statuts: statuts)
                                }
                            }
                        }
                    }
                }
            }
        }
        for (cle, c) in zip(cles, resultats) { comptages[cle] = c }
    }
}
