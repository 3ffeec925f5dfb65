import Domain
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import Outils

/// Every error a handler can answer with. The one chokepoint (`ErreursMiddleware`) turns it, and anything
/// unexpected, into a JSON response; handlers never build error responses themselves.
public struct ErreurApi: Error, Sendable {
    public enum Forme: Sendable {
        /// `{"error": "<reason phrase>", "message": …, "details": […]}`: the shape of the national API v3, kept so
        /// that ERPs written for it read our errors unchanged.
        case nationale
        /// `{"error": {"code": …, "message": …, "details": […]}}`: our own API.
        case tdb(code: String)
    }

    public let status: HTTPResponse.Status
    public let message: String
    public let details: [ErreurValidation]
    public let forme: Forme
    public var headers: HTTPFields = [:]

    public init(_ status: HTTPResponse.Status, _ message: String, details: [ErreurValidation] = [], forme: Forme) {
        self.status = status
        self.message = message
        self.details = details
        self.forme = forme
    }

    static func cleApi(_ message: String) -> ErreurApi { ErreurApi(.forbidden, message, forme: .nationale) }

    /// A page's query parameter is unknown or malformed: a 400 page naming each one.
    static func parametres(_ details: [ErreurValidation]) -> ErreurApi {
        ErreurApi(
            .badRequest, "Un paramètre de l'adresse est invalide", details: details, forme: .tdb(code: "parametres"))
    }

    static func parametre(_ champ: String, _ message: String) -> ErreurApi {
        parametres([ErreurValidation(champ, message)])
    }

    static func validation(_ details: [ErreurValidation]) -> ErreurApi {
        ErreurApi(.badRequest, "Erreur de validation", details: details, forme: .nationale)
    }

    /// A request of our own API (`/api/v1/`) is invalid: our error shape, naming each field.
    static func validationTdb(_ details: [ErreurValidation]) -> ErreurApi {
        ErreurApi(.badRequest, "Erreur de validation", details: details, forme: .tdb(code: "validation"))
    }

    static let corpsTropGros = ErreurApi(
        .contentTooLarge,
        "Le corps de la requête dépasse la taille maximale de 10 Mo : envoyez les dossiers en plusieurs lots",
        forme: .nationale)

    static let nonConnecte = ErreurApi(
        .unauthorized, "Connectez-vous pour accéder à cette page", forme: .tdb(code: "non_connecte"))

    static let csrf = ErreurApi(
        .forbidden, "Le formulaire a expiré ou ne vient pas de ce site : rechargez la page et recommencez",
        forme: .tdb(code: "csrf"))

    static let interne = ErreurApi(
        .internalServerError, "Erreur interne du serveur : rien n'a été enregistré, réessayez plus tard",
        forme: .tdb(code: "erreur_interne"))

    /// The JSON body of the error.
    var corps: String {
        let details = details.map { CorpsErreur.Detail(message: $0.message, path: $0.path) }
        switch forme {
        case .nationale:
            let titre = status == .contentTooLarge ? "Payload Too Large" : status.reasonPhrase
            return
                (try? EncodeurJSON.texte(
                    CorpsErreur.Nationale(
                        error: titre, message: message,
                        details: details.isEmpty ? nil : details))) ?? ""
        case .tdb(let code):
            return
                (try? EncodeurJSON.texte(CorpsErreur.Tdb(error: .init(code: code, message: message, details: details))))
                ?? ""
        }
    }
}

/// The two JSON shapes of an error (`ErreurApi.Forme`).
enum CorpsErreur {
    struct Detail: Encodable {
        let message: String
        let path: [String]
    }

    /// `{"error": "<reason phrase>", "message": …, "details": […]}`, `details` only when there are some.
    struct Nationale: Encodable {
        let error: String
        let message: String
        let details: [Detail]?
    }

    /// `{"error": {"code": …, "message": …, "details": […]}}`.
    struct Tdb: Encodable {
        struct Erreur: Encodable {
            let code: String
            let message: String
            let details: [Detail]
        }

        let error: Erreur
    }
}

extension Response {
    /// A JSON response from text already written.
    static func json(_ text: String, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response {
        json(ByteBuffer(string: text), status: status, headers: headers)
    }

    static func json(octets: [UInt8], status: HTTPResponse.Status = .ok) -> Response {
        json(ByteBuffer(bytes: octets), status: status, headers: [:])
    }

    private static func json(_ corps: ByteBuffer, status: HTTPResponse.Status, headers: HTTPFields) -> Response {
        var h = headers
        h[.contentType] = "application/json; charset=utf-8"
        return Response(status: status, headers: h, body: .init(byteBuffer: corps))
    }
}

/// The chokepoint: domain and HTTP errors become responses — JSON under `/api/`, an HTML page elsewhere;
/// anything else is logged and answered 500, with nothing of its internals in the body.
struct ErreursMiddleware: RouterMiddleware {
    typealias Context = ContexteRequete
    let deps: Dependances

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        do {
            return try await next(request, context)
        } catch {
            let e = Self.traduire(error, logger: deps.logger, chemin: request.uri.path)
            let reponse = try await repondre(e, request, context)
            // HEAD: the answer GET would have had, without its body.
            return request.method == .head ? reponse.createHeadResponse() : reponse
        }
    }

    func repondre(_ e: ErreurApi, _ request: Request, _ context: Context) async throws -> Response {
        if request.uri.path.hasPrefix("/api/") { return .json(e.corps, status: e.status, headers: e.headers) }
        if e.status == .unauthorized {
            return Response(status: .seeOther, headers: [.location: "/connexion"])
        }
        // The identity is read after this middleware: the page keeps the signed-in header and banner.
        var context = context
        if context.identite == nil, let session = request.cookies[deps.cookies.session]?.value, !session.isEmpty {
            context.identite = try? await deps.comptes.identite(session: session)
        }
        let statut = Int(e.status.code)
        let vue = ErreurVue.construire(
            statut: statut, message: e.message, details: e.details, identite: context.identite,
            administrateurs: (try? await PagesInformation(deps: deps).administrateurs(context.identite)) ?? [],
            contact: deps.contact)
        var response = try await deps.page(vue, ErreurVue.titre(statut), request, context, status: e.status)
        response.headers.append(contentsOf: e.headers)
        return response
    }

    static func traduire(_ error: any Error, logger: Logger, chemin: String) -> ErreurApi {
        switch error {
        case let e as ErreurApi: return e
        case let e as ErreurComptes: return ErreurApi(comptes: e)
        case let e as LimiteAtteinte: return ErreurApi(limite: e, chemin: chemin)
        case is NIOTooManyBytesError: return .corpsTropGros
        case let e as HTTPError:
            var r = ErreurApi(e.status, e.body ?? e.status.reasonPhrase, forme: .tdb(code: "http_\(e.status.code)"))
            r.headers = e.headers
            return r
        default:
            logger.error("erreur inattendue", metadata: ["path": "\(chemin)", "error": "\(error)"])
            return .interne
        }
    }
}

extension ErreurApi {
    init(comptes e: ErreurComptes) {
        switch e {
        case .saisie(let erreurs):
            self.init(
                .badRequest, "Le formulaire contient des erreurs",
                details: erreurs.map { ErreurValidation($0.champ, $0.message) }, forme: .tdb(code: "saisie"))
        case .identifiantsInvalides: self.init(.unauthorized, e.message, forme: .tdb(code: "identifiants_invalides"))
        case .compteNonActif: self.init(.forbidden, e.message, forme: .tdb(code: "compte_non_actif"))
        case .tropDeTentatives(let s):
            self.init(.tooManyRequests, e.message, forme: .tdb(code: "trop_de_tentatives"))
            headers[.retryAfter] = String(s)
        case .lienInvalide: self.init(.gone, e.message, forme: .tdb(code: "lien_invalide"))
        case .interdit: self.init(.forbidden, e.message, forme: .tdb(code: "interdit"))
        case .introuvable: self.init(.notFound, e.message, forme: .tdb(code: "introuvable"))
        }
    }
}
