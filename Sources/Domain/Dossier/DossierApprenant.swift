/// One learner record of API v3 after validation and normalisation (domain §2.2–2.3). Building one from JSON is
/// `DecodeurDossier.decoder(_:)`; every value here already follows its rule.
public struct DossierApprenant: Sendable, Equatable {
    public struct Contrat: Sendable, Equatable {
        public var dateDebut: Jour?
        public var dateFin: Jour?
        public var dateRupture: Jour?
        public var causeRupture: String?
        public var siretEmployeur: SIRET?

        public init(
            dateDebut: Jour? = nil, dateFin: Jour? = nil, dateRupture: Jour? = nil,
            causeRupture: String? = nil, siretEmployeur: SIRET? = nil
        ) {
            self.dateDebut = dateDebut
            self.dateFin = dateFin
            self.dateRupture = dateRupture
            self.causeRupture = causeRupture
            self.siretEmployeur = siretEmployeur
        }

        var estVide: Bool {
            dateDebut == nil && dateFin == nil && dateRupture == nil && causeRupture == nil && siretEmployeur == nil
        }
    }

    // Apprenant
    public var nom: String
    public var prenom: String
    public var dateDeNaissance: Jour
    public var ine: String?
    public var email: String?
    public var telephone: String?
    public var hasNir: Bool
    public var sexe: String?
    public var rqth: Bool?
    public var dateRqth: Jour?
    public var responsableMail1: String?
    public var responsableMail2: String?
    public var adresse: String?
    public var codePostal: CodePostal?
    public var codeCommuneInsee: CodeCommuneInsee?
    public var codePostalNaissance: CodePostal?
    public var codeCommuneInseeNaissance: CodeCommuneInsee?
    public var derniereSituation: Int?
    public var dernierOrganismeUAI: String?
    public var typeCfa: String?
    public var customStatut: String?

    // Statut (legacy codes 0/2/3 with their business date)
    public var statutApprenant: Int?
    public var dateMetierMiseAJourStatut: Jour?

    // Dossier
    public var anneeScolaire: AnneeScolaire
    public var idErpApprenant: String

    // Formation
    public var cfd: CFD?
    public var rncp: RNCP?
    public var anneeFormation: Int?
    public var dureeTheoriqueAnnees: Int?
    public var dureeTheoriqueMois: Int?
    public var formationPresentielle: Bool?
    public var obtentionDiplome: Bool?
    public var dateObtentionDiplome: Jour?
    public var dateExclusion: Jour?
    public var causeExclusion: String?
    public var nomReferentHandicap: String?
    public var prenomReferentHandicap: String?
    public var emailReferentHandicap: String?
    public var dateInscription: Jour
    public var dateEntree: Jour
    public var dateFin: Jour

    /// Slots 1 to 4 as sent (`contrat_*`, `contrat_*_2`…), empty slots included, for the completeness check.
    public var contrats: [Contrat]

    // Organismes
    public var responsableUAI: UAI
    public var responsableSIRET: SIRET
    public var formateurUAI: UAI
    public var formateurSIRET: SIRET
    public var lieuUAI: UAI?
    public var lieuSIRET: SIRET?
    public var lieuAdresse: String?
    public var lieuCodePostal: CodePostal?

    public var formateur: OrganismeCle { OrganismeCle(uai: formateurUAI, siret: formateurSIRET) }
    public var responsable: OrganismeCle { OrganismeCle(uai: responsableUAI, siret: responsableSIRET) }
}
