import Foundation

/// Companies' requests to CFAs (issue 16): stored when the form is valid, sent to the CFA when the company confirms
/// its address (only the hash of the link's token is kept), then handled in the CFA's inbox with an append-only
/// history (confirmation, changes of status, replies).
public protocol StoreDemandesEntreprises: Sendable {
    /// Stores a request waiting for its confirmation, with the hash of its token. Unconfirmed requests whose link
    /// expired more than `DemandesEntreprises.conservationNonConfirmees` ago are dropped in the same transaction.
    func enregistrer(demande: DemandeContact, organisme: OrganismeID, hashJeton: String, expireLe: Date, now: Date)
        async throws -> DemandeEntrepriseID
    /// Confirms the request of the token if its link still works: `confirmeeLe` set and `evenement` appended, in
    /// one statement's transaction. A request confirmed before is told as such, and nothing is written.
    func confirmerDemande(hashJeton: String, evenement: EvenementDemande) async throws -> ConfirmationDemande
    /// A confirmed request, nil when none has this id.
    func demandeEntreprise(id: DemandeEntrepriseID) async throws -> DemandeEntreprise?
    /// The confirmed requests to these organismes, the latest confirmed first.
    func demandesEntreprises(organismes: Set<OrganismeID>) async throws -> [DemandeEntreprise]
    /// The history of a request, oldest first.
    func evenements(demande: DemandeEntrepriseID) async throws -> [EvenementDemande]
    /// If the confirmed request is still at `versionLue`: appends the event and applies it (its status; the date
    /// of the first reply), in one transaction.
    func enregistrer(evenement: EvenementDemande, demande: DemandeEntrepriseID, versionLue: Int64) async throws
        -> EnregistrementDemande
    /// How many confirmed requests to these organismes are « nouvelle » (navigation counter).
    func nombreDemandesNouvelles(organismes: Set<OrganismeID>) async throws -> Int
    /// The dates of the requests confirmed at or after `depuis`, to these organismes (all when nil): what the
    /// statistics by month are computed from (`StatistiquesDemandes.parMois`).
    func faitsDemandes(organismes: Set<OrganismeID>?, depuis: Date) async throws -> [FaitsDemande]
}

extension StoreDemandesEntreprises {
    /// The statistics by month (Paris time) of the requests confirmed at or after `depuis`: sent, answered,
    /// filled, median time to the first answer.
    public func statistiquesDemandes(organismes: Set<OrganismeID>?, depuis: Date) async throws
        -> [StatistiqueMoisDemandes]
    {
        StatistiquesDemandes.parMois(try await faitsDemandes(organismes: organismes, depuis: depuis))
    }
}
