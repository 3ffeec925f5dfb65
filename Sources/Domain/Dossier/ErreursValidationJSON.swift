import Outils

/// An item's validation errors as a JSON list, `[{"message": …, "path": […]}]` (the shape of the v3 API): how
/// both stores keep them in the `erreurs` column of `transmissions`.
public enum ErreursValidationJSON {
    public static func ecrire(_ erreurs: [ErreurValidation]) -> String {
        JSONTexte.ecrire(
            .liste(
                erreurs.map { e in
                    .objet([("message", .texte(e.message)), ("path", .liste(e.path.map { .texte($0) }))])
                }))
    }

    /// The stored errors; a text that is not such a list reads as none (the errors are shown, never computed on).
    public static func lire(_ texte: String) -> [ErreurValidation] {
        guard case .array(let liste)? = try? AnalyseurJSON.analyser(Array(texte.utf8)) else { return [] }
        return liste.compactMap { e in
            guard case .object(let o) = e, case .string(let message)? = o["message"] else { return nil }
            var chemin: [String] = []
            if case .array(let p)? = o["path"] {
                chemin = p.compactMap { if case .string(let s) = $0 { s } else { nil } }
            }
            return ErreurValidation(path: chemin, message: message)
        }
    }
}
