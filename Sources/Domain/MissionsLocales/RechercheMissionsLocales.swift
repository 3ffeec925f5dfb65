import Foundation

/// Finds missions locales of the référentiel by what a person knows of theirs (sign-up): a département (its code
/// or its name), a commune it covers (INSEE or postal code), or words of its name or of its commune. Accents, case,
/// hyphens and apostrophes do not matter.
public enum RechercheMissionsLocales {
    /// The missions locales matching `recherche`, by name; none for an empty search.
    public static func filtrer(
        _ missionsLocales: [MissionLocale], recherche: String, territoires: Territoires = .france
    ) -> [MissionLocale] {
        let brut = recherche.trimmingSpaces()
        guard !brut.isEmpty else { return [] }
        let code = brut.uppercased()
        let departementCode = code.count == 1 ? "0" + code : code
        let resultat: [MissionLocale]
        let normalisee = normaliser(brut).split(separator: " ").joined(separator: " ")
        if territoires.departement(departementCode) != nil, code.count <= 3, !code.contains(" ") {
            resultat = missionsLocales.filter { $0.departement == departementCode }
        } else if let departement = territoires.departements.first(where: {
            normaliser($0.nom).split(separator: " ").joined(separator: " ") == normalisee
        }) {
            // « Rhône » is the Rhône, not the Bouches-du-Rhône.
            resultat = missionsLocales.filter { $0.departement == departement.code }
        } else if code.count == 5, code.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 || $0 == 65 || $0 == 66 }) {
            resultat = missionsLocales.filter {
                $0.communes.contains(code) || $0.codesPostaux.contains(code) || $0.codePostal == code
            }
        } else {
            let mots = normaliser(brut).split(separator: " ")
            resultat = missionsLocales.filter { ml in
                let departement = ml.departement.flatMap(territoires.departement)
                let texte = normaliser(
                    [ml.nom, ml.commune ?? "", departement?.nom ?? "", ml.code].joined(separator: " "))
                let motsTexte = texte.split(separator: " ")
                return mots.allSatisfy { mot in motsTexte.contains { $0.hasPrefix(mot) } }
            }
        }
        return resultat.sorted { ($0.nom, $0.code) < ($1.nom, $1.code) }
    }

    /// « Saint-Étienne » → « saint etienne », « L'Isle » → « l isle ».
    static func normaliser(_ s: String) -> String {
        let plie = s.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: Locale(identifier: "fr_FR"))
            .lowercased()
        return String(plie.map { $0.isLetter || $0.isNumber ? $0 : " " })
    }
}
