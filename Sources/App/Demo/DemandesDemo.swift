import Domain
import Foundation
import Web

/// Sign-up requests waiting for validation in the demo (`tdb demo`), of several types, so that an administrator
/// sees the "à valider" filter at work at once. Their addresses end in `@demande.demo.tdb`; once validated, they
/// sign in with the demo password. Created once: a second run finds them and adds nothing.
public struct DemandesDemo: Sendable {
    let store: any Store
    let motDePasse: String
    let maintenant: Date

    public init(store: any Store, motDePasse: String, maintenant: Date = Date()) {
        self.store = store
        self.motDePasse = motDePasse
        self.maintenant = maintenant
    }

    /// Creates the requests; returns how many were created.
    @discardableResult
    public func creer() async throws -> Int {
        // A CFA of the référentiel in Rhône with no account yet, when there is one.
        let cfa = try await store.rechercherOrganismes("Lyon", limite: 20).first { $0.uai != nil }
        var demandes: [(String, String, String, NouvelleOrganisation, TimeInterval)] = [
            (
                "dreets-occitanie", "Camille", "Roux",
                NouvelleOrganisation(type: .dreets, nom: "DREETS Occitanie", region: "76"), 3
            ),
            (
                "academie-grenoble", "Sami", "Benali",
                NouvelleOrganisation(type: .academie, nom: "Académie Grenoble", academie: "08"), 2
            ),
        ]
        // A mission locale of the référentiel in the Rhône other than the demo account's (Lyon), when there is one.
        let referentiel = try await store.missionsLocales()
        if let ml = referentiel.first(where: {
            $0.departement == ComptesDemo.departement && !$0.communes.contains(ComptesDemo.communeMissionLocale)
        }) {
            demandes.append(
                (
                    "mission-locale", "Inès", "Morel",
                    NouvelleOrganisation(
                        type: .missionLocale, nom: ml.nom, region: ml.region, departement: ml.departement,
                        missionLocale: ml.code), 1
                ))
        }
        if let cfa {
            demandes.append(
                (
                    "cfa", "Hugo", "Lefèvre",
                    NouvelleOrganisation(type: .organismeFormation, nom: cfa.nom, organisme: cfa.id), 0.5
                ))
        }
        let hash = await SecretsServeur().hacher(motDePasse: motDePasse)
        var n = 0
        for (cle, prenom, nom, organisation, joursAvant) in demandes {
            let email = "\(cle)@demande.demo.tdb"
            guard try await store.utilisateur(email: email) == nil else { continue }
            var o = try await store.organisationExistante(organisation)
            if o == nil { o = try await store.creerOrganisation(organisation, now: maintenant) }
            guard let o else { continue }
            let premier = try await store.utilisateurs(organisation: o.id).isEmpty
            _ = try await store.creerUtilisateur(
                NouvelUtilisateur(
                    email: email, nom: nom, prenom: prenom, organisation: o.id,
                    role: premier ? .administrateur : .membre, statut: .enAttenteValidation, hashMotDePasse: hash),
                now: maintenant.addingTimeInterval(-joursAvant * 86_400))
            n += 1
        }
        return n
    }
}
