import Domain
import Foundation
import Web

extension AppConfig {
    /// `TDB_PROXIES_DE_CONFIANCE` and `TDB_LIMITE_API_V3`.
    static func lireLimites(_ env: [String: String], _ c: inout AppConfig, _ erreurs: inout [String]) {
        if let v = env["TDB_PROXIES_DE_CONFIANCE"], !v.trimmingCharacters(in: .whitespaces).isEmpty {
            let adresses = v.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            let invalides = adresses.filter { !AdresseClient.estAdresseIP($0) }
            if invalides.isEmpty {
                c.proxiesDeConfiance = adresses
            } else {
                erreurs.append(
                    "TDB_PROXIES_DE_CONFIANCE=\(v) : des adresses IP séparées par des virgules sont attendues ("
                        + invalides.map { "« \($0) » n'en est pas une" }.joined(separator: ", ") + ")")
            }
        }
        if let v = env["TDB_LIMITE_API_V3"], !v.isEmpty {
            if let n = Int(v), (1...1_000_000).contains(n) {
                c.limiteApiV3ParMinute = n
            } else {
                erreurs.append(
                    "TDB_LIMITE_API_V3=\(v) : un nombre de requêtes par minute et par clé, de 1 à 1000000, est attendu")
            }
        }
    }
}
