import Domain
import IndexEffectifs

extension ErreurApi {
    /// A filter value outside the caller's perimeter: a 400 naming each parameter (JSON under `/api/`, a page
    /// elsewhere), rather than counters at zero that would read as "nobody".
    static func horsPerimetre(_ details: [ErreurValidation], perimetre: Perimetre) -> ErreurApi {
        ErreurApi(
            .badRequest,
            "Un filtre de l'adresse est hors de votre périmètre (\(perimetre.libelle)) : "
                + "retirez-le ou choisissez une valeur proposée par le formulaire",
            details: details, forme: .tdb(code: "hors_perimetre"))
    }
}

extension IndexIndicateurs {
    /// The filter choices of a perimeter, once the filters are checked against it: a value outside is a 400
    /// (`hors_perimetre`) naming it.
    func choixVerifies(_ f: FiltresIndicateurs, perimetre: Perimetre) async throws -> ChoixDuPerimetre {
        let choix = await choix(perimetre)
        let erreurs = choix.horsPerimetre(f, perimetre: perimetre)
        if !erreurs.isEmpty { throw ErreurApi.horsPerimetre(erreurs, perimetre: perimetre) }
        return choix
    }
}
