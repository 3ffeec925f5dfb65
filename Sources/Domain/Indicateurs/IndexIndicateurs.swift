import Foundation

/// The in-memory, columnar index of every effectif (DESIGN §5): a few integers per effectif and its timeline as
/// (day, status) steps. Built from the store at start-up, updated in place by every accepted batch under the write
/// lock (a reader never sees half a batch); readers share the read lock and never wait for one another. The store
/// stays the source of truth.
public final class IndexIndicateurs: @unchecked Sendable {
    let verrou = VerrouLectureEcriture()

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
    /// Rows by organisme and school year (`cleComptage`), and their status counts as step functions of the day,
    /// rebuilt on demand for the keys written since (`comptagesPerimes`).
    var lignesParComptage: [Int64: [Int32]] = [:]
    var comptages: [Int64: ComptageOrganisme] = [:]
    var comptagesPerimes = Set<Int64>()
    /// How requests filtered on organismes only are answered: chosen by volume, or forced (tests compare the two;
    /// the bench shows both).
    public enum ModeCalcul: Sendable { case automatique, balayage, comptages }
    public var mode = ModeCalcul.automatique

    // Dictionaries
    var cfds: [String] = []
    var rangCfd: [String: Int32] = [:]
    var formations: [FormationIndexee] = []
    var rangFormation: [String: Int32] = [:]
    var catalogue = Catalogue([])

    public init() {}


    struct FormationIndexee {
        let cfd: String?
        let rncp: String?
        let libelle: String?
        let niveau: Int?
    }

    static func cleAnnee(_ a: AnneeScolaire) -> Int32 { Int32(a.debut * 2 + (a.estAnneeCivile ? 1 : 0)) }
    /// An organisme id and a school year key in one integer.
    static func cleComptage(_ organisme: Int64, _ annee: Int32) -> Int64 { organisme << 14 | Int64(annee & 0x3FFF) }

    public var nombreEffectifs: Int { verrou.lire { ligneParId.count } }

    /// Moves at every change an answer could show (effectifs, organismes, transmissions): a cached answer computed
    /// at an earlier generation is stale.
    var generationInterne: UInt64 = 0
    public var generation: UInt64 { verrou.lire { generationInterne } }

    /// Every change of the database up to this number is in the index (the follower's cursor).
    var versionSuivie: Int64 = 0
    /// The last change number the database reported, to measure how far behind the index is.
    var versionBase: Int64 = 0
    /// The organismes version the loaded organismes and catalogue come from.
    var versionOrganismes: Int64 = -1
    /// The last erasure of a learner applied (`IndexIndicateurs+Retrait.swift`).
    var effacementSuivi: Int64 = 0

    /// How far the index stands behind the database: changes known to exist and not yet followed.
    public var retard: (changements: Int64, versionSuivie: Int64) {
        verrou.lire { (max(0, versionBase - versionSuivie), versionSuivie) }
    }

    // MARK: - Écriture

    /// Replaces the organismes and the catalogue (start-up, or after an import).
    public func charger(organismes liste: [Organisme], catalogue: Catalogue) {
        verrou.withLock {
            generationInterne &+= 1
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
    }

    /// A territory code as a small integer (`kind` separates régions, départements and académies); -1 for none.
    func code(_ kind: String, _ valeur: String?) -> Int32 {
        guard let valeur else { return -1 }
        let cle = kind + valeur
        if let c = codesTerritoire[cle] { return c }
        let c = Int32(codesTerritoire.count)
        codesTerritoire[cle] = c
        return c
    }

    /// A réseau as one bit (the first 63 réseaux met; later ones share the last bit, which only widens a filter).
    func bit(_ reseau: String) -> UInt64 {
        if let b = bitsReseau[reseau] { return b }
        let b = UInt64(1) << UInt64(min(bitsReseau.count, 63))
        bitsReseau[reseau] = b
        return b
    }

    /// Whether every organisme is known to the index (else reload them first).
    public func connait(_ ids: some Sequence<OrganismeID>) -> Bool {
        verrou.lire { ids.allSatisfy { rangOrganisme[$0] != nil } }
    }

    /// Adds or replaces effectifs, all at once, and notes the transmission on their organismes. A row already
    /// holding a later change keeps it. When the items carry the changes right after the followed cursor (the
    /// batch this instance just wrote), the cursor moves past them.
    public func appliquer(_ items: [EffectifIndexable], transmisLe: Date? = nil) {
        guard !items.isEmpty else { return }
        verrou.withLock {
            for e in items { ecrire(e) }
            let versions = items.map(\.version).sorted()
            if versions.first == versionSuivie + 1, versions.last! - versions.first! == Int64(versions.count - 1) {
                versionSuivie = versions.last!
                versionBase = max(versionBase, versionSuivie)
            }
            if let transmisLe {
                for rang in Set(items.compactMap { rangOrganisme[$0.organisme] }) { noterTransmission(rang, transmisLe) }
            }
        }
    }

    /// Applies changes read from the database (in change order) and moves the cursor to `jusqua`. The organismes
    /// of the changed effectifs get the transmission dates the writing instance stored for them.
    func suivre(_ changements: [EffectifIndexable], jusqua: Int64) {
        verrou.withLock {
            for e in changements {
                ecrire(e)
                if let t = e.transmisLe, let rang = rangOrganisme[e.organisme] { noterTransmission(rang, t) }
            }
            versionSuivie = max(versionSuivie, jusqua)
            versionBase = max(versionBase, versionSuivie)
        }
    }

    /// A formateur's first transmission is set once; its last one only moves forward.
    private func noterTransmission(_ rang: Int32, _ t: Date) {
        generationInterne &+= 1
        let i = Int(rang)
        organismes[i].firstTransmissionDate = organismes[i].firstTransmissionDate ?? t
        organismes[i].lastTransmissionDate = max(organismes[i].lastTransmissionDate ?? t, t)
    }

    private func ecrire(_ e: EffectifIndexable) {
        generationInterne &+= 1
        if let i = ligneParId[e.id.rawValue].map(Int.init), versionLigne[i] > e.version { return }
        let f = catalogue.formation(cfd: e.cfd, rncp: e.rncp)
        let cleFormation = "\(e.rncp ?? "")|\(e.cfd ?? "")"
        let rangF: Int32
        if let r = rangFormation[cleFormation] { rangF = r } else {
            rangF = Int32(formations.count)
            formations.append(FormationIndexee(cfd: e.cfd, rncp: e.rncp, libelle: f?.libelle, niveau: f?.niveau))
            rangFormation[cleFormation] = rangF
        }
        var rangC: Int32 = -1
        if let c = e.cfd {
            if let r = rangCfd[c] { rangC = r } else {
                rangC = Int32(cfds.count)
                cfds.append(c)
                rangCfd[c] = rangC
            }
        }
        let debut = Int32(jours.count)
        for etape in e.parcours.etapes.prefix(255) {
            jours.append(etape.date.rawValue)
            statuts.append(CodeStatut.code(etape.valeur))
        }
        let cleAnnee = Self.cleAnnee(e.anneeScolaire)
        let valeurs = (org: rangOrganisme[e.organisme] ?? -1, naissance: e.dateDeNaissance.rawValue,
                       anneeFormation: Int8(clamping: e.anneeFormation ?? -1), niveau: Int8(clamping: f?.niveau ?? 0))
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
            debutEtapes[i] = debut
            nbEtapes[i] = UInt8(min(e.parcours.etapes.count, 255))
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
            debutEtapes.append(debut)
            nbEtapes.append(UInt8(min(e.parcours.etapes.count, 255)))
            versionLigne.append(e.version)
            ligneParId[e.id.rawValue] = i
            idParLigne.append(e.id.rawValue)
            lignesParAnnee[cleAnnee, default: []].append(i)
            let cle = Self.cleComptage(e.organisme.rawValue, cleAnnee)
            lignesParComptage[cle, default: []].append(i)
            comptagesPerimes.insert(cle)
        }
    }

    // MARK: - Lecture

    /// The status code of row `i` at day `d`: its last step on or before `d`, 0 if none.
    @inline(__always)
    func statut(_ i: Int, _ d: Int32) -> UInt8 {
        let debut = Int(debutEtapes[i])
        var resultat: UInt8 = 0
        for k in debut..<(debut + Int(nbEtapes[i])) {
            if jours[k] > d { break }
            resultat = statuts[k]
        }
        return resultat
    }
}

extension IndexIndicateurs {
    /// Lays the rows out year by year, contiguously, with their steps in the same order, so that a scan reads
    /// memory in sequence. Done once after the start-up build; rows added later are appended as usual.
    public func compacter() {
        verrou.withLock {
            let ordre: [Int32] = lignesParAnnee.keys.sorted().flatMap { lignesParAnnee[$0]! }
            guard ordre.count == org.count else { return }
            func permuter<T>(_ a: [T]) -> [T] { ordre.map { a[Int($0)] } }
            var nouveauxJours: [Int32] = [], nouveauxStatuts: [UInt8] = [], nouveauxDebuts: [Int32] = []
            nouveauxJours.reserveCapacity(jours.count)
            nouveauxStatuts.reserveCapacity(statuts.count)
            nouveauxDebuts.reserveCapacity(ordre.count)
            for ancien in ordre {
                let d = Int(debutEtapes[Int(ancien)]), n = Int(nbEtapes[Int(ancien)])
                nouveauxDebuts.append(Int32(nouveauxJours.count))
                nouveauxJours.append(contentsOf: jours[d..<(d + n)])
                nouveauxStatuts.append(contentsOf: statuts[d..<(d + n)])
            }
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
            debutEtapes = nouveauxDebuts
            jours = nouveauxJours
            statuts = nouveauxStatuts
            var nouveauRang = [Int32](repeating: 0, count: ordre.count)
            for (nouveau, ancien) in ordre.enumerated() { nouveauRang[Int(ancien)] = Int32(nouveau) }
            ligneParId = ligneParId.mapValues { nouveauRang[Int($0)] }
            lignesParComptage = lignesParComptage.mapValues { $0.map { nouveauRang[Int($0)] } }
            var debut: Int32 = 0
            for cle in lignesParAnnee.keys.sorted() {
                let n = Int32(lignesParAnnee[cle]!.count)
                lignesParAnnee[cle] = Array(debut..<(debut + n))
                debut += n
            }
            comptagesPerimes = Set(lignesParComptage.keys)
            mettreAJourComptages()
        }
    }

    /// Reads under the read lock, once the organismes' counts written since the last read are rebuilt (under the
    /// write lock: readers only ever read). A batch landing between the two leaves some counts stale: `histogramme`
    /// then scans the rows instead, so answers stay exact.
    func lecture<T>(_ corps: () throws -> T) rethrows -> T {
        if verrou.lire({ !comptagesPerimes.isEmpty }) { verrou.withLock { mettreAJourComptages() } }
        return try verrou.lire(corps)
    }

    /// Rebuilds the counts of the organismes and years written since the last request, on every core when there
    /// are many. Call with the write lock held.
    func mettreAJourComptages() {
        guard !comptagesPerimes.isEmpty else { return }
        let cles = Array(comptagesPerimes)
        comptagesPerimes.removeAll()
        let lignes = cles.map { lignesParComptage[$0] ?? [] }
        let resultats = debutEtapes.withUnsafeBufferPointer { debut in
            nbEtapes.withUnsafeBufferPointer { nb in
                jours.withUnsafeBufferPointer { etapes in
                    statuts.withUnsafeBufferPointer { statuts in
                        let t = UncheckedSendable((debut, nb, etapes, statuts))
                        return lignes.carteParallele { l in
                            ComptageOrganisme(lignes: l, debut: t.valeur.0, nb: t.valeur.1, jours: t.valeur.2, statuts: t.valeur.3)
                        }
                    }
                }
            }
        }
        for (cle, c) in zip(cles, resultats) { comptages[cle] = c }
    }
}
