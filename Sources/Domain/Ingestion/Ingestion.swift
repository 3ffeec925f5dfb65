import Foundation

/// The path of a batch (DESIGN §3): validate every item, resolve its organismes, run the business checks that the
/// reference only runs in its queue, refuse duplicates inside the batch, then write it all in one transaction.
/// What the caller gets back is the final verdict of every item.
public struct Ingestion: Sendable {
    public static let tailleMaximaleLot = 2000

    let store: any Store
    let horloge: Horloge
    /// The indicator index, updated with the batch before the verdict is returned.
    let index: IndexIndicateurs?

    public init(store: any Store, horloge: Horloge, index: IndexIndicateurs? = nil) {
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

    public func traiter(_ items: [JSONValue], transmetteur: OrganismeID, cleApi: CleApiID?,
                        source: SourceEffectif = .erp) async throws -> Resultat {
        let now = horloge.now()
        let t0 = ContinuousClock.now
        let decodes = items.carteParallele(DecodeurDossier.decoder)
        let echos = items.carteParallele(ChampsDossier.echo)
        var couples = Set<OrganismeCle>()
        for case .valide(let d) in decodes {
            couples.insert(d.formateur)
            couples.insert(d.responsable)
        }
        let organismes = try await store.organismes(cles: couples)
        let famille = try await store.famille(de: transmetteur)

        var premierParCle: [CleEffectif: Int] = [:]
        var prepares: [LotPrepare.Item] = []
        prepares.reserveCapacity(items.count)
        for (index, (item, decode)) in zip(items, decodes).enumerated() {
            let echo = echos[index]
            guard case .valide(let dossier) = decode else {
                prepares.append(.init(index: index, echo: echo, idErpApprenant: idErp(item), formateur: nil,
                                      erreurs: decode.erreurs, effectif: nil))
                continue
            }
            let formateur = organismes[dossier.formateur]
            let responsable = organismes[dossier.responsable]
            var erreurs = ControlesMetier.verifier(dossier, formateur: formateur, responsable: responsable)
            if let formateur, !famille.contains(formateur.id) {
                erreurs.append(ErreurValidation(
                    path: ["etablissement_formateur_uai", "etablissement_formateur_siret"],
                    message: Message.horsPerimetreCle))
            }
            var effectif: Effectif?
            if erreurs.isEmpty, let formateur, let responsable {
                let e = Effectif(dossier: dossier, formateur: formateur.id, responsable: responsable.id,
                                 source: source, transmetteur: transmetteur, now: now)
                if let premier = premierParCle[e.cle] {
                    erreurs.append(ErreurValidation("id_erp_apprenant", Message.doublonDansLeLot(premier: premier)))
                } else {
                    premierParCle[e.cle] = index
                    effectif = e
                }
            }
            prepares.append(.init(index: index, echo: echo, idErpApprenant: dossier.idErpApprenant,
                                  formateur: dossier.formateur, erreurs: erreurs, effectif: effectif))
        }
        let lot = LotPrepare(id: UUID().uuidString.lowercased(), recuLe: now, source: source,
                             transmetteur: transmetteur, cleApi: cleApi, items: prepares)
        let t1 = ContinuousClock.now
        let enregistres = try await store.enregistrer(lot: lot)
        let t2 = ContinuousClock.now
        if let index {
            let acceptes = enregistres.compactMap(\.indexable)
            if !index.connait(acceptes.map(\.organisme)) { try await index.rechargerOrganismes(depuis: store) }
            index.appliquer(acceptes, transmisLe: now)
        }
        var r = Resultat(lot: lot, enregistres: enregistres)
        r.durees = (t1 - t0, t2 - t1, ContinuousClock.now - t2)
        return r
    }

    private func idErp(_ item: JSONValue) -> String? {
        guard case .object(let o) = item, let v = o["id_erp_apprenant"] else { return nil }
        return v.javascriptString
    }
}

