import Domain
import Foundation
import HTTPTypes
import Logging
import Hummingbird
import NIOCore

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

    static func validation(_ details: [ErreurValidation]) -> ErreurApi {
        ErreurApi(.badRequest, "Erreur de validation", details: details, forme: .nationale)
    }

    static let corpsTropGros = ErreurApi(
        .contentTooLarge, "Le corps de la requête dépasse la taille maximale de 10 Mo : envoyez les dossiers en plusieurs lots",
        forme: .nationale)

    static let interne = ErreurApi(
        .internalServerError, "Erreur interne du serveur : rien n'a été enregistré, réessayez plus tard",
        forme: .tdb(code: "erreur_interne"))

    var corps: String {
        let details = JSONTexte.Noeud.liste(details.map { d in
            .objet([("message", .texte(d.message)), ("path", .liste(d.path.map { .texte($0) }))])
        })
        switch forme {
        case .nationale:
            let titre = status == .contentTooLarge ? "Payload Too Large" : status.reasonPhrase
            var pairs: [(String, JSONTexte.Noeud)] = [("error", .texte(titre)), ("message", .texte(message))]
            if !self.details.isEmpty { pairs.append(("details", details)) }
            return JSONTexte.ecrire(.objet(pairs))
        case .tdb(let code):
            return JSONTexte.ecrire(.objet([
                ("error", .objet([("code", .texte(code)), ("message", .texte(message)), ("details", details)]))
            ]))
        }
    }
}

extension Response {
    /// A JSON response from text already written.
    static func json(_ text: String, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response {
        var h = headers
        h[.contentType] = "application/json; charset=utf-8"
        return Response(status: status, headers: h, body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}

/// The chokepoint: domain and HTTP errors become JSON responses; anything else is logged and answered 500,
/// with nothing of its internals in the body.
struct ErreursMiddleware: RouterMiddleware {
    typealias Context = ContexteRequete
    let logger: Logger

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        do {
            return try await next(request, context)
        } catch let e as ErreurApi {
            return .json(e.corps, status: e.status, headers: e.headers)
        } catch is NIOTooManyBytesError {
            return .json(ErreurApi.corpsTropGros.corps, status: .contentTooLarge)
        } catch let e as HTTPError {
            let erreur = ErreurApi(e.status, e.body ?? e.status.reasonPhrase, forme: .tdb(code: "http_\(e.status.code)"))
            return .json(erreur.corps, status: e.status, headers: e.headers)
        } catch {
            logger.error("erreur inattendue", metadata: ["path": "\(request.uri.path)", "error": "\(error)"])
            return .json(ErreurApi.interne.corps, status: .internalServerError)
        }
    }
}
