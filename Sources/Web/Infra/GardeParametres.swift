import Domain
import Hummingbird

/// The bounds every query of every route respects before any handler reads it: no route takes more than a few
/// parameters, a value longer than a search or a link's token, or the same parameter twice. Beyond them, a 400
/// names the parameter; a handler then parses each value into its own bounded type.
public struct GardeParametres: RouterMiddleware {
    public typealias Context = ContexteRequete

    static let nombreMaximal = 40
    static let longueurCle = 64
    static let longueurValeur = 1_000

    public init() {}

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws
        -> Response
    {
        if let erreurs = Self.verifier(request.uri.queryParameters.map { (String($0.key), String($0.value)) }) {
            // The API v3 answers in the national API's shape.
            throw request.uri.path.hasPrefix("/api/v3/") ? ErreurApi.validation(erreurs) : ErreurApi.parametres(erreurs)
        }
        return try await next(request, context)
    }

    /// The errors of a query, or nil when it is within bounds.
    public static func verifier(_ query: [(String, String)]) -> [ErreurValidation]? {
        if query.count > nombreMaximal {
            return [ErreurValidation("?", "Trop de paramètres dans l'adresse (\(nombreMaximal) au plus)")]
        }
        var vus: Set<String> = []
        var erreurs: [ErreurValidation] = []
        for (cle, valeur) in query {
            let nom = cle.count > longueurCle ? String(cle.prefix(longueurCle)) + "…" : cle
            if cle.count > longueurCle {
                erreurs.append(ErreurValidation(nom, "Nom de paramètre trop long (\(longueurCle) caractères au plus)"))
            } else if valeur.count > longueurValeur {
                erreurs.append(ErreurValidation(nom, "Valeur trop longue (\(longueurValeur) caractères au plus)"))
            } else if !vus.insert(cle).inserted {
                erreurs.append(ErreurValidation(nom, "Paramètre répété : une seule valeur est attendue"))
            }
        }
        return erreurs.isEmpty ? nil : erreurs
    }
}
