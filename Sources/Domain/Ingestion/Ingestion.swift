import Foundation
import Outils

/// The path of a batch (DESIGN §3): validate every item, resolve its organismes, run the business checks that the
/// reference only runs in its queue, refuse duplicates inside the batch, then write it all in one transaction.
/// What the caller gets back is the final verdict of every item.
public struct Ingestion: Sendable {
    public static let tailleMaximaleLot = 2000

    let store: any Store
    let horloge: Horloge
    /// The indicator index, updated with the batch before the verdict is returned.
    let index: (any SuiviDesLots)?

    public init(store: any Store, horloge: Horloge, index: (any SuiviDesLots)? = nil) {
        self.store = store
        self.horloge = horloge
        self.index = index
    }

    public struct Resultat: Sendable {
        public let lot: LotPrepare
        public let enregistres: [ItemEnregistre]
        /// Time spent validating and preparing, writing to the store, updating the index.
        public var durees: (preparation: Duration, enregistrement: Duration, index: Duration) = (.zero, .zero, .zero)
        public var nombreRejetes: Int { lot.items.filter { !$0.erreurs.isEmpty }.count }
    }

    public func traiter(
        _ items: [JSONValue], transmetteur: OrganismeID, cleApi: CleApiID?,
        source: SourceEffectif = .erp
    ) async throws -> Resultat {
        try await enregistrer(try await preparer(items, transmetteur: transmetteur, cleApi: cleApi, source: source))
    }

    /// Validates every item and gives each its verdict, without writing anything.
    public func preparer(
        _ items: [JSONValue], transmetteur: OrganismeID, cleApi: CleApiID?,
        source: SourceEffectif = .erp
    ) async throws -> LotPrepare {
        let now = horloge.now()
        let t0 = ContinuousClock.now
        let decodes = items.carteParallele(DecodeurDossier.decoder)
        var couples = Set<OrganismeCle>()
        for case .valide(let d) in decodes {
            couples.insert(d.formateur)
            couples.insert(d.responsable)
        }
        let organismes = try await store.organismes(cles: couples)
        let perimetre = try await store.perimetreCle(de: transmetteur)

        // Each item's own verdict, on every core; then, in order, a learner sent twice keeps its first item.
        var prepares = Array(items.indices).carteParallele { index in
            let item = items[index]
            let decode = decodes[index]
            guard case .valide(let dossier) = decode else {
                return LotPrepare.Item(
                    index: index, echo: ChampsDossier.echo(item), idErpApprenant: idErp(item),
                    formateur: nil, erreurs: decode.erreurs, effectif: nil)
            }
            let formateur = organismes[dossier.formateur]
            let responsable = organismes[dossier.responsable]
            var erreurs = ControlesMetier.verifier(dossier, formateur: formateur, responsable: responsable)
            erreurs += Self.controlerPerimetre(perimetre, formateur: formateur, responsable: responsable)
            var effectif: Effectif?
            if erreurs.isEmpty, let formateur, let responsable {
                effectif = Effectif(
                    dossier: dossier, formateur: formateur.id, responsable: responsable.id,
                    source: source, transmetteur: transmetteur, now: now)
            }
            return LotPrepare.Item(
                index: index, echo: erreurs.isEmpty ? "" : ChampsDossier.echo(item),
                idErpApprenant: dossier.idErpApprenant, formateur: dossier.formateur,
                erreurs: erreurs, effectif: effectif)
        }
        var premierParCle: [CleEffectif: Int] = [:]
        for k in prepares.indices {
            guard let e = prepares[k].effectif else { continue }
            if let premier = premierParCle[e.cle] {
                let p = prepares[k]
                prepares[k] = LotPrepare.Item(
                    index: p.index, echo: ChampsDossier.echo(items[k]), idErpApprenant: p.idErpApprenant,
                    formateur: p.formateur,
                    erreurs: [ErreurValidation("id_erp_apprenant", Message.doublonDansLeLot(premier: premier))],
                    effectif: nil)
            } else {
                premierParCle[e.cle] = k
            }
        }
        var lot = LotPrepare(
            id: UUID().uuidString.lowercased(), recuLe: now, source: source,
            transmetteur: transmetteur, cleApi: cleApi, items: prepares)
        lot.dureePreparation = ContinuousClock.now - t0
        return lot
    }

    /// Writes a prepared batch in one transaction, then counts it in the index before returning.
    public func enregistrer(_ lot: LotPrepare) async throws -> Resultat {
        let t1 = ContinuousClock.now
        let enregistres = try await store.enregistrer(lot: lot)
        let t2 = ContinuousClock.now
        if let index {
            try await index.integrer(enregistres.compactMap(\.indexable), transmisLe: lot.recuLe, store: store)
        }
        try await journaliserEcrasements(lot, enregistres)
        var r = Resultat(lot: lot, enregistres: enregistres)
        r.durees = (lot.dureePreparation, t2 - t1, ContinuousClock.now - t2)
        return r
    }

    private func idErp(_ item: JSONValue) -> String? {
        guard case .object(let o) = item, let v = o["id_erp_apprenant"] else { return nil }
        return v.javascriptString
    }
}
