import Foundation

/// Typed id of a stored effectif.
public struct EffectifID: Hashable, Sendable, Codable, CustomStringConvertible {
    public let rawValue: Int64
    public init(_ rawValue: Int64) { self.rawValue = rawValue }
    public var description: String { String(rawValue) }
}

/// The dedup key of an effectif (domain §3.5): the resolved organisme formateur, the school year, the ERP id.
public struct CleEffectif: Hashable, Sendable {
    public let organisme: OrganismeID
    public let anneeScolaire: AnneeScolaire
    public let idErpApprenant: String

    public init(organisme: OrganismeID, anneeScolaire: AnneeScolaire, idErpApprenant: String) {
        self.organisme = organisme
        self.anneeScolaire = anneeScolaire
        self.idErpApprenant = idErpApprenant
    }
}

public enum SourceEffectif: String, Sendable, Codable {
    case erp = "ERP"
    case fichier = "FICHIER"
}

/// One learner in one organisme formateur for one school year: the unit every indicator counts (domain §4.1).
/// Stored whole as JSON (`Effectif+JSON.swift`), with a few queryable columns beside it.
public struct Effectif: Sendable, Equatable {
    public var organismeId: OrganismeID
    public var organismeResponsableId: OrganismeID
    public var idErpApprenant: String
    public var anneeScolaire: AnneeScolaire
    public var source: SourceEffectif
    public var sourceOrganismeId: OrganismeID
    public var apprenant: Apprenant
    public var formation: Formation
    public var contrats: [Contrat]
    public var lieuDeFormation: LieuDeFormation
    public var createdAt: Date
    public var updatedAt: Date
    public var transmittedAt: Date

    public var cle: CleEffectif {
        CleEffectif(organisme: organismeId, anneeScolaire: anneeScolaire, idErpApprenant: idErpApprenant)
    }

    public struct Apprenant: Sendable, Equatable {
        public var ine: String?
        public var nom: String
        public var prenom: String
        public var dateDeNaissance: Jour
        public var courriel: String?
        public var telephone: String?
        public var sexe: String?
        public var rqth: Bool?
        public var dateRqth: Jour?
        public var hasNir: Bool
        public var responsableMail1: String?
        public var responsableMail2: String?
        public var adresse: Adresse?
        public var adresseNaissance: Adresse?
        public var derniereSituation: Int?
        public var dernierOrganismeUai: String?
        public var typeCfa: String?
        public var customStatutApprenant: String?
        public var historiqueStatut: [StatutHistorique]
    }

    public struct Adresse: Sendable, Equatable {
        public var complete: String?
        public var codePostal: String?
        public var codeInsee: String?

        public init(complete: String?, codePostal: String?, codeInsee: String?) {
            self.complete = complete
            self.codePostal = codePostal
            self.codeInsee = codeInsee
        }
    }

    /// A legacy status code (0 abandon, 2 inscrit, 3 apprenti) with its business date and reception instant.
    public struct StatutHistorique: Sendable, Equatable {
        public var valeurStatut: Int
        public var dateStatut: Jour
        public var dateReception: Date

        public init(valeurStatut: Int, dateStatut: Jour, dateReception: Date) {
            self.valeurStatut = valeurStatut
            self.dateStatut = dateStatut
            self.dateReception = dateReception
        }
    }

    public struct Formation: Sendable, Equatable {
        public var cfd: String?
        public var rncp: String?
        public var annee: Int?
        public var obtentionDiplome: Bool?
        public var dateObtentionDiplome: Jour?
        public var dateExclusion: Jour?
        public var causeExclusion: String?
        public var referentHandicap: ReferentHandicap?
        public var dateInscription: Jour
        public var dureeTheoriqueMois: Int?
        public var dureeFormationRelle: Int?
        public var formationPresentielle: Bool?
        public var dateEntree: Jour
        public var dateFin: Jour
    }

    public struct ReferentHandicap: Sendable, Equatable {
        public var nom: String?
        public var prenom: String?
        public var email: String?

        public init(nom: String?, prenom: String?, email: String?) {
            self.nom = nom
            self.prenom = prenom
            self.email = email
        }
    }

    public struct Contrat: Sendable, Equatable {
        public var dateDebut: Jour?
        public var dateFin: Jour?
        public var dateRupture: Jour?
        public var causeRupture: String?
        public var siret: String?

        public init(dateDebut: Jour?, dateFin: Jour?, dateRupture: Jour?, causeRupture: String?, siret: String?) {
            self.dateDebut = dateDebut
            self.dateFin = dateFin
            self.dateRupture = dateRupture
            self.causeRupture = causeRupture
            self.siret = siret
        }
    }

    public struct LieuDeFormation: Sendable, Equatable {
        public var uai: String?
        public var siret: String?
        public var adresse: String?
        public var codePostal: String?
    }

    /// What the status builder reads of the effectif (domain §5.2).
    public var entreeParcours: EntreeParcours {
        EntreeParcours(
            debutSession: formation.dateEntree, finSession: formation.dateFin,
            contrats: contrats.map { .init(debut: $0.dateDebut, fin: $0.dateFin, rupture: $0.dateRupture) },
            exclusion: formation.dateExclusion)
    }

    public var parcours: Parcours { ConstructeurParcours.construire(entreeParcours) }
}
