import Foundation

/// How a new transmission updates a stored effectif (domain §3.5): a missing or empty incoming value keeps the
/// stored one (an ERP cannot erase a field), any other value replaces it, lists (contracts) are replaced whole,
/// objects merge field by field, and the status history gets the incoming status appended.
extension Effectif {
    public func fusionne(avec n: Effectif, now: Date) -> Effectif {
        var r = n
        r.organismeResponsableId = n.organismeResponsableId
        r.apprenant = apprenant.fusionne(avec: n.apprenant, now: now)
        r.formation = formation.fusionne(avec: n.formation)
        r.contrats = n.contrats
        r.lieuDeFormation = LieuDeFormation(
            uai: garde(n.lieuDeFormation.uai, lieuDeFormation.uai),
            siret: garde(n.lieuDeFormation.siret, lieuDeFormation.siret),
            adresse: garde(n.lieuDeFormation.adresse, lieuDeFormation.adresse),
            codePostal: garde(n.lieuDeFormation.codePostal, lieuDeFormation.codePostal))
        r.createdAt = createdAt
        r.updatedAt = now
        r.transmittedAt = now
        return r
    }
}

extension Effectif.Apprenant {
    func fusionne(avec n: Self, now: Date) -> Self {
        var r = n
        r.ine = garde(n.ine, ine)
        r.nom = garde(n.nom, nom) ?? nom
        r.prenom = garde(n.prenom, prenom) ?? prenom
        r.courriel = garde(n.courriel, courriel)
        r.telephone = garde(n.telephone, telephone)
        r.sexe = garde(n.sexe, sexe)
        r.rqth = n.rqth ?? rqth
        r.dateRqth = n.dateRqth ?? dateRqth
        r.responsableMail1 = garde(n.responsableMail1, responsableMail1)
        r.responsableMail2 = garde(n.responsableMail2, responsableMail2)
        r.adresse = fusionneAdresse(n.adresse, adresse)
        r.adresseNaissance = fusionneAdresse(n.adresseNaissance, adresseNaissance)
        r.derniereSituation = n.derniereSituation ?? derniereSituation
        r.dernierOrganismeUai = garde(n.dernierOrganismeUai, dernierOrganismeUai)
        r.typeCfa = garde(n.typeCfa, typeCfa)
        r.customStatutApprenant = garde(n.customStatutApprenant, customStatutApprenant)
        r.historiqueStatut = n.historiqueStatut.first.map { historiqueStatut.ajoutant($0) } ?? historiqueStatut
        return r
    }
}

extension Effectif.Formation {
    func fusionne(avec n: Self) -> Self {
        var r = n
        r.cfd = garde(n.cfd, cfd)
        r.rncp = garde(n.rncp, rncp)
        r.annee = n.annee ?? annee
        r.obtentionDiplome = n.obtentionDiplome ?? obtentionDiplome
        r.dateObtentionDiplome = n.dateObtentionDiplome ?? dateObtentionDiplome
        r.dateExclusion = n.dateExclusion ?? dateExclusion
        r.causeExclusion = garde(n.causeExclusion, causeExclusion)
        if let a = referentHandicap, let b = n.referentHandicap {
            r.referentHandicap = .init(
                nom: garde(b.nom, a.nom), prenom: garde(b.prenom, a.prenom), email: garde(b.email, a.email))
        } else {
            r.referentHandicap = n.referentHandicap ?? referentHandicap
        }
        r.dureeTheoriqueMois = n.dureeTheoriqueMois ?? dureeTheoriqueMois
        r.dureeFormationRelle = n.dureeFormationRelle ?? dureeFormationRelle
        r.formationPresentielle = n.formationPresentielle ?? formationPresentielle
        return r
    }
}

extension Array where Element == Effectif.StatutHistorique {
    /// The reference's `buildNewHistoriqueStatutApprenant`: an entry already present (same code, same business
    /// date) changes nothing; otherwise it is appended, the history sorted by business date, and every entry
    /// dated after the new one dropped (an older business date rewrites the end of the history).
    public func ajoutant(_ e: Effectif.StatutHistorique) -> [Effectif.StatutHistorique] {
        if contains(where: { $0.valeurStatut == e.valeurStatut && $0.dateStatut == e.dateStatut }) { return self }
        let sorted = (self + [e]).enumerated()
            .sorted { ($0.element.dateStatut, $0.offset) < ($1.element.dateStatut, $1.offset) }
            .map(\.element)
        return sorted.filter { $0.dateStatut <= e.dateStatut }
    }
}

private func fusionneAdresse(_ n: Effectif.Adresse?, _ a: Effectif.Adresse?) -> Effectif.Adresse? {
    guard let n else { return a }
    guard let a else { return n }
    return .init(
        complete: garde(n.complete, a.complete), codePostal: garde(n.codePostal, a.codePostal),
        codeInsee: garde(n.codeInsee, a.codeInsee))
}

/// The incoming string unless it is missing or empty.
private func garde(_ nouveau: String?, _ ancien: String?) -> String? {
    if let nouveau, !nouveau.isEmpty { return nouveau }
    return ancien
}
