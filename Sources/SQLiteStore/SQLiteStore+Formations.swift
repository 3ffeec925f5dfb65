import Domain
import Foundation
import GRDB

extension SQLiteStore {
    public func importer(formations: [FormationCatalogue]) async throws -> BilanImport {
        try await pool.write { db in
            var bilan = BilanImport()
            let find = try db.cachedStatement(
                sql: "SELECT id FROM formations WHERE ifnull(cfd, '') = ? AND ifnull(rncp, '') = ?")
            for f in formations {
                if let id = try Int64.fetchOne(find, arguments: [f.cfd?.rawValue ?? "", f.rncp?.rawValue ?? ""]) {
                    try db.execute(
                        sql: "UPDATE formations SET libelle = ?, niveau = ?, codes_rome = ? WHERE id = ?",
                        arguments: [f.libelle, f.niveau, Self.texteCodesRome(f.codesRome), id])
                    bilan.misAJour += 1
                } else {
                    try db.execute(
                        sql: "INSERT INTO formations (cfd, rncp, libelle, niveau, codes_rome) VALUES (?, ?, ?, ?, ?)",
                        arguments: [
                            f.cfd?.rawValue, f.rncp?.rawValue, f.libelle, f.niveau, Self.texteCodesRome(f.codesRome),
                        ])
                    bilan.crees += 1
                }
            }
            try Self.nouvelleVersionOrganismes(db)
            return bilan
        }
    }

    public func formations() async throws -> [FormationCatalogue] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT id, cfd, rncp, libelle, niveau, codes_rome FROM formations ORDER BY id")
                .map { r in
                    let l = LigneLue(r, table: "formations")
                    return FormationCatalogue(
                        cfd: try l.exiger("cfd", String?.self).flatMap(CFD.init),
                        rncp: try l.exiger("rncp", String?.self).flatMap(RNCP.init),
                        libelle: try l.exiger("libelle"), niveau: try l.exiger("niveau"),
                        codesRome: try Self.codesRome(try l.exiger("codes_rome", String?.self)).ou(
                            l.illisible("codes_rome")))
                }
        }
    }

    /// ROME codes as stored: `|`-separated, NULL for none.
    static func texteCodesRome(_ codes: [CodeROME]) -> String? {
        codes.isEmpty ? nil : codes.map(\.rawValue).joined(separator: "|")
    }

    /// The codes of a stored value; nil when one of them is not a ROME code.
    static func codesRome(_ texte: String?) -> [CodeROME]? {
        guard let texte, !texte.isEmpty else { return [] }
        let codes = texte.split(separator: "|").compactMap { CodeROME(String($0)) }
        return codes.count == texte.split(separator: "|").count ? codes : nil
    }

    public func tousLesOrganismes() async throws -> [Organisme] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT \(Self.colonnesOrganisme) FROM organismes ORDER BY id").map(
                Self.organisme)
        }
    }

    public func parcourirEffectifs(
        taillePaquet: Int, illisible: (@Sendable (LigneIllisible) -> Void)?,
        _ traiter: @Sendable ([EffectifIndexable]) throws -> Void
    ) async throws {
        try await pool.read { db in
            let cursor = try Row.fetchCursor(db, sql: "SELECT \(Self.colonnesIndexables) FROM effectifs ORDER BY id")
            var paquet: [EffectifIndexable] = []
            paquet.reserveCapacity(taillePaquet)
            while let r = try cursor.next() {
                do {
                    paquet.append(try Self.indexable(r))
                } catch let erreur as LigneIllisible {
                    // Reported and left out when the caller asks for it (start-up): the rest is served.
                    guard let illisible else { throw erreur }
                    illisible(erreur)
                    continue
                }
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
        let l = LigneLue(r, table: "effectifs")
        let id: Int64 = try l.exiger(0, "id")
        let parcours: String = try l.exiger(7, "parcours")
        return EffectifIndexable(
            id: EffectifID(id), organisme: OrganismeID(try l.exiger(1, "organisme_id")),
            anneeScolaire: try AnneeScolaire(try l.exiger(2, "annee_scolaire", String.self)).ou(
                l.illisible("annee_scolaire")),
            dateDeNaissance: try Jour(iso: try l.exiger(3, "date_de_naissance")).ou(l.illisible("date_de_naissance")),
            anneeFormation: try l.exiger(4, "formation_annee"), cfd: try l.exiger(5, "formation_cfd"),
            rncp: try l.exiger(6, "formation_rncp"),
            parcours: try Result { try Parcours(texte: parcours) }.mapError { _ in l.illisible("parcours") }.get(),
            version: try l.exiger(8, "version"),
            transmisLe: Date(timeIntervalSince1970: try l.exiger(9, "transmitted_at")))
    }
}
