import Domain
import Foundation
import Hummingbird
import Outils

/// `GET /api/v1/organismes/:id`: an organisme's card, for those whose perimeter includes it.
struct ApiOrganismes {
    let deps: Dependances

    @Sendable func fiche(_ request: Request, context: ContexteRequete, identite i: Identite) async throws -> Response {
        guard let id = context.parameters.get("id", as: Int64.self),
            let o = try await deps.store.organisme(id: OrganismeID(id)),
            i.droits.perimetre(.voirIndicateurs).inclut(o) || i.droits.perimetre(.voirTransmissions).inclut(o)
        else {
            // The same answer for an organisme that does not exist and one outside the perimeter.
            throw ErreurComptes.interdit
        }
        return try .json(FicheOrganisme(o))
    }
}

/// The answer of `GET /api/v1/organismes/:id`.
struct FicheOrganisme: Encodable {
    struct Adresse: Encodable {
        @OuNull var codePostal: String?
        @OuNull var commune: String?
        @OuNull var departement: String?
        @OuNull var region: String?
        @OuNull var academie: String?

        enum CodingKeys: String, CodingKey {
            case codePostal = "code_postal"
            case commune, departement, region, academie
        }
    }

    let id: String
    @OuNull var uai: String?
    let siret: String
    let nom: String
    let nature: String
    let adresse: Adresse
    let reseaux: [String]
    let fiable: Bool
    let ferme: Bool
    @OuNull var firstTransmissionDate: String?
    @OuNull var lastTransmissionDate: String?

    enum CodingKeys: String, CodingKey {
        case id, uai, siret, nom, nature, adresse, reseaux, fiable, ferme
        case firstTransmissionDate = "first_transmission_date"
        case lastTransmissionDate = "last_transmission_date"
    }

    init(_ o: Organisme) {
        let a = o.adresse
        id = o.id.description
        uai = o.uai?.rawValue
        siret = o.siret.rawValue
        nom = o.nom
        nature = o.nature.rawValue
        adresse = Adresse(
            codePostal: a.codePostal, commune: a.commune, departement: a.departement, region: a.region,
            academie: a.academie)
        reseaux = o.reseaux
        fiable = o.fiable
        ferme = o.ferme
        firstTransmissionDate = o.firstTransmissionDate.map(horodatageISO)
        lastTransmissionDate = o.lastTransmissionDate.map(horodatageISO)
    }
}
