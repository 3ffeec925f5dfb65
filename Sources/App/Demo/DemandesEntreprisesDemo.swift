import Domain
import Foundation
import Web

/// Companies' requests to the demo CFA (`organisme-formation@demo.tdb`, issue 16), one or more in every status, with
/// their history (confirmation, replies, changes of status) spread over the last weeks. Made once.
enum DemandesEntreprisesDemo {
    static let auteur = "Démo Organisme de formation (organisme-formation@demo.tdb)"

    /// A SIRET with a right Luhn key from its first 13 digits.
    static func siret(_ debut: String) -> SIRET? {
        (0...9).lazy.compactMap { SIRET(debut + String($0)) }.first { $0.cleValide }
    }

    struct Exemple {
        let entreprise: String
        let siret: String
        let contact: String
        let rome: String
        let metier: String
        let postes: Int
        /// Days before now that the request was confirmed.
        let jours: Int
        /// Replies and statuses, each a number of days after the confirmation.
        let suite: [(apres: Double, statut: StatutDemande?, reponse: String?)]
    }

    static let exemples: [Exemple] = [
        Exemple(
            entreprise: "Maçonnerie Dubois", siret: "4128762050001", contact: "Paul Dubois", rome: "F1703",
            metier: "Maçon / Maçonne", postes: 2, jours: 1, suite: []),
        Exemple(
            entreprise: "Boulangerie du Parc", siret: "5234985100001", contact: "Amina Benali", rome: "D1102",
            metier: "Boulanger / Boulangère", postes: 1, jours: 3, suite: []),
        Exemple(
            entreprise: "Électricité Rhône Services", siret: "8012347650002", contact: "Julie Martin", rome: "F1602",
            metier: "Électricien / Électricienne du bâtiment", postes: 1, jours: 9,
            suite: [
                (
                    0.2, nil,
                    "Bonjour, merci pour votre demande. Trois de nos apprentis en BP électricien cherchent une "
                        + "entreprise : pouvons-nous vous appeler jeudi ?"
                )
            ]),
        Exemple(
            entreprise: "Garage Lumière", siret: "3920184570003", contact: "Karim Haddad", rome: "I1604",
            metier: "Mécanicien / Mécanicienne automobile", postes: 2, jours: 40,
            suite: [
                (1.5, nil, "Bonjour, nous vous transmettons deux candidatures de CAP maintenance des véhicules."),
                (12, .pourvue, nil),
            ]),
        Exemple(
            entreprise: "Coiffure Saint-Jean", siret: "7801239460001", contact: "Léa Moreau", rome: "D1202",
            metier: "Coiffeur / Coiffeuse", postes: 1, jours: 25,
            suite: [(2, .enCours, nil), (10, .sansSuite, nil)]),
    ]

    /// Returns how many requests were made (0 when the demo has them already).
    @discardableResult
    static func creer(store: any Store, organisme: OrganismeID, secrets: any Secrets = SecretsServeur(), now: Date)
        async throws -> Int
    {
        guard try await store.demandesEntreprises(organismes: [organisme]).isEmpty else { return 0 }
        let aujourdhui = HeureDeParis.jour(now)
        var n = 0
        for (k, e) in exemples.enumerated() {
            guard let siret = siret(e.siret) else { continue }
            let confirmee = now.addingTimeInterval(Double(-e.jours * 86_400 - 3_600 * (k + 1)))
            let demande = DemandeContact(
                entreprise: e.entreprise, siret: siret, contact: e.contact,
                email: e.contact.lowercased().folding(options: .diacriticInsensitive, locale: nil)
                    .replacingOccurrences(of: " ", with: ".") + "@exemple.fr",
                telephone: "047812345\(k)", rome: e.rome, metier: e.metier, postes: e.postes,
                debut: aujourdhui.adding(days: 30 + 15 * k),
                message: "Nous cherchons un apprenti motivé pour la rentrée. Horaires de journée, équipe de "
                    + "\(3 + k) personnes.")
            let secret = secrets.nouveauSecret()
            let id = try await store.enregistrer(
                demande: demande, organisme: organisme, hashJeton: secret.hash,
                expireLe: confirmee.addingTimeInterval(DemandesEntreprises.dureeLien - 600),
                now: confirmee.addingTimeInterval(-600))
            guard
                case .confirmee(let d) = try await store.confirmerDemande(
                    hashJeton: secret.hash,
                    evenement: EvenementDemande(
                        le: confirmee, genre: .confirmation, auteur: "L'entreprise (adresse confirmée)"))
            else { continue }
            var version = d.version
            var statut = d.statut
            for s in e.suite {
                let le = confirmee.addingTimeInterval(s.apres * 86_400)
                let evenement =
                    s.reponse.map {
                        EvenementDemande(
                            le: le, genre: .reponse, auteur: auteur, statut: statut == .nouvelle ? .enCours : nil,
                            texte: $0)
                    } ?? EvenementDemande(le: le, genre: .statut, auteur: auteur, statut: s.statut)
                if case .fait(let v) = try await store.enregistrer(
                    evenement: evenement, demande: id, versionLue: version)
                {
                    version = v
                    statut = evenement.statut ?? statut
                }
            }
            n += 1
        }
        return n
    }
}
