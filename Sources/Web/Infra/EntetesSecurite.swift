import HTTPTypes
import Hummingbird

/// The headers every response carries, errors included: no script or style from anywhere but the service itself
/// (and no inline script), never in a frame, no type sniffing, no address leaked to other sites, HTTPS remembered
/// when the service is public over HTTPS. A response says itself when it may be cached; any other is `no-store`,
/// so that nothing personal stays in a shared or browser cache.
struct EntetesSecurite: RouterMiddleware {
    typealias Context = ContexteRequete
    let hsts: Bool

    static let politiqueContenu = [
        "default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:", "object-src 'none'",
        "base-uri 'none'", "form-action 'self'", "frame-ancestors 'none'",
    ].joined(separator: "; ")

    static let xFrameOptions = HTTPField.Name("X-Frame-Options")!
    static let referrerPolicy = HTTPField.Name("Referrer-Policy")!

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        var response = try await next(request, context)
        response.headers[.contentSecurityPolicy] = Self.politiqueContenu
        response.headers[Self.xFrameOptions] = "DENY"
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[Self.referrerPolicy] = "same-origin"
        if hsts { response.headers[.strictTransportSecurity] = "max-age=31536000; includeSubDomains" }
        if response.headers[.cacheControl] == nil { response.headers[.cacheControl] = "no-store" }
        return response
    }
}
