import Domain
import Foundation
import PostgresNIO

/// Ruptures declared by a CFA before its ERP sends them (issue 15): the declared day is kept on the case row
/// (`suivis.rupture_declaree`), which the derivation of every later batch reads to follow it, or to hand over to
/// the ERP's data once it shows a rupture.
extension PostgresStore {
    public func declarer(
        _ d: DeclarationRupture, effectif: EffectifID, auteur: String, organisation: String?, now: Date
    ) async throws -> ResultatDeclaration {
        try await transaction { c in
            try await Self.verrouillerSuivis(c)
            guard let e = try await Self.effectifStocke(c, effectif) else { return .effectifInconnu }
            let (regles, couverture, _) = try await Self.contexteSuivis(c, etat: etatSuivis)
            guard DeclarationRupture.parcours(e.effectif, declaree: d.date) != nil else { return .plusDeContrat }
            let ligne = DerivationSuivis.ligne(
                id: effectif, effectif: e.effectif, parcours: e.parcours, regles: regles, couverture: couverture,
                declaree: d.date)
            guard ligne.estCandidat else {
                let decision = regles.decider(
                    ligne.faits, couverture: couverture, aujourdhui: HeureDeParis.jour(now), prisEnCharge: false)
                if case .horsListe(let motif) = decision { return .horsChamp(motif) }
                return .horsChamp(.pasDeRupture)
            }
            try await c.executer(
                """
                UPDATE suivis SET rupture_declaree = \(d.date.description) WHERE effectif_id = \(effectif.rawValue)
                """)
            try await Self.deriverSuivis(
                c, [(effectif, e.effectif, e.parcours)], regles: regles, couverture: couverture,
                declarees: [effectif: d.date], now: now)
            guard
                let id = try await c.valeur(
                    "SELECT id FROM suivis WHERE effectif_id = \(effectif.rawValue)", Int64.self)
            else { return .horsChamp(.pasDeRupture) }
            try await Self.inserer(.declaration(d, auteur: auteur, organisation: organisation, le: now), suivi: id, c)
            return .declaree(SuiviID(id))
        }
    }

    public func retirerDeclaration(effectif: EffectifID, auteur: String, organisation: String?, now: Date)
        async throws -> Bool
    {
        try await transaction { c in
            try await Self.verrouillerSuivis(c)
            guard
                let id = try await c.valeur(
                    """
                    SELECT id FROM suivis WHERE effectif_id = \(effectif.rawValue) AND rupture_declaree IS NOT NULL
                    FOR UPDATE
                    """, Int64.self),
                let e = try await Self.effectifStocke(c, effectif)
            else { return false }
            try await Self.inserer(
                EvenementSuivi(
                    le: now, genre: .declarationRetiree, auteur: auteur, organisation: organisation,
                    organisationCFA: true), suivi: id, c)
            try await c.executer("UPDATE suivis SET rupture_declaree = NULL WHERE id = \(id)")
            let (regles, couverture, _) = try await Self.contexteSuivis(c, etat: etatSuivis)
            try await Self.deriverSuivis(
                c, [(effectif, e.effectif, e.parcours)], regles: regles, couverture: couverture, declarees: [:],
                now: now)
            return true
        }
    }

    static func effectifStocke(_ c: Connexion, _ id: EffectifID) async throws -> EffectifStocke? {
        try await c.lignes("SELECT id, record, parcours FROM effectifs WHERE id = \(id.rawValue)") {
            try Self.effectifStocke(LignePG($0, table: "effectifs"))
        }.first
    }
}
