import Domain
import Foundation
import GRDB
import Outils

extension SQLiteStore {
    public func enregistrer(
        demande d: DemandeContact, organisme: OrganismeID, hashJeton: String, expireLe: Date, now: Date
    )
        async throws -> DemandeEntrepriseID
    {
        try await pool.write { db in
            try db.execute(
                sql: "DELETE FROM demandes_entreprises WHERE confirmee_le IS NULL AND expire_le < ?",
                arguments: [now.addingTimeInterval(-DemandesEntreprises.conservationNonConfirmees).epoch])
            try db.execute(
                sql: """
                    INSERT INTO demandes_entreprises (organisme_id, entreprise, siret, contact, email, telephone, rome,
                        metier, postes, debut, message, jeton_hash, expire_le, deposee_le)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    organisme.rawValue, d.entreprise, d.siret.rawValue, d.contact, d.email, d.telephone, d.rome,
                    d.metier, d.postes, d.debut.description, d.message, hashJeton, expireLe.epoch, now.epoch,
                ])
            return DemandeEntrepriseID(db.lastInsertedRowID)
        }
    }

    public func confirmerDemande(hashJeton: String, evenement e: EvenementDemande) async throws -> ConfirmationDemande {
        try await pool.write { db in
            guard
                let d = try Row.fetchOne(
                    db, sql: "SELECT * FROM demandes_entreprises WHERE jeton_hash = ?", arguments: [hashJeton]
                ).map(Self.demandeEntreprise)
            else { return .inconnue }
            if d.confirmeeLe != nil { return .dejaConfirmee(d) }
            guard d.expireLe > e.le else { return .expiree }
            try db.execute(
                sql: "UPDATE demandes_entreprises SET confirmee_le = ? WHERE id = ?",
                arguments: [e.le.epoch, d.id.rawValue])
            try Self.inserer(e, demande: d.id.rawValue, db)
            var confirmee = d
            confirmee.confirmeeLe = e.le
            return .confirmee(confirmee)
        }
    }

    static func inserer(_ e: EvenementDemande, demande: Int64, _ db: Database) throws {
        try db.execute(
            sql: """
                INSERT INTO demandes_entreprises_evenements (demande_id, le, genre, auteur, statut, texte)
                VALUES (?, ?, ?, ?, ?, ?)
                """, arguments: [demande, e.le.epoch, e.genre.rawValue, e.auteur, e.statut?.rawValue, e.texte])
    }

    static func demandeEntreprise(_ r: Row) throws -> DemandeEntreprise {
        let l = LigneLue(r, table: "demandes_entreprises")
        return try l.demandeEntreprise(
            id: try l.exiger("id"), organisme: try l.exiger("organisme_id"), postes: try l.exiger("postes"),
            version: try l.exiger("version"))
    }

    public func demandeEntreprise(id: DemandeEntrepriseID) async throws -> DemandeEntreprise? {
        try await pool.read { db in
            try Row.fetchOne(
                db, sql: "SELECT * FROM demandes_entreprises WHERE id = ? AND confirmee_le IS NOT NULL",
                arguments: [id.rawValue]
            ).map(Self.demandeEntreprise)
        }
    }

    static func listeOrganismes(_ ids: Set<OrganismeID>) -> String {
        JSONTexte.ecrire(.liste(ids.sorted { $0.rawValue < $1.rawValue }.map { .entier(Int($0.rawValue)) }))
    }

    public func demandesEntreprises(organismes: Set<OrganismeID>) async throws -> [DemandeEntreprise] {
        try await pool.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT * FROM demandes_entreprises
                    WHERE confirmee_le IS NOT NULL AND organisme_id IN (SELECT value FROM json_each(?))
                    ORDER BY confirmee_le DESC, id DESC
                    """, arguments: [Self.listeOrganismes(organismes)]
            ).map(Self.demandeEntreprise)
        }
    }

    public func evenements(demande: DemandeEntrepriseID) async throws -> [EvenementDemande] {
        try await pool.read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM demandes_entreprises_evenements WHERE demande_id = ? ORDER BY id",
                arguments: [demande.rawValue]
            ).map { try LigneLue($0, table: "demandes_entreprises_evenements").evenementDemande() }
        }
    }

    public func enregistrer(evenement e: EvenementDemande, demande: DemandeEntrepriseID, versionLue: Int64)
        async throws -> EnregistrementDemande
    {
        try await pool.write { db in
            guard
                let version = try Int64.fetchOne(
                    db, sql: "SELECT version FROM demandes_entreprises WHERE id = ? AND confirmee_le IS NOT NULL",
                    arguments: [demande.rawValue])
            else { return .inconnue }
            guard version == versionLue else {
                let r = try Row.fetchOne(
                    db,
                    sql: "SELECT * FROM demandes_entreprises_evenements WHERE demande_id = ? ORDER BY id DESC LIMIT 1",
                    arguments: [demande.rawValue])
                let dernier = try r.map {
                    try LigneLue($0, table: "demandes_entreprises_evenements").evenementDemande()
                }
                return .conflit(
                    auteur: dernier?.auteur ?? "le service", le: dernier?.le ?? Date(timeIntervalSince1970: 0))
            }
            try Self.inserer(e, demande: demande.rawValue, db)
            try db.execute(
                sql: """
                    UPDATE demandes_entreprises SET version = version + 1, statut = coalesce(?, statut),
                        premiere_reponse_le = CASE WHEN ? = 'REPONSE' THEN coalesce(premiere_reponse_le, ?)
                            ELSE premiere_reponse_le END,
                        pourvue_le = CASE WHEN ? IS NULL THEN pourvue_le WHEN ? = 'POURVUE' THEN ? ELSE NULL END
                    WHERE id = ?
                    """,
                arguments: [
                    e.statut?.rawValue, e.genre.rawValue, e.le.epoch, e.statut?.rawValue, e.statut?.rawValue,
                    e.le.epoch, demande.rawValue,
                ])
            return .fait(version: version + 1)
        }
    }

    public func nombreDemandesNouvelles(organismes: Set<OrganismeID>) async throws -> Int {
        try await pool.read { db in
            try Int.fetchOne(
                db,
                sql: """
                    SELECT count(*) FROM demandes_entreprises
                    WHERE confirmee_le IS NOT NULL AND statut = 'NOUVELLE'
                        AND organisme_id IN (SELECT value FROM json_each(?))
                    """, arguments: [Self.listeOrganismes(organismes)]) ?? 0
        }
    }

    public func faitsDemandes(organismes: Set<OrganismeID>?, depuis: Date) async throws -> [FaitsDemande] {
        try await pool.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT id, organisme_id, confirmee_le, premiere_reponse_le, pourvue_le FROM demandes_entreprises
                    WHERE confirmee_le >= ? AND (? IS NULL OR organisme_id IN (SELECT value FROM json_each(?)))
                    ORDER BY confirmee_le, id
                    """,
                arguments: [
                    depuis.epoch, organismes.map(Self.listeOrganismes), organismes.map(Self.listeOrganismes),
                ]
            ).map { r in
                let l = LigneLue(r, table: "demandes_entreprises")
                return FaitsDemande(
                    organisme: OrganismeID(try l.exiger("organisme_id")), confirmeeLe: try l.instant("confirmee_le"),
                    premiereReponseLe: try l.instantOptionnel("premiere_reponse_le"),
                    pourvueLe: try l.instantOptionnel("pourvue_le"))
            }
        }
    }
}
