import Domain
import Foundation
import Outils

/// `GET /organismes/:id/transmissions` (`transmissions`): items accepted and rejected per day; for a chosen day, the
/// most frequent errors and, for users who may see names, the rejected learners.
struct TransmissionsVue: VuePage {
    static let gabarit = "transmissions"

    struct JourTransmis: Sendable {
        let jour: String
        let acceptes: String
        let rejetes: String
        /// The day's rejections, when there are some.
        let lien: String?
    }

    struct Frequente: Sendable {
        let erreur: String
        let nombre: String
    }

    struct Rejet: Sendable {
        let heure: String
        let id: String
        let apprenant: String
        let erreurs: [String]
    }

    /// The rejections of one day.
    struct JourRejets: Sendable {
        let date: String
        let nombre: String
        /// The user may see the learners' names.
        let nominatif: Bool
        let frequentes: [Frequente]
        let rejets: [Rejet]
    }

    let organisme: FicheOrganismeVue
    /// The organisme's page, when the account may open it ("Retour à l'organisme").
    let retour: String?
    let jours: [JourTransmis]
    let totalAcceptes: String
    let totalRejetes: String
    let jour: JourRejets?

    /// `rejets`: the chosen day and its rejected items; `nominatif`: whether the user may see their names.
    static func construire(
        _ o: Organisme, jours: [BilanTransmissionJour], rejets: (jour: Jour, rejets: [ItemRejete])?,
        nominatif: Bool, retour: String?
    ) -> TransmissionsVue {
        let chemin = "/organismes/\(o.id)/transmissions"
        return TransmissionsVue(
            organisme: FicheOrganismeVue.construire(o), retour: retour,
            jours: jours.map { j in
                JourTransmis(
                    jour: dateLongue(j.jour), acceptes: nombre(j.acceptes), rejetes: nombre(j.rejetes),
                    lien: j.rejetes > 0 ? "\(chemin)?jour=\(j.jour)" : nil)
            },
            totalAcceptes: nombre(jours.reduce(0) { $0 + $1.acceptes }),
            totalRejetes: nombre(jours.reduce(0) { $0 + $1.rejetes }),
            jour: rejets.map { choisi in
                let (jour, rejets) = choisi
                var frequences: [String: Int] = [:]
                for r in rejets { for e in Set(r.erreurs.map { phrase($0) }) { frequences[e, default: 0] += 1 } }
                return JourRejets(
                    date: dateLongue(jour), nombre: nombre(rejets.count), nominatif: nominatif,
                    frequentes: frequences.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.prefix(10)
                        .map { Frequente(erreur: $0.key, nombre: nombre($0.value)) },
                    rejets: !nominatif
                        ? []
                        : rejets.map { r in
                            Rejet(
                                heure: HeureDeParis.heure(r.recuLe),
                                id: r.idErpApprenant ?? "(sans identifiant)", apprenant: apprenant(r.donnees),
                                erreurs: r.erreurs.map { phrase($0) })
                        })
            })
    }

    /// An error in plain French: the field, then the message.
    static func phrase(_ e: ErreurValidation) -> String {
        let champs = e.path.joined(separator: ", ")
        return champs.isEmpty ? e.message : "\(champs) : \(e.message)"
    }

    /// "NOM Prénom" read from the item as sent, when it has them.
    static func apprenant(_ donnees: String) -> String {
        guard case .object(let o)? = try? AnalyseurJSON.analyser(Array(donnees.utf8)) else { return "" }
        let nom = o["nom_apprenant"]?.javascriptString ?? ""
        let prenom = o["prenom_apprenant"]?.javascriptString ?? ""
        return "\(nom.uppercased()) \(prenom)".trimmingCharacters(in: .whitespaces)
    }
}
