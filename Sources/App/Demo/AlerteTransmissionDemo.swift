import Domain
import Foundation
import Web

/// The demo of the transmission alert (`tdb demo`): an account `cfa-sans-transmission@demo.tdb`, administrator of an
/// organisme that transmitted and then stopped more than 30 days ago (the demo country has some: 12 % of the
/// transmitters stopped 4 to 10 months ago). Its first daily alert (`tdb jobs run alerte-transmission`, or
/// `tdb serve` at 08:00 Paris time) lands in the outbox (`tdb emails`, /admin/emails).
public struct AlerteTransmissionDemo: Sendable {
    public static let email = "cfa-sans-transmission@demo.tdb"
    let comptes: Comptes

    public init(store: any Store, coutBcrypt: UInt8, horloge: Horloge = .live) {
        comptes = Comptes(
            store: store, secrets: SecretsServeur(coutBcrypt: coutBcrypt), horloge: horloge,
            urlPublique: "http://127.0.0.1")
    }

    /// Creates the account when missing; returns the organisme (nil when no organisme stopped transmitting).
    public func creer(motDePasse: String) async throws -> Organisme? {
        let now = comptes.horloge.now()
        let dejaPris = Set(try await comptes.store.administrateursDesOrganismes().keys)
        let silencieux = AlerteTransmission().concernes(try await comptes.store.tousLesOrganismes(), now: now)
            .sorted { $0.id.rawValue < $1.id.rawValue }
        if let existant = try await comptes.store.utilisateur(email: Self.email),
            let o = try await comptes.store.organisation(id: existant.organisation)?.organisme
        {
            return try await comptes.store.organisme(id: o)
        }
        guard let o = silencieux.first(where: { !dejaPris.contains($0.id) }) ?? silencieux.first else { return nil }
        _ = try await comptes.creerCompteValide(
            email: Self.email, prenom: "Démo", nom: "CFA sans transmission",
            organisation: NouvelleOrganisation(type: .organismeFormation, nom: o.nom, organisme: o.id),
            motDePasse: motDePasse)
        return o
    }
}
