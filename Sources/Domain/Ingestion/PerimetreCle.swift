/// For whom an API key may write (issue 11): its organisme and the formateurs it is responsible for — not the
/// "family" of the national service (§8.4), which also lets a formateur's key write for its responsables and its
/// siblings. The responsable a dossier names must be in that perimeter too, or be a responsable of the dossier's
/// formateur in the référentiel (a formateur's ERP names its gestionnaire).
public struct PerimetreCle: Sendable, Equatable {
    public let organisme: OrganismeID
    public let formateurs: Set<OrganismeID>
    /// The responsables of the organisme and of its formateurs, by formateur.
    public let responsables: [OrganismeID: Set<OrganismeID>]

    /// From the relations (responsable → formateur) that touch the organisme or its formateurs.
    public init(organisme: OrganismeID, relations: [(responsable: OrganismeID, formateur: OrganismeID)]) {
        self.organisme = organisme
        var formateurs = Set<OrganismeID>()
        for r in relations where r.responsable == organisme && r.formateur != organisme {
            formateurs.insert(r.formateur)
        }
        var responsables: [OrganismeID: Set<OrganismeID>] = [:]
        for r in relations where r.formateur == organisme || formateurs.contains(r.formateur) {
            responsables[r.formateur, default: []].insert(r.responsable)
        }
        self.formateurs = formateurs
        self.responsables = responsables
    }

    public func peutTransmettre(pour formateur: OrganismeID) -> Bool {
        formateur == organisme || formateurs.contains(formateur)
    }

    public func admet(responsable: OrganismeID, formateur: OrganismeID) -> Bool {
        peutTransmettre(pour: responsable) || responsables[formateur]?.contains(responsable) == true
    }
}
