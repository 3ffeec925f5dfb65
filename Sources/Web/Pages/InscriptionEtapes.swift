import Domain
import Foundation
import Hummingbird

/// The sign-up in three steps (`InscriptionVue`), without JavaScript: `GET /inscription` shows step 1 (the type),
/// `?type=` step 2 (the fields of that type), `?type=…&etape=verifier` checks them and shows step 3 (the
/// organisation found, its address, the person's fields) or step 2 again with what is wrong; `POST /inscription`
/// checks everything again and creates the request.
struct InscriptionEtapes {
    let deps: Dependances
    static let titre = "Créer un compte"

    func demande(_ champs: [String: String]) -> DemandeInscription {
        func v(_ c: String) -> String { champs[c] ?? "" }
        return DemandeInscription(
            type: v("type_organisation").isEmpty ? v("type") : v("type_organisation"), identifiant: v("identifiant"),
            region: v("region"), departement: v("departement"), academie: v("academie"), reseau: v("reseau"),
            email: v("email"), nom: v("nom"), prenom: v("prenom"), motDePasse: v("mot_de_passe"),
            confirmation: v("confirmation"), organisme: v("organisme"), missionLocale: v("mission_locale"))
    }

    func page(_ request: Request, _ context: ContexteRequete) async throws -> Response {
        var champs: [String: String] = [:]
        for (k, v) in request.uri.queryParameters where champs[String(k)] == nil {
            champs[String(k)] = String(v).trimmingCharacters(in: .whitespaces)
        }
        let d = demande(champs)
        if d.type.isEmpty || champs["changer"] != nil {
            return try await deps.page(InscriptionVue.etapeType(choisi: d.type), Self.titre, request, context)
        }
        guard let type = TypeOrganisation(rawValue: d.type), TypeOrganisation.inscriptibles.contains(type) else {
            return try await deps.page(
                InscriptionVue.etapeType(), Self.titre, request, context,
                erreurs: [ErreurSaisie("type_organisation", "Type d'organisation : choisissez un type de la liste")])
        }
        guard champs["etape"] == "verifier" || type.ancrage == .national else {
            return try await etape2(type, d, request, context)
        }
        return try await resoudre(type, d, request, context)
    }

    /// Step 2, with the errors of a first try or the organismes sharing a UAI.
    func etape2(
        _ type: TypeOrganisation, _ d: DemandeInscription, _ request: Request, _ context: ContexteRequete,
        choix: [Organisme] = [], erreurs: [ErreurSaisie] = []
    ) async throws -> Response {
        let missionsLocales = type == .missionLocale ? try await deps.store.missionsLocales() : []
        let recherche = (request.uri.queryParameters["recherche"].map(String.init) ?? "").trimmingSpaces()
        return try await deps.page(
            InscriptionVue.etapeOrganisation(
                type, d, missionsLocales: missionsLocales, recherche: String(recherche.prefix(100)), choix: choix),
            Self.titre, request, context, erreurs: erreurs)
    }

    /// Steps 2 → 3: the organisation found, or step 2 again.
    func resoudre(
        _ type: TypeOrganisation, _ d: DemandeInscription, _ request: Request, _ context: ContexteRequete,
        erreurs personnelles: [ErreurSaisie] = []
    ) async throws -> Response {
        switch try await deps.comptes.resoudre(d) {
        case .erreurs(let erreurs): return try await etape2(type, d, request, context, erreurs: erreurs)
        case .aChoisir(let choix):
            return try await etape2(
                type, d, request, context, choix: choix,
                erreurs: d.organisme.isEmpty && personnelles.isEmpty
                    ? []
                    : [ErreurSaisie("organisme", "Organisme : choisissez le vôtre parmi ceux qui partagent cet UAI")])
        case .trouvee(let t):
            return try await deps.page(
                InscriptionVue.etapeConfirmation(d, t), Self.titre, request, context, erreurs: personnelles)
        }
    }

    func envoyer(_ request: Request, _ context: ContexteRequete) async throws -> Response {
        let f = try await Formulaire.lire(request)
        let d = demande(f.champs)
        try await deps.limiter(.inscription, request, context, [.email: f["email"].trimmingSpaces().lowercased()])
        guard let type = TypeOrganisation(rawValue: d.type), TypeOrganisation.inscriptibles.contains(type) else {
            return try await deps.page(
                InscriptionVue.etapeType(), Self.titre, request, context,
                erreurs: [ErreurSaisie("type_organisation", "Choisissez le type de votre organisation")])
        }
        do {
            try await deps.comptes.inscrire(d)
        } catch ErreurComptes.saisie(let erreurs) {
            var sansMotDePasse = d
            sansMotDePasse.motDePasse = ""
            sansMotDePasse.confirmation = ""
            return try await resoudre(type, sansMotDePasse, request, context, erreurs: erreurs)
        }
        return try await deps.page(
            MessageVue.construire(
                "Si l'adresse est valide, un message vient d'y être envoyé : suivez le lien qu'il contient pour "
                    + "confirmer votre adresse. Votre demande sera ensuite examinée, et vous recevrez un e-mail dès "
                    + "qu'elle sera validée."
            ), "Vérifiez votre messagerie", request, context)
    }
}
