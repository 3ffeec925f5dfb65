import Hummingbird

/// The request context of every route. It will carry the signed-in user and perimeter once accounts exist.
public struct ContexteRequete: RequestContext {
    public var coreContext: CoreRequestContextStorage

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
    }

    /// Bodies are read explicitly by the handlers that need one, with their own limit.
    public var maxUploadSize: Int { ApiV3Routes.tailleMaximaleCorps }
}
