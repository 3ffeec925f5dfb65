import Domain
import Foundation

/// The communes of each zone d'emploi (INSEE 2020), shipped as `communes-zones-emploi.csv` (derived from the
/// national service's `bassins_emploi_communes.json`): the demo missions locales cover them, the demo learners live
/// in them.
struct CommunesZonesEmploi: Sendable {
    static let france = CommunesZonesEmploi()

    /// The communes of each zone, in code order.
    let communesDeZone: [String: [String]]
    /// For each département, its zones (in code order) with their communes inside the département.
    let zonesDuDepartement: [String: [(zone: String, communes: [String])]]

    private init() {
        var communesDeZone: [String: [String]] = [:]
        var parDepartement: [String: [String: [String]]] = [:]
        for (code, zone) in ZonesEmploi.france.zoneDeCommune {
            guard let commune = CodeCommuneInsee(code) else { continue }
            communesDeZone[zone, default: []].append(commune.rawValue)
            parDepartement[commune.departement, default: [:]][zone, default: []].append(commune.rawValue)
        }
        self.communesDeZone = communesDeZone.mapValues { $0.sorted() }
        zonesDuDepartement = parDepartement.mapValues { zones in
            zones.sorted { $0.key < $1.key }.map { (zone: $0.key, communes: $0.value.sorted()) }
        }
    }

    /// The département holding most of a zone's communes (the smaller code on a tie).
    func departementPrincipal(zone: String) -> String? {
        var nombres: [String: Int] = [:]
        for c in communesDeZone[zone] ?? [] { nombres[CodeCommuneInsee(c)?.departement ?? "", default: 0] += 1 }
        return nombres.filter { !$0.key.isEmpty }.max {
            $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key)
        }?
        .key
    }
}
