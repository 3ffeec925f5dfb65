import Foundation
import Outils

/// What the dashboard pages read from the store beyond the index: learners by name (never kept in memory) and the
/// history of transmissions.
public protocol StoreConsultation: Sendable {
    /// The effectifs among these ids whose name, first name or ERP id contains `recherche` (case-insensitive),
    /// with what a named list shows, sorted by name, first name and id; `limite` rows after `decalage` (all when
    /// nil), and how many match.
    func effectifs(ids: [EffectifID], recherche: String?, limite: Int?, decalage: Int) async throws
        -> (total: Int, lignes: [EffectifDetaille])
    /// Items received from an organisme's transmissions, accepted and rejected, by UTC day since `depuis`, latest first.
    func transmissionsParJour(organisme: OrganismeID, depuis: Date) async throws -> [BilanTransmissionJour]
    /// The rejected items an organisme sent on a day, latest first.
    func rejets(organisme: OrganismeID, jour: Jour, limite: Int) async throws -> [ItemRejete]
}

/// An effectif as named lists and the organisme page show it.
public struct EffectifDetaille: Sendable, Equatable {
    public let id: EffectifID
    public let organisme: OrganismeID
    public let anneeScolaire: AnneeScolaire
    public let idErpApprenant: String
    public let nom: String
    public let prenom: String
    public let dateDeNaissance: Jour
    public let cfd: String?
    public let rncp: String?
    public let courriel: String?
    public let telephone: String?
    public let dateEntree: Jour
    public let dateFin: Jour
    public let parcours: Parcours
    public let transmisLe: Date

    public init(
        id: EffectifID, organisme: OrganismeID, anneeScolaire: AnneeScolaire, idErpApprenant: String, nom: String,
        prenom: String, dateDeNaissance: Jour, cfd: String?, rncp: String?,
        courriel: String?, telephone: String?, dateEntree: Jour, dateFin: Jour, parcours: Parcours, transmisLe: Date
    ) {
        self.id = id
        self.organisme = organisme
        self.anneeScolaire = anneeScolaire
        self.idErpApprenant = idErpApprenant
        self.nom = nom
        self.prenom = prenom
        self.dateDeNaissance = dateDeNaissance
        self.cfd = cfd
        self.rncp = rncp
        self.courriel = courriel
        self.telephone = telephone
        self.dateEntree = dateEntree
        self.dateFin = dateFin
        self.parcours = parcours
        self.transmisLe = transmisLe
    }
}

public struct BilanTransmissionJour: Sendable, Equatable {
    public let jour: Jour
    public let acceptes: Int
    public let rejetes: Int
    public init(jour: Jour, acceptes: Int, rejetes: Int) {
        self.jour = jour
        self.acceptes = acceptes
        self.rejetes = rejetes
    }
}

public struct ItemRejete: Sendable, Equatable {
    public let recuLe: Date
    public let idErpApprenant: String?
    /// The item as sent (JSON text, without the NIR).
    public let donnees: String
    public let erreurs: [ErreurValidation]

    public init(recuLe: Date, idErpApprenant: String?, donnees: String, erreurs: [ErreurValidation]) {
        self.recuLe = recuLe
        self.idErpApprenant = idErpApprenant
        self.donnees = donnees
        self.erreurs = erreurs
    }
}
