import Domain
import Foundation
import HTTPTypes
import Hummingbird

/// `/jeunes/:jeton`: the young person's personal page (issue 15), reached from the invitation e-mail, without an
/// account. The token of the path is the only key: it opens one case and shows only the first name and the mission
/// locale. An unknown or expired token is a 404 that says nothing more; every request counts against the client's
/// address (429 over the limit).
struct PagesJeunes {
    let deps: Dependances

    static let titre = "Votre page personnelle"

    /// The invitation and its case for the token of the path, or a 404.
    func ouvrir(_ request: Request, _ context: ContexteRequete) async throws -> (
        jeton: String, invitation: InvitationJeune, suivi: SuiviStocke
    ) {
        try await deps.limiter(.pageJeune, request, context)
        let jeton = context.parameters.get("jeton") ?? ""
        guard
            let o = try await InvitationsJeunes.ouvrir(
                jeton: jeton, store: deps.store, secrets: deps.comptes.secrets, now: deps.horloge.now())
        else { throw ErreurComptes.introuvable }
        return (jeton, o.invitation, o.suivi)
    }

    /// `GET /jeunes/:jeton`: the question.
    @Sendable func page(_ request: Request, context: ContexteRequete) async throws -> Response {
        let o = try await ouvrir(request, context)
        return try await pageQuestion(o.jeton, o.invitation, o.suivi, request, context)
    }

    func pageQuestion(
        _ jeton: String, _ invitation: InvitationJeune, _ s: SuiviStocke, _ request: Request,
        _ context: ContexteRequete, saisie: [String: String] = [:], erreurs: [ErreurSaisie] = []
    ) async throws -> Response {
        let (ml, rdvUrl) = try await missionLocale(s)
        let reponse = s.reponseJeune.flatMap { r in s.reponseJeuneLe.map { (r, $0) } }
        return try await deps.page(
            PageJeuneVue.construire(
                prenom: s.ligne.prenom, missionLocale: ml, rdvUrl: rdvUrl, jeton: jeton, invitation: invitation,
                reponse: reponse, saisie: saisie),
            Self.titre, request, context, erreurs: erreurs)
    }

    /// `POST /jeunes/:jeton`: the answer, written to the case of the token; then thanks (or the form again, 400).
    @Sendable func repondre(_ request: Request, context: ContexteRequete) async throws -> Response {
        let o = try await ouvrir(request, context)
        let form = try await Formulaire.lire(request)
        switch SaisieReponseJeune.lire(form.champs) {
        case .failure(let e):
            return try await pageQuestion(
                o.jeton, o.invitation, o.suivi, request, context, saisie: form.champs, erreurs: e.liste)
        case .success(let (reponse, telephone)):
            guard
                try await InvitationsJeunes.repondre(
                    jeton: o.jeton, reponse: reponse, telephone: telephone, store: deps.store,
                    secrets: deps.comptes.secrets, now: deps.horloge.now()) != nil
            else { throw ErreurComptes.introuvable }
            let (ml, rdvUrl) = try await missionLocale(o.suivi)
            return try await deps.page(
                PageJeuneMerciVue.construire(
                    prenom: o.suivi.ligne.prenom, reponse: reponse, telephone: telephone, missionLocale: ml,
                    rdvUrl: rdvUrl, jeton: o.jeton),
                "Merci pour votre réponse", request, context)
        }
    }

    func missionLocale(_ s: SuiviStocke) async throws -> (MissionLocale?, String?) {
        guard let code = s.ligne.missionLocale else { return (nil, nil) }
        return (
            try await deps.store.missionLocale(code: code), try await deps.store.parametres(missionLocale: code).rdvUrl
        )
    }
}

/// Every answer under `/jeunes/`, errors included, carries `X-Robots-Tag: noindex` (the pages also carry the
/// `robots` meta): errors are turned into pages here, through the chokepoint's own translation.
struct SansIndexation: RouterMiddleware {
    typealias Context = ContexteRequete
    let deps: Dependances
    static let enTete = HTTPField.Name("X-Robots-Tag")!

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        var reponse: Response
        do {
            reponse = try await next(request, context)
        } catch {
            let erreurs = ErreursMiddleware(deps: deps)
            reponse = try await erreurs.repondre(
                ErreursMiddleware.traduire(error, logger: deps.logger, chemin: request.uri.path), request, context)
            if request.method == .head { reponse = reponse.createHeadResponse() }
        }
        reponse.headers[Self.enTete] = "noindex, nofollow"
        return reponse
    }
}
