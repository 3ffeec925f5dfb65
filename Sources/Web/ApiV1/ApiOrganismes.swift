import Domain
import Outils
import Foundation
import Hummingbird

/// `GET /api/v1/organismes/:id`: an organisme's card, for those whose perimeter includes it.
struct ApiOrganismes {
    let deps: Dependances

    func ajouter(a router: Router<ContexteRequete>) {
        router.get("/api/v1/organismes/:id") { _, context -> Response in
            let i = try context.exigerIdentite()
            guard let id = context.parameters.get("id", as: Int64.self),
                let o = try await deps.store.organisme(id: OrganismeID(id)),
                i.droits.perimetre(.voirIndicateurs).inclut(o) || i.droits.perimetre(.voirTransmissions).inclut(o)
            else {
                // The same answer for an organisme that does not exist and one outside the perimeter.
                throw ErreurComptes.interdit
            }
            let a = o.adresse
            return .json(JSONTexte.ecrire(.objet([
                ("id", .texte(o.id.description)), ("uai", .texte(o.uai?.rawValue)), ("siret", .texte(o.siret.rawValue)),
                ("nom", .texte(o.nom)), ("nature", .texte(o.nature.rawValue)),
                ("adresse", .objet([("code_postal", .texte(a.codePostal)), ("commune", .texte(a.commune)),
                                    ("departement", .texte(a.departement)), ("region", .texte(a.region)),
                                    ("academie", .texte(a.academie))])),
                ("reseaux", .liste(o.reseaux.map { .texte($0) })), ("fiable", .booleen(o.fiable)), ("ferme", .booleen(o.ferme)),
                ("first_transmission_date", .texte(o.firstTransmissionDate.map(horodatageISO))),
                ("last_transmission_date", .texte(o.lastTransmissionDate.map(horodatageISO))),
            ])))
        }
    }
}
