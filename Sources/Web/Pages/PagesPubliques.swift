import Domain
import IndexEffectifs
import Outils
import Foundation
import Hummingbird

/// Pages anyone can open: home, sign-in, sign-up, e-mail confirmation, password reset, invitations.
struct PagesPubliques {
    let deps: Dependances
    var comptes: Comptes { deps.comptes }

    @Sendable func feuilleDeStyle(_ request: Request, context: ContexteRequete) async throws -> Response {
        Response(status: .ok, headers: [.contentType: "text/css; charset=utf-8", .cacheControl: "max-age=3600"],
                 body: .init(byteBuffer: ByteBuffer(string: deps.pages.feuilleDeStyle)))
    }

    @Sendable func icone(_ request: Request, context: ContexteRequete) async throws -> Response {
        Response(status: .ok, headers: [.contentType: "image/svg+xml", .cacheControl: "max-age=86400"],
                 body: .init(byteBuffer: ByteBuffer(string: deps.pages.icone)))
    }

    @Sendable func accueil(_ request: Request, context: ContexteRequete) async throws -> Response {
        let aujourdhui = Jour(deps.horloge.now())
        let r = RequeteIndicateurs(perimetre: .national, filtres: FiltresIndicateurs(date: aujourdhui), aujourdhui: aujourdhui)
        return try await deps.pagePublique("accueil", "Accueil", request, context) {
            ["compteurs": VueTableau.compteurs(await deps.index.compter(r)), "dateLongue": dateLongue(aujourdhui)]
        }
    }

    @Sendable func pageConnexion(_ request: Request, context: ContexteRequete) async throws -> Response {
        try await deps.page("connexion", "Se connecter", request, context)
    }

    @Sendable func pageInscription(_ request: Request, context: ContexteRequete) async throws -> Response {
        try await inscriptionPage(request, context)
    }

    @Sendable func pageMotDePasseOublie(_ request: Request, context: ContexteRequete) async throws -> Response {
        try await deps.page("mot-de-passe-oublie", "Mot de passe oublié", request, context)
    }

    @Sendable func pageReinitialisation(_ request: Request, context: ContexteRequete) async throws -> Response {
        let jeton = request.uri.queryParameters["jeton"].map(String.init) ?? ""
        try await comptes.verifierLienReinitialisation(jeton: jeton)  // a replaced or used link: 410 at once
        return try await deps.page("reinitialisation", "Choisir un nouveau mot de passe", request, context, ["jeton": jeton])
    }

    @Sendable func connexion(_ request: Request, context: ContexteRequete) async throws -> Response {
        let f = try await Formulaire.lire(request)
        do {
            let (valeur, _) = try await comptes.connecter(email: f["email"], motDePasse: f["mot_de_passe"], ip: deps.adresse(request, context))
            var r = deps.redirection("/")
            for c in deps.cookiesConnexion(valeur) { r.setCookie(c) }
            return r
        } catch let e as ErreurComptes {
            if case .tropDeTentatives = e { throw e }
            return try await deps.page("connexion", "Se connecter", request, context, ["email": f["email"]],
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

    func inscriptionPage(_ request: Request, _ context: ContexteRequete, _ d: DemandeInscription = DemandeInscription(),
                         erreurs: [ErreurSaisie] = []) async throws -> Response {
        let t = Territoires.france
        func options(_ items: [(String, String)], _ choisi: String) -> [[String: Any]] {
            items.map { ["code": $0.0, "libelle": $0.1, "selectionne": $0.0 == choisi] }
        }
        return try await deps.page("inscription", "Créer un compte", request, context, [
            "types": options(TypeOrganisation.inscriptibles.map { ($0.rawValue, $0.libelle) }, d.type),
            "regions": options(t.regions.map { ($0.code, $0.nom) }, d.region),
            "departements": options(t.departements.map { ($0.code, "\($0.code) — \($0.nom)") }, d.departement),
            "academies": options(t.academies.map { ($0.code, $0.nom) }, d.academie),
            "reseaux": options(Reseau.reference.map { ($0.cle, $0.nom) }, d.reseau),
            "email": d.email, "nom": d.nom, "prenom": d.prenom, "identifiant": d.identifiant,
        ], erreurs: erreurs)
    }

    @Sendable func inscription(_ request: Request, context: ContexteRequete) async throws -> Response {
        let f = try await Formulaire.lire(request)
        let d = DemandeInscription(
            type: f["type_organisation"], identifiant: f["identifiant"], region: f["region"], departement: f["departement"],
            academie: f["academie"], reseau: f["reseau"], email: f["email"], nom: f["nom"], prenom: f["prenom"],
            motDePasse: f["mot_de_passe"], confirmation: f["confirmation"])
        try await deps.limiter(.inscription, request, context, [.email: f["email"].trimmingSpaces().lowercased()])
        do {
            try await comptes.inscrire(d)
        } catch ErreurComptes.saisie(let erreurs) {
            return try await inscriptionPage(request, context, d, erreurs: erreurs)
        }
        return try await deps.page("message", "Vérifiez votre messagerie", request, context, [
            "texte": "Si l'adresse est valide, un message vient d'y être envoyé : suivez le lien qu'il contient pour confirmer votre adresse. Votre compte sera ensuite validé par un administrateur.",
        ])
    }

    @Sendable func confirmation(_ request: Request, context: ContexteRequete) async throws -> Response {
        try await comptes.confirmer(jeton: request.uri.queryParameters["jeton"].map(String.init) ?? "")
        return try await deps.page("message", "Adresse confirmée", request, context, [
            "texte": "Merci, votre adresse est confirmée. Votre compte est maintenant en attente de validation : vous recevrez un e-mail dès qu'il sera validé.",
        ])
    }

    @Sendable func motDePasseOublie(_ request: Request, context: ContexteRequete) async throws -> Response {
        let f = try await Formulaire.lire(request)
        try await deps.limiter(.reinitialisation, request, context, [.email: f["email"].trimmingSpaces().lowercased()])
        try await comptes.demanderReinitialisation(email: f["email"])
        return try await deps.page("message", "Vérifiez votre messagerie", request, context, [
            "texte": "Si un compte existe avec cette adresse, un message vient d'y être envoyé avec un lien pour choisir un nouveau mot de passe (valable une heure).",
        ])
    }

    @Sendable func reinitialisation(_ request: Request, context: ContexteRequete) async throws -> Response {
        let f = try await Formulaire.lire(request)
        do {
            try await comptes.reinitialiser(jeton: f["jeton"], motDePasse: f["mot_de_passe"], confirmation: f["confirmation"])
        } catch ErreurComptes.saisie(let erreurs) {
            return try await deps.page("reinitialisation", "Choisir un nouveau mot de passe", request, context,
                                       ["jeton": f["jeton"]], erreurs: erreurs)
        }
        return try await deps.page("message", "Mot de passe modifié", request, context, [
            "texte": "Votre mot de passe est modifié. Toutes vos sessions ont été fermées : connectez-vous avec le nouveau mot de passe.",
            "lien": ["url": "/connexion", "libelle": "Se connecter"],
        ])
    }

    @Sendable func invitationPage(_ request: Request, context: ContexteRequete) async throws -> Response {
        let jeton = request.uri.queryParameters["jeton"].map(String.init) ?? ""
        let inv = try await comptes.invitation(jeton: jeton)
        return try await deps.page("invitation", "Rejoindre \(inv.organisation.nom)", request, context,
                                   ["jeton": jeton, "email": inv.email, "organisation": inv.organisation.nom])
    }

    @Sendable func invitation(_ request: Request, context: ContexteRequete) async throws -> Response {
        let f = try await Formulaire.lire(request)
        do {
            try await comptes.accepterInvitation(jeton: f["jeton"], nom: f["nom"], prenom: f["prenom"],
                                                 motDePasse: f["mot_de_passe"], confirmation: f["confirmation"])
        } catch ErreurComptes.saisie(let erreurs) {
            let inv = try await comptes.invitation(jeton: f["jeton"])
            return try await deps.page("invitation", "Rejoindre \(inv.organisation.nom)", request, context,
                                       ["jeton": f["jeton"], "email": inv.email, "organisation": inv.organisation.nom,
                                        "nom": f["nom"], "prenom": f["prenom"]], erreurs: erreurs)
        }
        return try await deps.page("message", "Compte créé", request, context, [
            "texte": "Votre compte est créé : vous pouvez vous connecter.", "lien": ["url": "/connexion", "libelle": "Se connecter"],
        ])
    }
}

