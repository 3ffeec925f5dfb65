import Domain
import Web

extension AppConfig {
    /// `TDB_CONTACT`: an e-mail address.
    static func lireContact(_ env: [String: String], _ c: inout AppConfig, _ erreurs: inout [String]) {
        guard let v = env["TDB_CONTACT"], !v.isEmpty else { return }
        switch ReglesSaisie.email(v) {
        case .success(let email): c.contact = email
        case .failure: erreurs.append("TDB_CONTACT=\(v) : une adresse e-mail est attendue")
        }
    }
}
