import Domain
import Foundation
import Outils

/// The in-memory, columnar index of every effectif (DESIGN §5). Built from the store at start-up, updated by
/// every accepted batch under the write lock (a reader never sees half a batch); readers share the read lock and
/// never wait for one another. Questions are answered on the threads of a `ReserveDeCalcul`, never on the
/// threads of Swift's cooperative pool: the task that asks is suspended meanwhile. The store stays the source of
/// truth.
public final class IndexIndicateurs: Sendable {
    /// Every column, behind the lock. The only ways in are `lecture`, `consultation` and `ecriture` below.
    private let colonnes: VerrouLectureEcriture<Colonnes>
    /// Where the index stands, readable without waiting for a writer (cache keys, health, metrics).
    private let etat = VerrouLectureEcriture(Etat())
    let reserve: ReserveDeCalcul

    /// How requests filtered on organismes only are answered: chosen by volume, or forced (tests compare the two;
    /// the bench shows both).
    public enum ModeCalcul: Sendable { case automatique, balayage, comptages }

    struct Etat {
        var generation: UInt64 = 0
        var nombreEffectifs = 0
        var versionSuivie: Int64 = 0
        var versionBase: Int64 = 0
    }

    /// `seuilEtapesOrphelines`: how many steps left behind by updates are tolerated before their space is given
    /// back (and at most a quarter of all steps).
    public init(reserve: ReserveDeCalcul = .partagee, seuilEtapesOrphelines: Int = 65_536) {
        self.reserve = reserve
        colonnes = VerrouLectureEcriture(Colonnes(reserve: reserve, seuilOrphelines: seuilEtapesOrphelines))
    }

    // MARK: - The two ways in

    /// Reads the columns on a thread of the reserve, once the organismes' counts written since the last read are
    /// rebuilt (under the write lock: readers only ever read). A batch landing between the two leaves some counts
    /// stale: `histogramme` then scans the rows instead, so answers stay exact.
    func lecture<T: Sendable>(_ corps: @escaping @Sendable (Colonnes) -> T) async -> T {
        await reserve.executer { [colonnes] in
            if colonnes.lire({ !$0.comptagesPerimes.isEmpty }) { colonnes.ecrire { $0.mettreAJourComptages() } }
            return colonnes.lire(corps)
        }
    }

    /// Reads the columns in place, for lookups that take microseconds (never a scan: those go through `lecture`).
    func consultation<T>(_ corps: (Colonnes) -> T) -> T { colonnes.lire(corps) }

    /// Changes the columns, alone, then publishes where the index stands. Called on the caller's thread: the
    /// serving paths call it through `ecritureEnReserve`.
    @discardableResult
    func ecriture<T>(_ corps: (inout Colonnes) throws -> T) rethrows -> T {
        try colonnes.ecrire { c in
            let resultat = try corps(&c)
            c.recupererEtapes()
            let publie = Etat(
                generation: c.generation, nombreEffectifs: c.ligneParId.count,
                versionSuivie: c.versionSuivie, versionBase: c.versionBase)
            etat.ecrire { $0 = publie }
            return resultat
        }
    }

    /// `ecriture` on a thread of the reserve: a writer waiting for long scans to end waits there, suspended.
    func ecritureEnReserve<T: Sendable>(_ corps: @escaping @Sendable (inout Colonnes) -> T) async -> T {
        await reserve.executer { [self] in ecriture(corps) }
    }

    // MARK: - Where the index stands

    public var nombreEffectifs: Int { etat.lire { $0.nombreEffectifs } }

    /// Moves at every change an answer could show (effectifs, organismes, transmissions): a cached answer computed
    /// at an earlier generation is stale.
    public var generation: UInt64 { etat.lire { $0.generation } }

    /// How far the index stands behind the database: changes known to exist and not yet followed.
    public var retard: (changements: Int64, versionSuivie: Int64) {
        etat.lire { (max(0, $0.versionBase - $0.versionSuivie), $0.versionSuivie) }
    }

    /// How requests filtered on organismes only are answered.
    public var mode: ModeCalcul {
        get { consultation { $0.mode } }
        set { ecriture { $0.mode = newValue } }
    }

    /// How many timeline steps the columns hold, and how many of them no row points to any more.
    public var etapes: (stockees: Int, orphelines: Int) { consultation { $0.etapes } }

    // MARK: - Écriture

    /// Replaces the organismes and the catalogue (start-up, or after an import).
    public func charger(organismes liste: [Organisme], catalogue: Catalogue) {
        ecriture { $0.charger(organismes: liste, catalogue: catalogue) }
    }

    /// Whether every organisme is known to the index (else reload them first).
    public func connait(_ ids: some Sequence<OrganismeID>) -> Bool {
        consultation { c in ids.allSatisfy { c.rangOrganisme[$0] != nil } }
    }

    /// Adds or replaces effectifs, all at once, and notes the transmission on their organismes. A row already
    /// holding a later change keeps it. When the items carry the changes right after the followed cursor (the
    /// batch this instance just wrote), the cursor moves past them.
    public func appliquer(_ items: [EffectifIndexable], transmisLe: Date? = nil) {
        guard !items.isEmpty else { return }
        ecriture { Self.appliquer(items, transmisLe: transmisLe, a: &$0) }
    }

    private static func appliquer(_ items: [EffectifIndexable], transmisLe: Date?, a c: inout Colonnes) {
        for e in items { c.ecrire(e) }
        let versions = items.map(\.version).sorted()
        if let premiere = versions.first, let derniere = versions.last, premiere == c.versionSuivie + 1,
            derniere - premiere == Int64(versions.count - 1)
        {
            c.versionSuivie = derniere
            c.versionBase = max(c.versionBase, derniere)
        }
        if let transmisLe {
            for rang in Set(items.compactMap { c.rangOrganisme[$0.organisme] }) {
                c.noterTransmission(rang, transmisLe)
            }
        }
    }

    /// Applies changes read from the database (in change order) and moves the cursor to `jusqua`. The organismes
    /// of the changed effectifs get the transmission dates the writing instance stored for them.
    func suivre(_ changements: [EffectifIndexable], jusqua: Int64) async {
        await ecritureEnReserve { c in
            for e in changements {
                c.ecrire(e)
                if let t = e.transmisLe, let rang = c.rangOrganisme[e.organisme] { c.noterTransmission(rang, t) }
            }
            c.versionSuivie = max(c.versionSuivie, jusqua)
            c.versionBase = max(c.versionBase, c.versionSuivie)
        }
    }

    /// Lays the rows out year by year, contiguously, so that a scan reads memory in sequence (after the start-up
    /// build).
    public func compacter() {
        ecriture { $0.compacter() }
    }
}

extension IndexIndicateurs: SuiviDesLots {
    /// Counts an accepted batch before its verdict is returned (reloading the organismes first if it names one the
    /// index does not know yet).
    public func integrer(_ acceptes: [EffectifIndexable], transmisLe: Date, store: any Store) async throws {
        guard !acceptes.isEmpty else { return }
        if !connait(acceptes.map(\.organisme)) { try await rechargerOrganismes(depuis: store) }
        await ecritureEnReserve { Self.appliquer(acceptes, transmisLe: transmisLe, a: &$0) }
    }
}
