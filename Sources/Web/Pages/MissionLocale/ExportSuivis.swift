import Domain

/// The columns of a mission locale's downloads (XLSX sheets and CSV).
enum ExportSuivis {
    static let entetes = [
        "Nom", "Prénom", "Date de naissance", "Âge", "RQTH", "Prioritaire", "Date de rupture", "Début du contrat",
        "Fin du contrat", "Cause de la rupture", "SIRET employeur", "Commune (INSEE)", "Code postal", "Adresse",
        "Téléphone", "Courriel", "Courriel responsable 1", "Courriel responsable 2", "Formation", "CFD", "CFA",
        "Contacts du CFA", "Résultat", "Situation", "Dernière transmission",
    ]

    static func ligne(
        _ c: CasSuivi, effectif e: Effectif?, libelles: SuivisVue.Libelles, contacts: [ContactOrganisme]
    ) -> [Classeur.Cellule] {
        let l = c.suivi.ligne
        let a = e?.apprenant
        let contrat = e?.contrats.last { $0.dateRupture.map { $0 <= c.rupture } ?? false }
        return [
            .texte(l.nom), .texte(l.prenom), .date(l.dateDeNaissance), .nombre(c.age), .texte(l.rqth ? "oui" : "non"),
            .texte(c.priorites.map(\.libelle).joined(separator: ", ")), .date(c.rupture), .date(contrat?.dateDebut),
            .date(contrat?.dateFin), .texte(contrat?.causeRupture), .texte(contrat?.siret), .texte(l.communeInsee),
            .texte(l.codePostal), .texte(a?.adresse?.complete), .texte(a?.telephone), .texte(a?.courriel),
            .texte(a?.responsableMail1), .texte(a?.responsableMail2), .texte(libelles.formation(l.cfd, l.rncp)),
            .texte(l.cfd), .texte(libelles.organisme(l.organisme)),
            .texte(contacts.map { "\($0.nom) <\($0.email)>" }.joined(separator: ", ")), .texte(c.resultat?.libelle),
            .texte(c.bandeau?.libelle), .date(e.map { HeureDeParis.jour($0.transmittedAt) }),
        ]
    }
}
