import Domain
import Foundation

/// The demo référentiel of missions locales (`tdb demo`): one mission locale per zone d'emploi, covering its
/// communes, named after the zone and marked « (démo) », with fictional contacts (phone numbers `01 99 00 xx xx`,
/// e-mails `@example.org`); and one ARML per région. Real missions locales come from `tdb import missions-locales`.
public enum MissionsLocalesDemo {
    /// `ML-DEMO-0051` for the zone d'emploi 0051.
    public static func code(zone: String) -> String { "ML-DEMO-\(zone)" }

    /// Every demo mission locale, by zone code; its département (and région) is where most of its communes are.
    public static func referentiel(territoires: Territoires = .france) -> [MissionLocale] {
        let communes = CommunesZonesEmploi.france
        let zones = territoires.bassinsEmploi.sorted { $0.code < $1.code }
        var homonymes: [String: Int] = [:]
        for z in zones { homonymes[z.nom, default: 0] += 1 }
        return zones.enumerated().compactMap { k, zone in
            guard let couvertes = communes.communesDeZone[zone.code], !couvertes.isEmpty,
                let departement = communes.departementPrincipal(zone: zone.code).flatMap(territoires.departement)
            else { return nil }
            let precision = (homonymes[zone.nom] ?? 0) > 1 ? ", \(departement.nom)" : ""
            let identifiant = code(zone: zone.code).lowercased()
            return MissionLocale(
                code: code(zone: zone.code), nom: "Mission locale \(Self.de(zone.nom))\(precision) (démo)",
                email: "\(identifiant)@example.org",
                telephone: String(format: "01 99 00 %02d %02d", (k / 100) % 100, k % 100),
                siteWeb: "https://\(identifiant).example.org", adresse: "Adresse fictive de démonstration",
                commune: zone.nom, departement: departement.code, region: departement.region, communes: couvertes)
        }
    }

    /// One ARML (association régionale des missions locales) per région that has missions locales (not the
    /// overseas collectivités, which have none).
    public static func arml(territoires: Territoires = .france) -> [NouvelleOrganisation] {
        let avecMissionsLocales = Set(referentiel(territoires: territoires).compactMap(\.region))
        return territoires.regions.filter { avecMissionsLocales.contains($0.code) }.map {
            NouvelleOrganisation(type: .arml, nom: "ARML \($0.nom) (démo)", region: $0.code)
        }
    }

    /// Imports the demo référentiel (cases are then derived as learners are ingested) and creates the ARML that do
    /// not exist yet; returns how many missions locales and ARML there are.
    @discardableResult
    public static func installer(store: any Store, now: Date) async throws -> (missionsLocales: Int, arml: Int) {
        let referentiel = referentiel()
        _ = try await store.importer(missionsLocales: referentiel, now: now)
        _ = try await store.reconstruireSuivisSiNecessaire(now: now)
        let arml = arml()
        for o in arml where try await store.organisationExistante(o) == nil {
            _ = try await store.creerOrganisation(o, now: now)
        }
        return (referentiel.count, arml.count)
    }

    /// « de Lyon », « d'Alençon », « du Havre », « des Sables-d'Olonne », « de l'Est ».
    static func de(_ nom: String) -> String {
        if nom.hasPrefix("Le ") { return "du " + nom.dropFirst(3) }
        if nom.hasPrefix("Les ") { return "des " + nom.dropFirst(4) }
        if nom.hasPrefix("L'") { return "de l'" + nom.dropFirst(2) }
        if nom.hasPrefix("La ") { return "de La " + nom.dropFirst(3) }
        if let initiale = nom.first, "AEIOUYÉÈÊÎÔ".contains(initiale) { return "d'" + nom }
        return "de " + nom
    }
}
