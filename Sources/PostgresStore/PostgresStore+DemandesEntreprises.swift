import Domain
import Foundation
import PostgresNIO

extension PostgresStore {
    public func enregistrer(
        demande d: DemandeContact, organisme: OrganismeID, hashJeton: String, expireLe: Date, now: Date
    )
        async throws -> DemandeEntrepriseID
    {
        try await transaction { c in
            let avant = now.addingTimeInterval(-DemandesEntreprises.conservationNonConfirmees).epoch
            try await c.executer(
                "DELETE FROM demandes_entreprises WHERE confirmee_le IS NULL AND expire_le < \(avant)")
            let id = try await c.valeur(
                """
                INSERT INTO demandes_entreprises (organisme_id, entreprise, siret, contact, email, telephone, rome,
                    metier, postes, debut, message, jeton_hash, expire_le, deposee_le)
                VALUES (\(organisme.rawValue), \(d.entreprise), \(d.siret.rawValue), \(d.contact), \(d.email),
                    \(d.telephone), \(d.rome), \(d.metier), \(Int64(d.postes)), \(d.debut.description), \(d.message),
                    \(hashJeton), \(expireLe.epoch), \(now.epoch))
                RETURNING id
                """, Int64.self)
            return DemandeEntrepriseID(try id.ou(LigneIllisible(table: "demandes_entreprises", id: "?", colonne: "id")))
        }
    }

    public func confirmerDemande(hashJeton: String, evenement e: EvenementDemande) async throws -> ConfirmationDemande {
        try await transaction { c in
            guard
                let d = try await c.lignes(
                    "SELECT * FROM demandes_entreprises WHERE jeton_hash = \(hashJeton) FOR UPDATE",
                    Self.demandeEntreprise
                ).first
            else { return .inconnue }
            if d.confirmeeLe != nil { return .dejaConfirmee(d) }
            guard d.expireLe > e.le else { return .expiree }
            try await c.executer(
                "UPDATE demandes_entreprises SET confirmee_le = \(e.le.epoch) WHERE id = \(d.id.rawValue)")
            try await Self.inserer(e, demande: d.id.rawValue, c)
            var confirmee = d
            confirmee.confirmeeLe = e.le
            return .confirmee(confirmee)
        }
    }

    static func inserer(_ e: EvenementDemande, demande: Int64, _ c: Connexion) async throws {
        try await c.executer(
            """
            INSERT INTO demandes_entreprises_evenements (demande_id, le, genre, auteur, statut, texte)
            VALUES (\(demande), \(e.le.epoch), \(e.genre.rawValue), \(e.auteur), \(e.statut?.rawValue), \(e.texte))
            """)
    }

    static func demandeEntreprise(_ r: PostgresRandomAccessRow) throws -> DemandeEntreprise {
        let l = LignePG(r, table: "demandes_entreprises")
        return try l.demandeEntreprise(
            id: try l.exiger("id"), organisme: try l.exiger("organisme_id"),
            postes: Int(try l.exiger("postes", Int64.self)), version: try l.exiger("version"))
    }

    public func demandeEntreprise(id: DemandeEntrepriseID) async throws -> DemandeEntreprise? {
        try await ligne(
            "SELECT * FROM demandes_entreprises WHERE id = \(id.rawValue) AND confirmee_le IS NOT NULL",
            Self.demandeEntreprise)
    }

    public func demandesEntreprises(organismes: Set<OrganismeID>) async throws -> [DemandeEntreprise] {
        try await lignes(
            """
            SELECT * FROM demandes_entreprises
            WHERE confirmee_le IS NOT NULL AND organisme_id = ANY(\(organismes.map(\.rawValue))::bigint[])
            ORDER BY confirmee_le DESC, id DESC
            """, Self.demandeEntreprise)
    }

    public func evenements(demande: DemandeEntrepriseID) async throws -> [EvenementDemande] {
        try await lignes(
            "SELECT * FROM demandes_entreprises_evenements WHERE demande_id = \(demande.rawValue) ORDER BY id"
        ) { try LignePG($0, table: "demandes_entreprises_evenements").evenementDemande() }
    }

    public func enregistrer(evenement e: EvenementDemande, demande: DemandeEntrepriseID, versionLue: Int64)
        async throws -> EnregistrementDemande
    {
        try await transaction { c in
            guard
                let version = try await c.valeur(
                    """
                    SELECT version FROM demandes_entreprises
                    WHERE id = \(demande.rawValue) AND confirmee_le IS NOT NULL FOR UPDATE
                    """, Int64.self)
            else { return .inconnue }
            guard version == versionLue else {
                let dernier = try await c.lignes(
                    """
                    SELECT * FROM demandes_entreprises_evenements WHERE demande_id = \(demande.rawValue)
                    ORDER BY id DESC LIMIT 1
                    """
                ) { try LignePG($0, table: "demandes_entreprises_evenements").evenementDemande() }.first
                return .conflit(
                    auteur: dernier?.auteur ?? "le service", le: dernier?.le ?? Date(timeIntervalSince1970: 0))
            }
            try await Self.inserer(e, demande: demande.rawValue, c)
            let statut = e.statut?.rawValue
            try await c.executer(
                """
                UPDATE demandes_entreprises SET version = version + 1, statut = coalesce(\(statut)::text, statut),
                    premiere_reponse_le = CASE WHEN \(e.genre.rawValue) = 'REPONSE'
                        THEN coalesce(premiere_reponse_le, \(e.le.epoch)) ELSE premiere_reponse_le END,
                    pourvue_le = CASE WHEN \(statut)::text IS NULL THEN pourvue_le
                        WHEN \(statut)::text = 'POURVUE' THEN \(e.le.epoch) ELSE NULL END
                WHERE id = \(demande.rawValue)
                """)
            return .fait(version: version + 1)
        }
    }

    public func nombreDemandesNouvelles(organismes: Set<OrganismeID>) async throws -> Int {
        Int(
            try await valeur(
                """
                SELECT count(*) FROM demandes_entreprises
                WHERE confirmee_le IS NOT NULL AND statut = 'NOUVELLE'
                    AND organisme_id = ANY(\(organismes.map(\.rawValue))::bigint[])
                """, Int64.self) ?? 0)
    }

    public func faitsDemandes(organismes: Set<OrganismeID>?, depuis: Date) async throws -> [FaitsDemande] {
        let ids = organismes.map { $0.map(\.rawValue) }
        return try await lignes(
            """
            SELECT id, organisme_id, confirmee_le, premiere_reponse_le, pourvue_le FROM demandes_entreprises
            WHERE confirmee_le >= \(depuis.epoch)
                AND (\(ids)::bigint[] IS NULL OR organisme_id = ANY(\(ids)::bigint[]))
            ORDER BY confirmee_le, id
            """
        ) { r in
            let l = LignePG(r, table: "demandes_entreprises")
            return FaitsDemande(
                organisme: OrganismeID(try l.exiger("organisme_id")), confirmeeLe: try l.instant("confirmee_le"),
                premiereReponseLe: try l.instantOptionnel("premiere_reponse_le"),
                pourvueLe: try l.instantOptionnel("pourvue_le"))
        }
    }
}
