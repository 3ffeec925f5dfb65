import Domain
import Hummingbird

/// The query of `GET /api/v3/effectifs`, validated: an unknown or malformed parameter is a 400 naming it.
struct ParametresEffectifs {
    static let limiteParDefaut = 100
    static let limiteMaximale = 1000
    /// Far beyond any organisme's learners at the largest limit; keeps `(page - 1) * limit` well inside 64 bits.
    static let pageMaximale = 1_000_000

    var date: Jour
    var page = 1
    var limite = limiteParDefaut
    var annee: AnneeScolaire?

    init(_ query: Parameters, aujourdhui: Jour) throws {
        date = aujourdhui
        var erreurs: [ErreurValidation] = []
        for (cle, valeur) in query {
            let v = String(valeur)
            switch String(cle) {
            case "date":
                if let d = Jour(parametre: v) { date = d } else { erreurs.append(.init("date", Jour.messageParametre)) }
            case "page":
                if let p = Int(v), (1...Self.pageMaximale).contains(p) {
                    page = p
                } else {
                    erreurs.append(.init("page", "La page doit être un entier de 1 à \(Self.pageMaximale)"))
                }
            case "limit":
                if let l = Int(v), (1...Self.limiteMaximale).contains(l) {
                    limite = l
                } else {
                    erreurs.append(.init("limit", "La limite doit être un entier entre 1 et \(Self.limiteMaximale)"))
                }
            case "annee_scolaire":
                if let a = AnneeScolaire(v) {
                    annee = a
                } else {
                    erreurs.append(.init("annee_scolaire", Message.anneeScolaire))
                }
            default:
                erreurs.append(.init(String(cle), "Paramètre inconnu (acceptés : date, page, limit, annee_scolaire)"))
            }
        }
        if !erreurs.isEmpty { throw ErreurApi.validation(erreurs) }
    }
}
