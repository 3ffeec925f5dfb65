import Foundation

extension Effectif {
    /// Maps a validated dossier to an effectif (domain §3.4): contracts with at least one date, the exclusion date
    /// from `date_exclusion_formation` or from statut 0, the real duration in months.
    public init(
        dossier d: DossierApprenant, formateur: OrganismeID, responsable: OrganismeID,
        source: SourceEffectif, transmetteur: OrganismeID, now: Date
    ) {
        let historique =
            zip(d.statutApprenant, d.dateMetierMiseAJourStatut).map {
                [StatutHistorique(valeurStatut: $0, dateStatut: $1, dateReception: now)]
            } ?? []
        let exclusion = d.dateExclusion ?? (d.statutApprenant == 0 ? d.dateMetierMiseAJourStatut : nil)
        let referent =
            d.prenomReferentHandicap != nil || d.emailReferentHandicap != nil
            ? ReferentHandicap(
                nom: d.nomReferentHandicap, prenom: d.prenomReferentHandicap, email: d.emailReferentHandicap)
            : nil
        let adresse = Adresse(
            complete: d.adresse, codePostal: d.codePostal?.rawValue, codeInsee: d.codeCommuneInsee?.rawValue)
        let naissance = Adresse(
            complete: nil, codePostal: d.codePostalNaissance?.rawValue,
            codeInsee: d.codeCommuneInseeNaissance?.rawValue)
        self.init(
            organismeId: formateur, organismeResponsableId: responsable, idErpApprenant: d.idErpApprenant,
            anneeScolaire: d.anneeScolaire, source: source, sourceOrganismeId: transmetteur,
            apprenant: Apprenant(
                ine: d.ine, nom: d.nom, prenom: d.prenom, dateDeNaissance: d.dateDeNaissance, courriel: d.email,
                telephone: d.telephone, sexe: d.sexe, rqth: d.rqth, dateRqth: d.dateRqth, hasNir: d.hasNir,
                responsableMail1: d.responsableMail1, responsableMail2: d.responsableMail2,
                adresse: adresse.estVide ? nil : adresse, adresseNaissance: naissance.estVide ? nil : naissance,
                derniereSituation: d.derniereSituation, dernierOrganismeUai: d.dernierOrganismeUAI,
                typeCfa: d.typeCfa, customStatutApprenant: d.customStatut, historiqueStatut: historique),
            formation: Formation(
                cfd: d.cfd?.rawValue, rncp: d.rncp?.rawValue, annee: d.anneeFormation,
                obtentionDiplome: d.obtentionDiplome, dateObtentionDiplome: d.dateObtentionDiplome,
                dateExclusion: exclusion, causeExclusion: d.causeExclusion, referentHandicap: referent,
                dateInscription: d.dateInscription,
                dureeTheoriqueMois: d.dureeTheoriqueMois ?? d.dureeTheoriqueAnnees.map { $0 * 12 },
                dureeFormationRelle: Int((Double(d.dateFin - d.dateEntree) / 30 + 0.5).rounded(.down)),
                formationPresentielle: d.formationPresentielle, dateEntree: d.dateEntree, dateFin: d.dateFin),
            contrats: d.contrats
                .filter { $0.dateDebut != nil || $0.dateFin != nil || $0.dateRupture != nil }
                .map {
                    Contrat(
                        dateDebut: $0.dateDebut, dateFin: $0.dateFin, dateRupture: $0.dateRupture,
                        causeRupture: $0.causeRupture, siret: $0.siretEmployeur?.rawValue)
                },
            lieuDeFormation: LieuDeFormation(
                uai: d.lieuUAI?.rawValue, siret: d.lieuSIRET?.rawValue, adresse: d.lieuAdresse,
                codePostal: d.lieuCodePostal?.rawValue),
            createdAt: now, updatedAt: now, transmittedAt: now)
    }
}

extension Effectif.Adresse {
    var estVide: Bool { complete == nil && codePostal == nil && codeInsee == nil }
}

private func zip<A, B>(_ a: A?, _ b: B?) -> (A, B)? {
    guard let a, let b else { return nil }
    return (a, b)
}
