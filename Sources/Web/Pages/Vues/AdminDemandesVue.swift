import Domain
import Foundation

/// The requests waiting for a platform administrator (`/admin/utilisateurs?statut=a_valider`): who asks, for which
/// organisation (type, identifiers, territory), since when.
struct AdminDemandesVue: Sendable {
    struct Demande: Sendable {
        let id: String
        let nomComplet: String
        let email: String
        let type: String
        let organisation: String
        let identifiants: String
        let territoire: String
        let demandeLe: String
    }

    /// One pending account with its organisation and, for an organisme de formation, the organisme.
    static func demande(_ u: Utilisateur, organisation o: Organisation?, organisme: Organisme?) -> Demande {
        let t = Territoires.france
        var identifiants: [String] = []
        var territoire: [String] = []
        if let organisme {
            identifiants.append("SIRET \(organisme.siret.rawValue)")
            identifiants.append(organisme.uai.map { "UAI \($0.rawValue)" } ?? "sans UAI")
            let ad = organisme.adresse
            if let c = ad.commune { territoire.append(c) }
            if let d = ad.departement.flatMap({ t.departement($0) }) { territoire.append("\(d.nom) (\(d.code))") }
            if let r = ad.region.flatMap({ t.region($0) }) { territoire.append(r.nom) }
        }
        if let o {
            if let r = o.region.flatMap({ t.region($0) }) { territoire.append("Région \(r.nom)") }
            if let d = o.departement.flatMap({ t.departement($0) }) {
                territoire.append("Département \(d.nom) (\(d.code))")
            }
            if let a = o.academie.flatMap({ t.academie($0) }) { territoire.append("Académie \(a.nom)") }
            if let r = o.reseau.flatMap(Reseau.nomme) { identifiants.append("Réseau \(r.nom)") }
            if o.type.ancrage == .national { territoire.append("France entière") }
        }
        return Demande(
            id: String(u.id.rawValue), nomComplet: u.nomComplet, email: u.email,
            type: o?.type.libelle ?? "inconnu", organisation: o?.nom ?? "organisation introuvable",
            identifiants: identifiants.isEmpty ? "—" : identifiants.joined(separator: ", "),
            territoire: territoire.isEmpty ? "—" : territoire.joined(separator: ", "),
            demandeLe: dateHeureFR(u.createdAt))
    }
}
