import Domain
import Foundation
import GRDB

/// Ruptures declared by a CFA before its ERP sends them (issue 15): the declared day is kept on the case row
/// (`suivis.rupture_declaree`), which the derivation of every later batch reads to follow it, or to hand over to
/// the ERP's data once it shows a rupture.
extension SQLiteStore {
    public func declarer(
        _ d: DeclarationRupture, effectif: EffectifID, auteur: String, organisation: String?, now: Date
    ) async throws -> ResultatDeclaration {
        try await pool.write { db in
            guard let (e, parcours) = try Self.effectifEtParcours(db, effectif) else { return .effectifInconnu }
            let (regles, couverture, _) = try contexteSuivis(db)
            guard DeclarationRupture.parcours(e, declaree: d.date) != nil else { return .plusDeContrat }
            let prepare = Self.preparer(
                e, parcours: parcours, id: effectif, regles: regles, couverture: couverture, declaree: d.date)
            guard prepare.ligne.estCandidat else {
                let decision = regles.decider(
                    prepare.ligne.faits, couverture: couverture, aujourdhui: HeureDeParis.jour(now), prisEnCharge: false
                )
                if case .horsListe(let motif) = decision { return .horsChamp(motif) }
                return .horsChamp(.pasDeRupture)
            }
            try db.execute(
                sql: "UPDATE suivis SET rupture_declaree = ? WHERE effectif_id = ?",
                arguments: [d.date.description, effectif.rawValue])
            try deriverSuivis(db, [prepare], now: now)
            guard
                let id = try Int64.fetchOne(
                    db, sql: "SELECT id FROM suivis WHERE effectif_id = ?", arguments: [effectif.rawValue])
            else { return .horsChamp(.pasDeRupture) }
            try Self.inserer(.declaration(d, auteur: auteur, organisation: organisation, le: now), suivi: id, db)
            return .declaree(SuiviID(id))
        }
    }

    public func retirerDeclaration(effectif: EffectifID, auteur: String, organisation: String?, now: Date)
        async throws -> Bool
    {
        try await pool.write { db in
            guard
                let id = try Int64.fetchOne(
                    db, sql: "SELECT id FROM suivis WHERE effectif_id = ? AND rupture_declaree IS NOT NULL",
                    arguments: [effectif.rawValue]),
                let (e, parcours) = try Self.effectifEtParcours(db, effectif)
            else { return false }
            try Self.inserer(
                EvenementSuivi(
                    le: now, genre: .declarationRetiree, auteur: auteur, organisation: organisation,
                    organisationCFA: true), suivi: id, db)
            try db.execute(sql: "UPDATE suivis SET rupture_declaree = NULL WHERE id = ?", arguments: [id])
            let (regles, couverture, _) = try contexteSuivis(db)
            try deriverSuivis(
                db, [Self.preparer(e, parcours: parcours, id: effectif, regles: regles, couverture: couverture)],
                now: now)
            return true
        }
    }

    static func effectifEtParcours(_ db: Database, _ id: EffectifID) throws -> (Effectif, Parcours)? {
        try Row.fetchOne(db, sql: "SELECT id, record, parcours FROM effectifs WHERE id = ?", arguments: [id.rawValue])
            .map { r in
                let s = try Self.effectifStocke(LigneLue(r, table: "effectifs"))
                return (s.effectif, s.parcours)
            }
    }
}
