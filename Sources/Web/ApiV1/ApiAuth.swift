import Domain
import Outils
import Foundation
import Hummingbird

/// `POST /api/v1/auth/login`, `POST /api/v1/auth/logout`, `GET /api/v1/session`. JSON only: a cross-site form
/// cannot send `application/json` without a CORS preflight, which this service never grants.
struct ApiAuth {
    let deps: Dependances

    func ajouter(a router: Router<ContexteRequete>) {
        router.post("/api/v1/auth/login", use: login)
        router.post("/api/v1/auth/logout") { request, context in
            try exigerJSON(request)
            let i = try context.exigerIdentite()
            try await deps.comptes.deconnecter(i)
            var r = Response.json(#"{"ok":true}"#)
            r.setCookie(deps.cookieSession("", maxAge: 0))
            return r
        }
        router.get("/api/v1/session") { _, context -> Response in
            .json(JSONTexte.ecrire(Self.session(try context.exigerIdentite())))
        }
    }

    @Sendable func login(_ request: Request, context: ContexteRequete) async throws -> Response {
        try exigerJSON(request)
        let buffer = try await request.body.collect(upTo: 16 * 1024)
        guard case .object(let o) = try? AnalyseurJSON.analyser(buffer.readableBytesView),
            case .string(let email) = o["email"], case .string(let motDePasse) = o["password"] ?? o["mot_de_passe"]
        else {
            throw ErreurApi(.badRequest, "Corps attendu : {\"email\": \"…\", \"password\": \"…\"}", forme: .tdb(code: "saisie"))
        }
        let (valeur, identite) = try await deps.comptes.connecter(email: email, motDePasse: motDePasse, ip: deps.adresse(request, context))
        var r = Response.json(JSONTexte.ecrire(Self.session(identite)))
        for c in deps.cookiesConnexion(valeur) { r.setCookie(c) }
        return r
    }

    func exigerJSON(_ request: Request) throws {
        guard request.headers[.contentType]?.lowercased().hasPrefix("application/json") == true else {
            throw ErreurApi(.unsupportedMediaType, "Content-Type: application/json attendu", forme: .tdb(code: "type_de_contenu"))
        }
    }

    /// The user, the organisation, its perimeter and capabilities.
    static func session(_ i: Identite) -> JSONTexte.Noeud {
        func perimetre(_ p: Perimetre) -> JSONTexte.Noeud {
            switch p {
            case .national: .objet([("type", .texte("national"))])
            case .region(let r): .objet([("type", .texte("region")), ("code", .texte(r))])
            case .departement(let d): .objet([("type", .texte("departement")), ("code", .texte(d))])
            case .academie(let a): .objet([("type", .texte("academie")), ("code", .texte(a))])
            case .reseau(let r): .objet([("type", .texte("reseau")), ("code", .texte(r))])
            case .organismes(let ids):
                .objet([("type", .texte("organismes")), ("ids", .liste(ids.sorted { $0.rawValue < $1.rawValue }.map { .texte($0.description) }))])
            case .aucun: .objet([("type", .texte("aucun"))])
            }
        }
        let o = i.organisation
        return .objet([
            ("utilisateur", .objet([
                ("id", .texte(i.utilisateur.id.description)), ("email", .texte(i.utilisateur.email)),
                ("nom", .texte(i.utilisateur.nom)), ("prenom", .texte(i.utilisateur.prenom)),
                ("role", .texte(i.utilisateur.role.rawValue)),
            ])),
            ("organisation", .objet([
                ("id", .texte(o.id.description)), ("type", .texte(o.type.rawValue)), ("nom", .texte(o.nom)),
                ("organisme_id", .texte(o.organisme?.description)), ("region", .texte(o.region)),
                ("departement", .texte(o.departement)), ("academie", .texte(o.academie)), ("reseau", .texte(o.reseau)),
            ])),
            ("incarnation", .booleen(i.incarne)),
            ("perimetre", perimetre(i.droits.perimetre(.voirIndicateurs))),
            ("capacites", .objet(Capacite.allCases.map { c in (c.rawValue, perimetre(i.droits.perimetre(c))) })),
            ("contacts_dans_listes", .booleen(i.droits.contactsDansListes)),
        ])
    }
}
