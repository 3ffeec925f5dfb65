import Foundation

extension Comptes {
    /// Throws `tropDeTentatives` while the (e-mail, address) pair, or the address, must wait after its failures.
    func verifierTemporisation(ip: String, email: String, now: Date) async throws {
        let echecs = try await store.echecsConnexion(
            ip: ip, email: email, depuisPaire: now.addingTimeInterval(-TemporisationConnexion.fenetrePaire),
            depuisAdresse: now.addingTimeInterval(-TemporisationConnexion.fenetreAdresse))
        if let s = TemporisationConnexion.attente(echecs, now: now) {
            throw ErreurComptes.tropDeTentatives(reessayerDans: s)
        }
    }

    /// The account to check a password against, if the input could be one.
    func compteAVerifier(email: String, motDePasse: String) async throws -> Utilisateur? {
        guard email.count <= ReglesSaisie.longueurMaximaleEmail,
            motDePasse.count <= ReglesSaisie.longueurMaximaleMotDePasse
        else { return nil }
        return try await store.utilisateur(email: email)
    }

    /// The account's hash, or the dummy one: the same bcrypt work either way.
    func hashAVerifier(_ u: Utilisateur?) async -> String {
        if let u { return u.hashMotDePasse }
        return await secrets.hashFactice()
    }
}
