import Domain
import Foundation
import GRDB

extension SQLiteStore {
    public func importer(formations: [FormationCatalogue]) async throws -> BilanImport {
        try await pool.write { db in
            var bilan = BilanImport()
            let find = try db.cachedStatement(sql: "SELECT id FROM formations WHERE ifnull(cfd, '') = ? AND ifnull(rncp, '') = ?")
            for f in formations {
                if let id = try Int64.fetchOne(find, arguments: [f.cfd?.rawValue ?? "", f.rncp?.rawValue ?? ""]) {
                    try db.execute(sql: "UPDATE formations SET libelle = ?, niveau = ? WHERE id = ?", arguments: [f.libelle, f.niveau, id])
                    bilan.misAJour += 1
                } else {
                    try db.execute(sql: "INSERT INTO formations (cfd, rncp, libelle, niveau) VALUES (?, ?, ?, ?)",
                                   arguments: [f.cfd?.rawValue, f.rncp?.rawValue, f.libelle, f.niveau])
                    bilan.crees += 1
                }
            }
            try Self.nouvelleVersionOrganismes(db)
            return bilan
        }
    }

    public func formations() async throws -> [FormationCatalogue] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT cfd, rncp, libelle, niveau FROM formations ORDER BY id").map { r in
                FormationCatalogue(cfd: (r["cfd"] as String?).flatMap(CFD.init), rncp: (r["rncp"] as String?).flatMap(RNCP.init),
                                   libelle: r["libelle"], niveau: r["niveau"])
            }
        }
    }

    public func tousLesOrganismes() async throws -> [Organisme] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT \(Self.colonnesOrganisme) FROM organismes ORDER BY id").map(Self.organisme)
        }
    }

    public func parcourirEffectifs(taillePaquet: Int, _ traiter: @Sendable ([EffectifIndexable]) throws -> Void) async throws {
        try await pool.read { db in
            let cursor = try Row.fetchCursor(db, sql: "SELECT \(Self.colonnesIndexables) FROM effectifs ORDER BY id")
            var paquet: [EffectifIndexable] = []
            paquet.reserveCapacity(taillePaquet)
            while let r = try cursor.next() {
                paquet.append(try Self.indexable(r))
                if paquet.count == taillePaquet {
                    try traiter(paquet)
                    paquet.removeAll(keepingCapacity: true)
                }
            }
            if !paquet.isEmpty { try traiter(paquet) }
        }
    }

    static let colonnesIndexables = """
        id, organisme_id, annee_scolaire, date_de_naissance, formation_annee, formation_cfd, formation_rncp, parcours,
        version, transmitted_at
        """

    /// A row of `colonnesIndexables`, read by position.
    static func indexable(_ r: Row) throws -> EffectifIndexable {
        let id: Int64 = r[0]
        return EffectifIndexable(
            id: EffectifID(id), organisme: OrganismeID(r[1]),
            anneeScolaire: try AnneeScolaire(r[2] as String).ou(LigneIllisible(table: "effectifs", id: id, colonne: "annee_scolaire")),
            dateDeNaissance: try Jour(iso: r[3]).ou(LigneIllisible(table: "effectifs", id: id, colonne: "date_de_naissance")),
            anneeFormation: r[4], cfd: r[5], rncp: r[6], parcours: try Parcours(texte: r[7]), version: r[8],
            transmisLe: Date(timeIntervalSince1970: r[9]))
    }
}
