import Domain
import Hummingbird
import NIOCore

/// The request context of every route: who is asking, when someone is signed in.
public struct ContexteRequete: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The signed-in user, set by `IdentiteMiddleware` from the session cookie.
    public var identite: Identite?
    /// The API key of the request, set by `ExigeCleApi` on the routes of the API v3.
    public var cleApi: CleApi?

    /// The client's address (throttling of sign-in attempts).
    public let remoteAddress: SocketAddress?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
    }

    /// Bodies are read explicitly by the handlers that need one, with their own limit.
    public var maxUploadSize: Int { ApiV3Routes.tailleMaximaleCorps }
}
