import Domain
import Foundation
import Outils

/// Ruptures declared by the demo CFA (`organisme-formation@demo.tdb`) before its ERP sent them: one waiting for the
/// ERP, one the ERP then sent with another date (both sides read the difference), one withdrawn; and three more
/// apprentices in contract to declare. Six apprentices living in Lyon, sent through the API's path as its ERP would.
/// Made once.
enum DeclarationsRuptureDemo {
    static let auteur = "Démo Organisme de formation (organisme-formation@demo.tdb)"

    /// Returns how many declarations were made (0 when the demo has them already).
    @discardableResult
    static func creer(store: any Store, organisme: Organisme, nomCFA: String, now: Date) async throws -> Int {
        guard let cle = organisme.cle else { return 0 }
        let jour = HeureDeParis.jour(now)
        let annee = AnneeScolaire.scolaire(de: jour)
        let premier = CleEffectif(organisme: organisme.id, anneeScolaire: annee, idErpApprenant: "DEMO-DECLARATION-0")
        guard try await store.effectif(cle: premier) == nil else { return 0 }
        let rentree = Jour(year: annee.debut, month: 9, day: 1)
        func items(rupture: (Int) -> Jour?) -> [JSONValue] {
            PaysDemo(graine: 16).apprenants(
                organisme: cle, departement: "69", responsable: cle, annee: annee, nombre: 6, graine: 1_616
            ).enumerated().map { k, item -> JSONValue in
                guard case .object(var o) = item else { return item }
                for champ in [
                    "contrat_date_debut_2", "contrat_date_fin_2", "date_exclusion_formation", "rqth_apprenant",
                    "contrat_date_rupture", "cause_rupture_contrat",
                ] {
                    o[champ] = nil
                }
                o["id_erp_apprenant"] = .string("DEMO-DECLARATION-\(k)")
                o["date_de_naissance_apprenant"] = .string(
                    Jour(year: annee.debut - 18, month: 3 + k, day: 8).description)
                o["date_inscription_formation"] = .string(rentree.adding(days: -30).description)
                o["date_entree_formation"] = .string(rentree.description)
                o["date_fin_formation"] = .string(Jour(year: annee.debut + 2, month: 6, day: 30).description)
                o["contrat_date_debut"] = .string(rentree.adding(days: 2).description)
                o["contrat_date_fin"] = .string(Jour(year: annee.debut + 2, month: 6, day: 30).description)
                if let r = rupture(k) {
                    o["contrat_date_rupture"] = .string(r.description)
                    o["cause_rupture_contrat"] = .string("démission")
                }
                o["code_commune_insee_apprenant"] = .string("69123")
                o["code_postal_apprenant"] = .string("69007")
                return .object(o)
            }
        }
        let ingestion = Ingestion(store: store, horloge: .fixed(now))
        let lot = try await ingestion.traiter(items { _ in nil }, transmetteur: organisme.id, cleApi: nil)
        let ids = lot.enregistres.compactMap(\.effectifId)
        guard ids.count == 6 else { return 0 }
        let declaree = max(rentree.adding(days: 10), jour.adding(days: -4))
        var n = 0
        for (k, id) in ids.prefix(3).enumerated() {
            let r = try await store.declarer(
                DeclarationRupture(date: declaree.adding(days: -k), cause: k == 1 ? "Démission" : "Force majeure"),
                effectif: id, auteur: auteur, organisation: nomCFA,
                now: now.addingTimeInterval(Double(-3_600 * (3 - k))))
            if case .declaree = r { n += 1 }
        }
        // The ERP then sends the second one's rupture, two days earlier than declared.
        _ = try await ingestion.traiter(
            [items { $0 == 1 ? declaree.adding(days: -3) : nil }[1]], transmetteur: organisme.id, cleApi: nil)
        _ = try await store.retirerDeclaration(effectif: ids[2], auteur: auteur, organisation: nomCFA, now: now)
        return n
    }
}
