import Mustache

/// One `<option>` of a `<select>`: its value, its text, whether it is the current choice.
struct OptionVue: Sendable {
    let valeur: String
    let libelle: String
    let selectionne: Bool

    /// Options from `(valeur, libelle)` pairs, those in `choisis` selected.
    static func liste(_ items: [(String, String)], choisis: Set<String>) -> [OptionVue] {
        items.map { OptionVue(valeur: $0.0, libelle: $0.1, selectionne: choisis.contains($0.0)) }
    }
}

/// A hidden field that carries a query parameter through a form (`<input type="hidden">`).
struct ChampCacheVue: Sendable {
    let nom: String
    let valeur: String

    static func liste(_ query: [(String, String)]) -> [ChampCacheVue] {
        query.map { ChampCacheVue(nom: $0.0, valeur: $0.1) }
    }
}

/// A link: where it goes and what it says.
struct LienVue: Sendable {
    let url: String
    let libelle: String
}

// Lists of options and rows are the hot path of the big pages: their fields are read by name without reflection.
// `ChampsMustacheTests` checks that every stored property is readable this way.
extension OptionVue: MustacheParent {
    func child(named champ: String) -> Any? {
        switch champ {
        case "valeur": valeur
        case "libelle": libelle
        case "selectionne": selectionne
        default: nil
        }
    }
}

extension LienVue: MustacheParent {
    func child(named champ: String) -> Any? {
        switch champ {
        case "url": url
        case "libelle": libelle
        default: nil
        }
    }
}
