import Foundation

/// The learners of one organisme in one formation at a day: how many are there (inscrits sans contrat, apprentis,
/// rupturants) and how many of them are still without an employer (INSCRIT_SANS_CONTRAT).
public struct EffectifsFormation: Sendable, Equatable {
    public let organisme: OrganismeID
    public let cfd: String?
    public let rncp: String?
    public let apprenants: Int
    public let sansContrat: Int

    public init(organisme: OrganismeID, cfd: String?, rncp: String?, apprenants: Int, sansContrat: Int) {
        self.organisme = organisme
        self.cfd = cfd
        self.rncp = rncp
        self.apprenants = apprenants
        self.sansContrat = sansContrat
    }
}
