import Domain
import Foundation
import Hummingbird
import IndexEffectifs
import Outils

/// Pages anyone can open: home, sign-in, sign-up, e-mail confirmation, password reset, invitations.
struct PagesPubliques {
    let deps: Dependances
    var comptes: Comptes { deps.comptes }

    @Sendable func feuilleDeStyle(_ request: Request, context: ContexteRequete) async throws -> Response {
        Response(
            status: .ok, headers: [.contentType: "text/css; charset=utf-8", .cacheControl: "max-age=3600"],
            body: .init(byteBuffer: ByteBuffer(string: deps.pages.feuilleDeStyle)))
    }

    @Sendable func icone(_ request: Request, context: ContexteRequete) async throws -> Response {
        Response(
            status: .ok, headers: [.contentType: "image/svg+xml", .cacheControl: "max-age=86400"],
            body: .init(byteBuffer: ByteBuffer(string: deps.pages.icone)))
    }

    @Sendable func accueil(_ request: Request, context: ContexteRequete) async throws -> Response {
        let aujourdhui = Jour(deps.horloge.now())
        let r = RequeteIndicateurs(
            perimetre: .national, filtres: FiltresIndicateurs(date: aujourdhui), aujourdhui: aujourdhui)
        return try await deps.pagePublique("Accueil", request, context) {
            AccueilVue.construire(
                compteurs: await deps.index.compter(r), aujourdhui: aujourdhui, identite: context.identite,
                contact: deps.contact)
        }
    }

    @Sendable func pageConnexion(_ request: Request, context: ContexteRequete) async throws -> Response {
        try await deps.page(ConnexionVue.construire(), "Se connecter", request, context)
    }

    @Sendable func pageInscription(_ request: Request, context: ContexteRequete) async throws -> Response {
        try await InscriptionEtapes(deps: deps).page(request, context)
    }

    @Sendable func pageMotDePasseOublie(_ request: Request, context: ContexteRequete) async throws -> Response {
        try await deps.page(MotDePasseOublieVue.construire(), "Mot de passe oublié", request, context)
    }

    @Sendable func pageReinitialisation(_ request: Request, context: ContexteRequete) async throws -> Response {
        let jeton = request.uri.queryParameters["jeton"].map(String.init) ?? ""
        try await comptes.verifierLienReinitialisation(jeton: jeton)  // a replaced or used link: 410 at once
        return try await deps.page(
            ReinitialisationVue.construire(jeton: jeton), "Choisir un nouveau mot de passe", request,
            context)
    }

    @Sendable func connexion(_ request: Request, context: ContexteRequete) async throws -> Response {
        let f = try await Formulaire.lire(request)
        do {
            let (valeur, _) = try await comptes.connecter(
                email: f["email"], motDePasse: f["mot_de_passe"], ip: deps.adresse(request, context))
            var r = deps.redirection("/")
            for c in deps.cookiesConnexion(valeur) { r.setCookie(c) }
            return r
        } catch let e as ErreurComptes {
            if case .tropDeTentatives = e { throw e }
            return try await deps.page(
                ConnexionVue.construire(email: f["email"]), "Se connecter", request, context,
                erreurs: [ErreurSaisie("email", e.message)])
        }
    }

    @Sendable func deconnexion(_ request: Request, context: ContexteRequete) async throws -> Response {
        _ = try await Formulaire.lire(request)
        if let i = context.identite { try await comptes.deconnecter(i) }
        var r = deps.redirection("/connexion")
        r.setCookie(deps.cookieSession("", maxAge: 0))
        return r
    }

    @Sendable func inscription(_ request: Request, context: ContexteRequete) async throws -> Response {
        try await InscriptionEtapes(deps: deps).envoyer(request, context)
    }

    @Sendable func confirmation(_ request: Request, context: ContexteRequete) async throws -> Response {
        try await comptes.confirmer(jeton: request.uri.queryParameters["jeton"].map(String.init) ?? "")
        return try await deps.page(
            MessageVue.construire(
                "Merci, votre adresse est confirmée. Votre compte est maintenant en attente de validation : vous recevrez un e-mail dès qu'il sera validé."
            ), "Adresse confirmée", request, context)
    }

    @Sendable func motDePasseOublie(_ request: Request, context: ContexteRequete) async throws -> Response {
        let f = try await Formulaire.lire(request)
        try await deps.limiter(.reinitialisation, request, context, [.email: f["email"].trimmingSpaces().lowercased()])
        try await comptes.demanderReinitialisation(email: f["email"])
        return try await deps.page(
            MessageVue.construire(
                "Si un compte existe avec cette adresse, un message vient d'y être envoyé avec un lien pour choisir un nouveau mot de passe (valable une heure)."
            ), "Vérifiez votre messagerie", request, context)
    }

    @Sendable func reinitialisation(_ request: Request, context: ContexteRequete) async throws -> Response {
        let f = try await Formulaire.lire(request)
        do {
            try await comptes.reinitialiser(
                jeton: f["jeton"], motDePasse: f["mot_de_passe"], confirmation: f["confirmation"])
        } catch ErreurComptes.saisie(let erreurs) {
            return try await deps.page(
                ReinitialisationVue.construire(jeton: f["jeton"]), "Choisir un nouveau mot de passe",
                request, context, erreurs: erreurs)
        }
        return try await deps.page(
            MessageVue.construire(
                "Votre mot de passe est modifié. Toutes vos sessions ont été fermées : connectez-vous avec le nouveau mot de passe.",
                lien: LienVue(url: "/connexion", libelle: "Se connecter")), "Mot de passe modifié", request, context)
    }

    @Sendable func invitationPage(_ request: Request, context: ContexteRequete) async throws -> Response {
        let jeton = request.uri.queryParameters["jeton"].map(String.init) ?? ""
        let inv = try await comptes.invitation(jeton: jeton)
        return try await deps.page(
            InvitationVue.construire(jeton: jeton, email: inv.email, organisation: inv.organisation),
            "Rejoindre \(inv.organisation.nom)", request, context)
    }

    @Sendable func invitation(_ request: Request, context: ContexteRequete) async throws -> Response {
        let f = try await Formulaire.lire(request)
        do {
            try await comptes.accepterInvitation(
                jeton: f["jeton"], nom: f["nom"], prenom: f["prenom"],
                motDePasse: f["mot_de_passe"], confirmation: f["confirmation"])
        } catch ErreurComptes.saisie(let erreurs) {
            let inv = try await comptes.invitation(jeton: f["jeton"])
            let vue = InvitationVue.construire(
                jeton: f["jeton"], email: inv.email, organisation: inv.organisation,
                nom: f["nom"], prenom: f["prenom"])
            return try await deps.page(vue, "Rejoindre \(inv.organisation.nom)", request, context, erreurs: erreurs)
        }
        return try await deps.page(
            MessageVue.construire(
                "Votre compte est créé : vous pouvez vous connecter.",
                lien: LienVue(url: "/connexion", libelle: "Se connecter")),
            "Compte créé", request, context)
    }
}
