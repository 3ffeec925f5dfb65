import Domain
import HTTPTypes
import Hummingbird

/// Who may call a route: the groups of the site map.
public enum Acces: String, Sendable, CaseIterable {
    /// Anyone.
    case publique
    /// The operator, with the metrics token.
    case operateur
    /// Anyone signed in.
    case connecte
    /// Signed in, with a non-empty perimeter for the route's capability.
    case capacite
    /// A platform administrator.
    case administrateur
    /// An API key of the API v3.
    case cleApi
}

/// A route of the site map: who may call it, its method and its path (`:id` for a parameter).
public struct RouteDuPlan: Sendable, CustomStringConvertible {
    public let acces: Acces
    public let methode: HTTPRequest.Method
    public let chemin: String

    public var description: String { "\(methode) \(chemin) (\(acces.rawValue))" }
}

/// The routes registered so far, with their group (filled while the site map is built).
final class RegistrePlan {
    var routes: [RouteDuPlan] = []
}

/// A group of routes of the site map: its middlewares say who may call it (`Gardes.swift`), and its handlers may
/// receive that caller (`Appelant`: the signed-in identity, or the API key) as an argument rather than checking
/// for it themselves.
struct GroupeRoutes<Appelant: Sendable> {
    let routes: RouterGroup<ContexteRequete>
    let acces: Acces
    let registre: RegistrePlan
    /// The caller the group's middlewares have let through.
    let appelant: @Sendable (ContexteRequete) throws -> Appelant

    typealias Gestionnaire = @Sendable (Request, ContexteRequete) async throws -> Response
    typealias GestionnaireAppelant = @Sendable (Request, ContexteRequete, Appelant) async throws -> Response

    init(
        _ routes: RouterGroup<ContexteRequete>, _ acces: Acces, _ registre: RegistrePlan,
        appelant: @escaping @Sendable (ContexteRequete) throws -> Appelant
    ) {
        self.routes = routes
        self.acces = acces
        self.registre = registre
        self.appelant = appelant
    }

    func get(_ chemin: RouterPath, use gestionnaire: @escaping Gestionnaire) {
        noter(.get, chemin)
        routes.get(chemin, use: gestionnaire)
    }

    func post(_ chemin: RouterPath, use gestionnaire: @escaping Gestionnaire) {
        noter(.post, chemin)
        routes.post(chemin, use: gestionnaire)
    }

    func get(_ chemin: RouterPath, use gestionnaire: @escaping GestionnaireAppelant) {
        noter(.get, chemin)
        let appelant = self.appelant
        routes.get(chemin) { request, context in try await gestionnaire(request, context, try appelant(context)) }
    }

    func post(_ chemin: RouterPath, use gestionnaire: @escaping GestionnaireAppelant) {
        noter(.post, chemin)
        let appelant = self.appelant
        routes.post(chemin) { request, context in try await gestionnaire(request, context, try appelant(context)) }
    }

    private func noter(_ methode: HTTPRequest.Method, _ chemin: RouterPath) {
        registre.routes.append(RouteDuPlan(acces: acces, methode: methode, chemin: chemin.description))
    }
}

extension GroupeRoutes where Appelant == Void {
    init(_ routes: RouterGroup<ContexteRequete>, _ acces: Acces, _ registre: RegistrePlan) {
        self.init(routes, acces, registre, appelant: { _ in () })
    }
}

extension GroupeRoutes where Appelant == Identite {
    init(_ routes: RouterGroup<ContexteRequete>, _ acces: Acces, _ registre: RegistrePlan) {
        self.init(routes, acces, registre, appelant: { try $0.exigerIdentite() })
    }
}

extension GroupeRoutes where Appelant == CleApi {
    init(_ routes: RouterGroup<ContexteRequete>, _ acces: Acces, _ registre: RegistrePlan) {
        self.init(routes, acces, registre, appelant: { try $0.exigerCleApi() })
    }
}
