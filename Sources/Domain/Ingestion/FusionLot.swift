import Foundation

/// What a batch does to the stored effectifs (DESIGN §3): each accepted item either is a new learner or is merged
/// into the stored one (`Effectif.fusionne`), and its timeline is rebuilt (`ConstructeurParcours`). Pure: a store
/// reads the stored learners of the batch's keys, calls this between that read and its writes, and writes what it
/// returns, in batch order.
public enum FusionLot {
    /// A learner as stored, read back by a store before a batch touching its key.
    public struct Existant: Sendable {
        public let id: EffectifID
        public let effectif: Effectif

        public init(id: EffectifID, effectif: Effectif) {
            self.id = id
            self.effectif = effectif
        }
    }

    /// What to write for one accepted item.
    public struct Ecriture: Sendable {
        /// The stored row to update; `nil` for a new learner, to insert.
        public let id: EffectifID?
        /// The learner as it must be stored.
        public let effectif: Effectif
        /// Its timeline, rebuilt.
        public let parcours: Parcours
        /// The organisme that had sent the stored learner, when it is not this batch's transmitter.
        public let ecrasementDe: OrganismeID?
    }

    /// The write of one item of `lot`, given the stored learner of its key if there is one; `nil` for a rejected
    /// item. Merged learners keep their creation date and get the batch's reception date as update and
    /// transmission dates.
    public static func ecriture(_ item: LotPrepare.Item, existant: Existant?, lot: LotPrepare) -> Ecriture? {
        guard let entrant = item.effectif else { return nil }
        guard let existant else {
            return Ecriture(id: nil, effectif: entrant, parcours: entrant.parcours, ecrasementDe: nil)
        }
        let ancien = existant.effectif
        let fusionne = ancien.fusionne(avec: entrant, now: lot.recuLe)
        return Ecriture(
            id: existant.id, effectif: fusionne, parcours: fusionne.parcours,
            ecrasementDe: ancien.sourceOrganismeId == lot.transmetteur ? nil : ancien.sourceOrganismeId)
    }

    /// The formateurs whose transmission dates the batch updates: those of its accepted items.
    public static func formateurs(_ lot: LotPrepare) -> Set<OrganismeID> {
        Set(lot.items.compactMap { $0.effectif?.organismeId })
    }
}

extension ItemEnregistre {
    /// What the writer of a batch answers for one item once written: its transmission row, and, when accepted, the
    /// stored learner's id and the change number its write got.
    public init(
        _ item: LotPrepare.Item, ecriture: FusionLot.Ecriture?, id: EffectifID?, version: Int64?,
        transmissionId: Int64
    ) {
        var indexable: EffectifIndexable?
        if let ecriture, let id, let version {
            indexable = EffectifIndexable(
                EffectifStocke(id: id, effectif: ecriture.effectif, parcours: ecriture.parcours),
                version: version)
        }
        self.init(
            index: item.index, transmissionId: transmissionId, effectifId: indexable == nil ? nil : id,
            organismeId: item.effectif?.organismeId, indexable: indexable, ecrasementDe: ecriture?.ecrasementDe)
    }
}
