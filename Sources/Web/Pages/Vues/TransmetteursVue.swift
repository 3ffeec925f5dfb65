import Domain
import Foundation
import Mustache

/// The organismes of a perimeter with their last transmission, those that need attention first (section of
/// `indicateurs`).
struct TransmetteursVue: Sendable {
    struct Ligne: Sendable {
        let id: String
        /// The organisme's page, when the account may open it (a DREETS sees the transmissions of every
        /// organisme, but opens only those of its région).
        let lien: String?
        let nom: String
        let uai: String
        let departement: String
        let derniere: String
        let etat: String
        let etatCle: String
    }

    static let affiches = 100

    let total: String
    let lignes: [Ligne]
    let tronque: String?
    let etats: [OptionVue]
    /// The rest of the query, kept by the state form.
    let champsEtat: [ChampCacheVue]

    /// `etat` keeps one state; never transmitted first, then stopped, then late, then recent, by name within a state.
    static func construire(
        _ organismes: [Organisme], maintenant: Date, etat: EtatTransmission?,
        query: [(String, String)], lien: (Organisme) -> String?
    ) -> TransmetteursVue {
        let rang: [EtatTransmission: Int] = [.jamais: 0, .arretee: 1, .unATroisMois: 2, .recente: 3]
        let etats = organismes.map { EtatTransmission.de($0, maintenant: maintenant) }
        // Positions are sorted, not the organismes.
        let retenus = organismes.indices.filter { etat == nil || etats[$0] == etat }
            .sorted { i, j in
                let a = rang[etats[i]] ?? 0
                let b = rang[etats[j]] ?? 0
                return a != b ? a < b : organismes[i].nom.utf8.lexicographicallyPrecedes(organismes[j].nom.utf8)
            }
        return TransmetteursVue(
            total: nombre(retenus.count),
            lignes: retenus.prefix(affiches).map { k in
                let o = organismes[k]
                return Ligne(
                    id: o.id.description, lien: lien(o), nom: o.nom, uai: o.uai?.rawValue ?? "—",
                    departement: o.adresse.departement ?? "—",
                    derniere: o.lastTransmissionDate.map(dateFR) ?? "jamais",
                    etat: etats[k].libelle, etatCle: etats[k].rawValue)
            },
            tronque: retenus.count > affiches
                ? "Les 100 premiers organismes sur \(nombre(retenus.count)) sont affichés ; filtrez par territoire ou par état pour voir les autres."
                : nil,
            etats: EtatTransmission.allCases.map {
                OptionVue(valeur: $0.rawValue, libelle: $0.libelle, selectionne: $0 == etat)
            },
            champsEtat: ChampCacheVue.liste(query.filter { $0.0 != "etat" }))
    }
}

extension TransmetteursVue.Ligne: MustacheParent {
    func child(named champ: String) -> Any? {
        switch champ {
        case "id": id
        case "lien": (lien as Any?) ?? false
        case "nom": self.nom
        case "uai": uai
        case "departement": departement
        case "derniere": derniere
        case "etat": etat
        case "etatCle": etatCle
        default: nil
        }
    }
}
