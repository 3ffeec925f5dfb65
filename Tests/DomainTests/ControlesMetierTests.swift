import Domain
import Foundation
import Outils
import TestSupport
import Testing

struct ControlesMetierTests {
    let orga = Organisme(id: OrganismeID(1), uai: UAI("0802004U"), siret: SIRET("77937827200016")!, nom: "CFA")

    func dossier(_ v: JSONValue) throws -> DossierApprenant {
        guard case .valide(let d) = DecodeurDossier.decoder(v) else { throw CancellationError() }
        return d
    }

    @Test func invalidPayload2BusinessErrors() throws {
        let d = try dossier(json(dossierInvalideExemple2))
        #expect(ControlesMetier.verifier(d, formateur: nil, responsable: orga) == erreursExemple2)
    }

    @Test func endBeforeStartOnlyWhenBothOrganismesExist() throws {
        let d = try dossier(item(["date_fin_formation": .string("2024-06-30")]))
        #expect(
            ControlesMetier.verifier(d, formateur: orga, responsable: orga)
                == [
                    .init(
                        "date_fin_formation",
                        "La date de fin de formation doit être supérieure à la date d'entrée en formation")
                ])
        #expect(ControlesMetier.verifier(d, formateur: nil, responsable: orga).count == 1)
    }

    @Test func incompleteSecondContractNamesItsSuffixedFields() throws {
        let d = try dossier(item(["contrat_date_fin_2": .string("2025-06-30")]))
        #expect(
            ControlesMetier.verifier(d, formateur: orga, responsable: orga) == [
                .init(
                    path: ["contrat_date_fin_2"],
                    message:
                        "Information de contrat incomplète : contrat_date_debut_2 manquant mais ce champ est renseigné"),
                .init(
                    path: ["contrat_date_debut_2"],
                    message:
                        "Information de contrat incomplète : contrat_date_fin_2, cause_rupture_contrat_2 ou contrat_date_rupture_2 nécessite la présence de contrat_date_debut_2"
                ),
            ])
    }
}
