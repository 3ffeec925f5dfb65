import Foundation
import Outils

/// A batch ready to be written: every received item with its verdict, and the accepted ones as effectifs.
public struct LotPrepare: Sendable {
    public struct Item: Sendable {
        public let index: Int
        /// For a rejected item, its known fields as sent, without `nir_apprenant`, as a JSON object: what the
        /// transmission history keeps for the CFA to see what to fix. Empty for an accepted item: the stored learner
        /// holds it (its personal data is not copied again into the history at each resend), and the response
        /// writes its echo itself.
        public let echo: String
        public let idErpApprenant: String?
        public let formateur: OrganismeCle?
        public let erreurs: [ErreurValidation]
        /// The dossier mapped to an effectif when the item is accepted.
        public let effectif: Effectif?

        public init(
            index: Int, echo: String, idErpApprenant: String?, formateur: OrganismeCle?,
            erreurs: [ErreurValidation], effectif: Effectif?
        ) {
            self.index = index
            self.echo = echo
            self.idErpApprenant = idErpApprenant
            self.formateur = formateur
            self.erreurs = erreurs
            self.effectif = effectif
        }
    }

    public let id: String
    public let recuLe: Date
    public let source: SourceEffectif
    public let transmetteur: OrganismeID
    public let cleApi: CleApiID?
    public let items: [Item]
    /// How long validating it took.
    public var dureePreparation: Duration = .zero

    public init(
        id: String, recuLe: Date, source: SourceEffectif, transmetteur: OrganismeID, cleApi: CleApiID?, items: [Item]
    ) {
        self.id = id
        self.recuLe = recuLe
        self.source = source
        self.transmetteur = transmetteur
        self.cleApi = cleApi
        self.items = items
    }
}

/// What was written for one item.
public struct ItemEnregistre: Sendable, Equatable {
    public let index: Int
    public let transmissionId: Int64
    public let effectifId: EffectifID?
    public let organismeId: OrganismeID?
    /// The effectif as stored after the merge, for the indicator index.
    public let indexable: EffectifIndexable?
    /// The organisme that had sent the stored learner this item overwrote, when it is not this batch's transmitter.
    public let ecrasementDe: OrganismeID?

    public init(
        index: Int, transmissionId: Int64, effectifId: EffectifID?, organismeId: OrganismeID?,
        indexable: EffectifIndexable? = nil, ecrasementDe: OrganismeID? = nil
    ) {
        self.ecrasementDe = ecrasementDe
        self.index = index
        self.transmissionId = transmissionId
        self.effectifId = effectifId
        self.organismeId = organismeId
        self.indexable = indexable
    }
}
