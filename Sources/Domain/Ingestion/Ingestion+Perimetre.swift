import Foundation

extension Ingestion {
    /// The formateur must be the key's organisme or one it is responsible for; the responsable must be in the
    /// same perimeter or a responsable of that formateur (`PerimetreCle`).
    static func controlerPerimetre(_ p: PerimetreCle, formateur: Organisme?, responsable: Organisme?)
        -> [ErreurValidation]
    {
        guard let formateur else { return [] }
        guard p.peutTransmettre(pour: formateur.id) else {
            return [
                ErreurValidation(
                    path: ["etablissement_formateur_uai", "etablissement_formateur_siret"],
                    message: Message.horsPerimetreCle)
            ]
        }
        guard let responsable, !p.admet(responsable: responsable.id, formateur: formateur.id) else { return [] }
        return [
            ErreurValidation(
                path: ["etablissement_responsable_uai", "etablissement_responsable_siret"],
                message: Message.responsableHorsPerimetreCle)
        ]
    }

    /// One audit-log entry per batch that overwrote learners last sent by another organisme (another ERP, an
    /// upload, a former key holder): who took them over, from whom, which ones.
    func journaliserEcrasements(_ lot: LotPrepare, _ enregistres: [ItemEnregistre]) async throws {
        let ecrases = enregistres.compactMap { e in e.ecrasementDe.map { (de: $0, effectif: e.effectifId) } }
        guard !ecrases.isEmpty else { return }
        var parOrganisme: [OrganismeID: Int] = [:]
        for e in ecrases { parOrganisme[e.de, default: 0] += 1 }
        let precedents = parOrganisme.sorted { $0.key.rawValue < $1.key.rawValue }
            .map { "organisme \($0.key.rawValue) (\($0.value))" }.joined(separator: ", ")
        let ids = ecrases.compactMap(\.effectif).prefix(50).map { String($0.rawValue) }.joined(separator: ", ")
        let detail =
            "lot \(lot.id) transmis par l'organisme \(lot.transmetteur.rawValue)"
            + (lot.cleApi.map { " avec la clé \($0.rawValue)" } ?? "")
            + " : \(ecrases.count) apprenant\(ecrases.count > 1 ? "s" : "") transmis auparavant par un autre organisme — "
            + precedents + " ; effectifs " + ids + (ecrases.count > 50 ? "…" : "")
        try await store.journaliser(
            EntreeJournal(
                date: lot.recuLe, acteur: nil, acteurEmail: nil,
                action: "ecrasement_autre_source", detail: detail))
    }
}
