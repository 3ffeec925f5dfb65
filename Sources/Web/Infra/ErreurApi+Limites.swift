import Domain
import HTTPTypes
import Hummingbird

extension ErreurApi {
    /// 429 with `Retry-After`: the national shape on the API v3, ours elsewhere (a French page outside `/api/`).
    init(limite e: LimiteAtteinte, chemin: String) {
        self.init(
            .tooManyRequests, e.message,
            forme: chemin.hasPrefix("/api/v3/") ? .nationale : .tdb(code: "trop_de_requetes"))
        headers[.retryAfter] = String(e.reessayerDans)
    }
}
