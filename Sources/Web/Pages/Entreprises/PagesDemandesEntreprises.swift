import Domain
import Foundation
import Hummingbird

/// The companies' side of issue 16, without an account: the contact request to a CFA
/// (`/recruter-un-apprenti/contact?organisme=<id>&rome=<code>`) and its confirmation by the e-mailed link. A filled
/// honeypot gets the same answer as a sent request and nothing is stored; requests are counted by address and by
/// e-mail (429 over the limits); a refused form stores nothing but those counters.
struct PagesDemandesEntreprises {
    let deps: Dependances

    static let titre = "Recruter un apprenti : contacter un CFA"

    func aujourdhui() -> Jour { HeureDeParis.jour(deps.horloge.now()) }

    /// The organisme named by `organisme` (its id), and why it takes no request.
    func organisme(_ valeur: String?) async throws -> (Organisme?, refus: String?) {
        guard let v = valeur?.trimmingCharacters(in: .whitespaces), !v.isEmpty else {
            throw ErreurApi.parametres([
                ErreurValidation("organisme", "Organisme : choisissez un CFA dans la recherche (paramètre manquant).")
            ])
        }
        guard let id = Int64(v), id > 0 else {
            throw ErreurApi.parametres([ErreurValidation("organisme", "Organisme : identifiant numérique attendu.")])
        }
        let o = try await deps.store.organisme(id: OrganismeID(id))
        let visible = try await deps.store.contactPublic(organisme: OrganismeID(id)).visible
        return (o, DemandesEntreprises.refus(o, visible: visible))
    }

    func page(
        _ o: Organisme?, id: String, refus: String?, saisie: [String: String], _ request: Request,
        _ context: ContexteRequete, erreurs: [ErreurSaisie] = []
    ) async throws -> Response {
        try await deps.page(
            DemandeContactVue.construire(
                organisme: o, idOrganisme: id, refus: refus, saisie: saisie, aujourdhui: aujourdhui()),
            o.map { "Contacter le CFA \($0.nom)" } ?? Self.titre, request, context, erreurs: erreurs,
            status: o == nil ? .notFound : refus == nil ? .ok : .forbidden)
    }

    /// `GET /recruter-un-apprenti/contact`: the form, the trade prefilled from the search.
    @Sendable func formulaire(_ request: Request, context: ContexteRequete) async throws -> Response {
        let q = Dictionary(VueTableau.requete(request), uniquingKeysWith: { a, _ in a })
        let (o, refus) = try await organisme(q["organisme"])
        var saisie: [String: String] = [:]
        if let rome = q["rome"]?.uppercased(), DemandeContact.estCodeRome(rome) { saisie["rome"] = rome }
        if let metier = q["metier"], metier.count <= DemandeContact.longueurMaxMetier { saisie["metier"] = metier }
        // The trade's name from the ROME tree when the search gave only its code.
        if saisie["metier"] == nil, let code = saisie["rome"].flatMap(CodeROME.init),
            let libelle = ArbreMetiers.rome.libelle(code)
        {
            saisie["metier"] = libelle
        }
        return try await page(o, id: q["organisme"] ?? "", refus: refus, saisie: saisie, request, context)
    }

    /// `POST /recruter-un-apprenti/contact`: the request stored and the confirmation e-mail in the outbox; or the
    /// form again with each problem named (400).
    @Sendable func envoyer(_ request: Request, context: ContexteRequete) async throws -> Response {
        let form = try await Formulaire.lire(request)
        if DemandeContact.estPiege(form.champs) { return try await envoyee(request, context) }
        let (o, refus) = try await organisme(form.champs["organisme"])
        guard let o, refus == nil else {
            return try await page(o, id: form["organisme"], refus: refus, saisie: [:], request, context)
        }
        let email = form["email"].trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        try await deps.limiter(.demandeEntreprise, request, context, email.isEmpty ? [:] : [.email: email])
        switch DemandeContact.lire(form.champs, aujourdhui: aujourdhui()) {
        case .failure(let e):
            return try await page(
                o, id: form["organisme"], refus: nil, saisie: form.champs, request, context, erreurs: e.liste)
        case .success(let demande):
            _ = try await DemandesEntreprises.deposer(
                demande, organisme: o, store: deps.store, secrets: deps.comptes.secrets,
                urlPublique: deps.comptes.urlPublique, now: deps.horloge.now())
            return try await envoyee(request, context)
        }
    }

    /// The same answer to a sent request and to a robot: nothing tells them apart.
    func envoyee(_ request: Request, _ context: ContexteRequete) async throws -> Response {
        try await deps.page(
            MessageVue.construire(
                "Un e-mail vient de vous être envoyé. Ouvrez le lien qu'il contient dans les 48 heures pour "
                    + "confirmer votre adresse : votre demande est alors transmise au CFA. Sans confirmation, rien "
                    + "n'est transmis.",
                lien: LienVue(url: "/", libelle: "Revenir à l'accueil")),
            "Vérifiez votre boîte e-mail", request, context)
    }

    /// `GET /recruter-un-apprenti/confirmer/:jeton`: a button that confirms (nothing is read or written yet).
    @Sendable func pageConfirmation(_ request: Request, context: ContexteRequete) async throws -> Response {
        try await deps.limiter(.confirmationDemandeEntreprise, request, context)
        let jeton = context.parameters.get("jeton") ?? ""
        guard DemandesEntreprises.estBienForme(jeton) else { return try await introuvable(request, context) }
        return try await deps.page(
            ConfirmationDemandeVue(action: DemandesEntreprises.cheminConfirmation + jeton), "Confirmer votre demande",
            request, context)
    }

    /// `POST /recruter-un-apprenti/confirmer/:jeton`: the request sent to the CFA, once.
    @Sendable func confirmer(_ request: Request, context: ContexteRequete) async throws -> Response {
        try await deps.limiter(.confirmationDemandeEntreprise, request, context)
        _ = try await Formulaire.lire(request)
        let r = try await DemandesEntreprises.confirmer(
            jeton: context.parameters.get("jeton") ?? "", store: deps.store, secrets: deps.comptes.secrets,
            urlPublique: deps.comptes.urlPublique, now: deps.horloge.now())
        switch r {
        case .confirmee(let d), .dejaConfirmee(let d):
            let nom = try await deps.store.organisme(id: d.organisme)?.nom ?? "le CFA"
            let deja: Bool = if case .dejaConfirmee = r { true } else { false }
            let texte =
                deja
                ? "Cette demande a déjà été confirmée le \(dateHeureFR(d.confirmeeLe ?? d.deposeeLe)) et transmise "
                    + "au CFA \(nom). Elle n'est pas envoyée une seconde fois."
                : "Merci : votre demande est transmise au CFA \(nom). Il vous répondra par e-mail ou par téléphone."
            return try await deps.page(
                MessageVue.construire(texte, lien: LienVue(url: "/", libelle: "Revenir à l'accueil")),
                deja ? "Demande déjà confirmée" : "Demande envoyée", request, context)
        case .expiree:
            return try await deps.page(
                MessageVue.construire(
                    "Ce lien a expiré (il est valable 48 heures) : votre demande n'a pas été transmise. Refaites-la "
                        + "depuis la recherche de CFA.",
                    lien: LienVue(url: "/recruter-un-apprenti", libelle: "Rechercher un CFA")),
                "Lien expiré", request, context, status: .gone)
        case .inconnue:
            return try await introuvable(request, context)
        }
    }

    func introuvable(_ request: Request, _ context: ContexteRequete) async throws -> Response {
        try await deps.page(
            MessageVue.construire(
                "Ce lien de confirmation est inconnu ou incomplet : aucune demande n'a été transmise. Vérifiez que "
                    + "vous avez copié l'adresse entière, ou refaites la demande.",
                lien: LienVue(url: "/recruter-un-apprenti", libelle: "Rechercher un CFA")),
            "Lien inconnu", request, context, status: .notFound)
    }
}
