import Foundation

extension Effectif {
    /// The effectif without what names or reaches the learner (F22), every field the indicators read unchanged:
    /// organismes, school year, birth date, formation, contracts and the status history stay, so the timeline and
    /// the index are the same. The ERP id stays: it is the merge key of a learner sent again, and the ERP's own
    /// reference, not a name (see README, "Conservation des données").
    public func pseudonymise(pseudonyme: String) -> Effectif {
        var e = self
        e.apprenant.nom = pseudonyme
        e.apprenant.prenom = ""
        e.apprenant.ine = nil
        e.apprenant.courriel = nil
        e.apprenant.telephone = nil
        e.apprenant.responsableMail1 = nil
        e.apprenant.responsableMail2 = nil
        e.apprenant.adresse = nil
        e.apprenant.adresseNaissance = nil
        e.formation.referentHandicap = nil
        return e
    }

    /// The pseudonym of a stored effectif: its row number, meaningless outside the database.
    public static func pseudonyme(_ id: EffectifID) -> String { "PSEUDONYME-\(id.rawValue)" }
}
