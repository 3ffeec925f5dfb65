import Domain
import Foundation
import Hummingbird
import Outils

/// `POST /api/v1/auth/login`, `POST /api/v1/auth/logout`, `GET /api/v1/session`. JSON only: a cross-site form
/// cannot send `application/json` without a CORS preflight, which this service never grants.
struct ApiAuth {
    let deps: Dependances

    @Sendable func logout(_ request: Request, context: ContexteRequete, identite i: Identite) async throws -> Response {
        try exigerJSON(request)
        try await deps.comptes.deconnecter(i)
        var r = try Response.json(["ok": true])
        r.setCookie(deps.cookieSession("", maxAge: 0))
        return r
    }

    @Sendable func session(_ request: Request, context: ContexteRequete, identite i: Identite) async throws -> Response
    {
        try .json(Session(i))
    }

    @Sendable func login(_ request: Request, context: ContexteRequete) async throws -> Response {
        try exigerJSON(request)
        let buffer = try await request.body.collect(upTo: 16 * 1024)
        guard case .object(let o) = try? AnalyseurJSON.analyser(buffer.readableBytesView),
            case .string(let email) = o["email"], case .string(let motDePasse) = o["password"] ?? o["mot_de_passe"]
        else {
            throw ErreurApi(
                .badRequest, "Corps attendu : {\"email\": \"…\", \"password\": \"…\"}", forme: .tdb(code: "saisie"))
        }
        let (valeur, identite) = try await deps.comptes.connecter(
            email: email, motDePasse: motDePasse, ip: deps.adresse(request, context))
        var r = try Response.json(Session(identite))
        for c in deps.cookiesConnexion(valeur) { r.setCookie(c) }
        return r
    }

    func exigerJSON(_ request: Request) throws {
        guard request.headers[.contentType]?.lowercased().hasPrefix("application/json") == true else {
            throw ErreurApi(
                .unsupportedMediaType, "Content-Type: application/json attendu", forme: .tdb(code: "type_de_contenu"))
        }
    }

}

/// The answer of `GET /api/v1/session` and of the sign-in: the user, the organisation, its perimeter and
/// capabilities.
struct Session: Encodable {
    struct Utilisateur: Encodable {
        let id: String
        let email: String
        let nom: String
        let prenom: String
        let role: String
    }

    struct Organisation: Encodable {
        let id: String
        let type: String
        let nom: String
        @OuNull var organismeId: String?
        @OuNull var region: String?
        @OuNull var departement: String?
        @OuNull var academie: String?
        @OuNull var reseau: String?

        enum CodingKeys: String, CodingKey {
            case id, type, nom
            case organismeId = "organisme_id"
            case region, departement, academie, reseau
        }
    }

    /// A perimeter: its type, and its code or organismes when it has them.
    struct PerimetreJSON: Encodable {
        let type: String
        var code: String?
        var ids: [String]?

        init(_ p: Perimetre) {
            switch p {
            case .national: type = "national"
            case .region(let r): (type, code) = ("region", r)
            case .departement(let d): (type, code) = ("departement", d)
            case .academie(let a): (type, code) = ("academie", a)
            case .reseau(let r): (type, code) = ("reseau", r)
            case .missionLocale(let m): (type, code) = ("mission_locale", m)
            case .organismes(let ids):
                (type, self.ids) = ("organismes", ids.sorted { $0.rawValue < $1.rawValue }.map(\.description))
            case .missionLocale(let c): (type, code) = ("mission_locale", c)
            case .aucun: type = "aucun"
            }
        }
    }

    let utilisateur: Utilisateur
    let organisation: Organisation
    let incarnation: Bool
    let perimetre: PerimetreJSON
    let capacites: ObjetOrdonne<PerimetreJSON>
    let contactsDansListes: Bool

    enum CodingKeys: String, CodingKey {
        case utilisateur, organisation, incarnation, perimetre, capacites
        case contactsDansListes = "contacts_dans_listes"
    }

    init(_ i: Identite) {
        let u = i.utilisateur
        let o = i.organisation
        utilisateur = Utilisateur(
            id: u.id.description, email: u.email, nom: u.nom, prenom: u.prenom, role: u.role.rawValue)
        organisation = Organisation(
            id: o.id.description, type: o.type.rawValue, nom: o.nom, organismeId: o.organisme?.description,
            region: o.region, departement: o.departement, academie: o.academie, reseau: o.reseau)
        incarnation = i.incarne
        perimetre = PerimetreJSON(i.droits.perimetre(.voirIndicateurs))
        capacites = ObjetOrdonne(
            membres: Capacite.allCases.map { ($0.rawValue, PerimetreJSON(i.droits.perimetre($0))) })
        contactsDansListes = i.droits.contactsDansListes
    }
}
