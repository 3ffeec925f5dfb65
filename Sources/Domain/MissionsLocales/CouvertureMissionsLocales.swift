import Foundation

/// Which mission locale covers a place: by commune (INSEE code), else by postal code. Built once from the
/// référentiel; when two missions locales claim the same commune or postal code, the smaller code wins, so the
/// answer never depends on the order of the file.
public struct CouvertureMissionsLocales: Sendable, Equatable {
    public private(set) var parCommune: [String: String] = [:]
    public private(set) var parCodePostal: [String: String] = [:]

    public init(_ missionsLocales: [MissionLocale] = []) {
        for ml in missionsLocales {
            for c in ml.communes { Self.garder(&parCommune, c, ml.code) }
            for c in ml.codesPostaux { Self.garder(&parCodePostal, c, ml.code) }
        }
    }

    private static func garder(_ table: inout [String: String], _ cle: String, _ code: String) {
        let cle = cle.trimmingCharacters(in: .whitespaces).uppercased()
        guard !cle.isEmpty else { return }
        if let deja = table[cle], deja <= code { return }
        table[cle] = code
    }

    /// The mission locale of a residence: the one covering the commune when it is known and covered, else the one
    /// covering the postal code, else none.
    public func missionLocale(communeInsee: String?, codePostal: String?) -> String? {
        if let c = communeInsee?.trimmingCharacters(in: .whitespaces).uppercased(), let ml = parCommune[c] {
            return ml
        }
        if let c = codePostal?.trimmingCharacters(in: .whitespaces).uppercased(), let ml = parCodePostal[c] {
            return ml
        }
        return nil
    }
}
