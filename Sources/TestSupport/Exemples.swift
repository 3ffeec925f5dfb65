import Domain
import Foundation
import Outils

/// The payloads of domain.md §2.5 and a builder of valid items, shared by every test target.

/// Decodes JSON text into a `JSONValue` (what the HTTP layer hands to ingestion).
public func json(_ text: String) -> JSONValue {
    try! JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
}

/// The valid payload of domain.md §2.5.
public let dossierValideExemple = """
    {
      "nom_apprenant": "Martin", "prenom_apprenant": "Léa", "date_de_naissance_apprenant": "2006-04-12",
      "annee_scolaire": "2024-2025", "id_erp_apprenant": "YP-000123", "statut_apprenant": 3,
      "date_metier_mise_a_jour_statut": "2024-10-01T00:00:00.000Z", "ine_apprenant": "123456789ab",
      "email_contact": "lea.martin@example.org", "tel_apprenant": "06 28 00 00 00",
      "nir_apprenant": "2 06 04 75 123 456 78", "sexe_apprenant": "F", "rqth_apprenant": false,
      "adresse_apprenant": "12 rue des Lilas 80000 Amiens", "code_postal_apprenant": "80000",
      "code_commune_insee_apprenant": "80021", "code_postal_de_naissance_apprenant": "75012",
      "formation_cfd": "50022141", "formation_rncp": "35316", "annee_formation": 1,
      "duree_theorique_formation_mois": 24, "formation_presentielle": true,
      "date_inscription_formation": "2024-06-20", "date_entree_formation": "2024-09-02",
      "date_fin_formation": "2026-06-30", "contrat_date_debut": "2024-10-01", "contrat_date_fin": "2026-08-31",
      "siret_employeur": "552 120 222 00013", "etablissement_responsable_uai": "0802004U",
      "etablissement_responsable_siret": "77937827200016", "etablissement_formateur_uai": "0802004u",
      "etablissement_formateur_siret": "779.378.272.00016", "etablissement_lieu_de_formation_uai": "0802004U",
      "etablissement_lieu_de_formation_code_postal": "80000", "derniere_situation": "3103",
      "dernier_organisme_uai": "995", "type_cfa": 7
    }
    """

/// Invalid payload #1 of domain.md §2.5.
public let dossierInvalideExemple1 = """
    {
      "nom_apprenant": "Dupont", "prenom_apprenant": "Jules", "date_de_naissance_apprenant": "12/03/2005",
      "annee_scolaire": "2024-2026", "id_erp_apprenant": "A-77", "statut_apprenant": 1,
      "email_contact": "jules.dupont@", "code_postal_apprenant": "7500A", "sexe_apprenant": "X",
      "date_inscription_formation": "2024-09-02", "date_entree_formation": "2024-09-02",
      "etablissement_responsable_uai": "080200U", "etablissement_responsable_siret": "7793782720001",
      "etablissement_formateur_uai": "0802004U", "etablissement_formateur_siret": "779 378 272 00016",
      "formation_cfd": "5002214"
    }
    """

public let erreursExemple1: [ErreurValidation] = [
    .init("date_de_naissance_apprenant", "Date invalide"),
    .init(
        "annee_scolaire",
        "Format invalide (format attendu : 2023-2024). Les années doivent être consécutives ou identiques (ex : 2023-2024 ou 2023-2023)"
    ),
    .init("statut_apprenant", "Valeurs possibles: 0,2,3"),
    .init("email_contact", "Email non valide"),
    .init("code_postal_apprenant", "Le code postal doit faire 5 caractères numériques exactement"),
    .init("sexe_apprenant", "M, H ou F attendu"),
    .init("date_fin_formation", "Champ obligatoire"),
    .init("etablissement_responsable_uai", "UAI invalide"),
    .init("etablissement_responsable_siret", "Siret invalide. Format attendu : 14 chiffres"),
    .init("formation_cfd", "Code CFD invalide"),
]

/// Invalid payload #2 of domain.md §2.5 (valid fields, business errors).
public let dossierInvalideExemple2 = """
    {
      "nom_apprenant": "Durand", "prenom_apprenant": "Inès", "date_de_naissance_apprenant": "2005-01-20",
      "annee_scolaire": "2024-2025", "id_erp_apprenant": "X-9",
      "date_inscription_formation": "2024-09-02", "date_entree_formation": "2024-09-02", "date_fin_formation": "2025-06-30",
      "contrat_date_rupture": "2025-01-10", "cause_rupture_contrat": "démission",
      "etablissement_responsable_uai": "0802004U", "etablissement_responsable_siret": "77937827200016",
      "etablissement_formateur_uai": "0999999Z", "etablissement_formateur_siret": "12345678901234"
    }
    """

public let erreursExemple2: [ErreurValidation] = [
    .init(
        path: ["etablissement_formateur_uai", "etablissement_formateur_siret"],
        message: "organisme formateur non trouvé"),
    .init(
        path: ["cause_rupture_contrat", "contrat_date_rupture"],
        message: "Information de contrat incomplète : contrat_date_debut manquant mais ce champ est renseigné"),
    .init(
        path: ["contrat_date_debut"],
        message:
            "Information de contrat incomplète : contrat_date_fin, cause_rupture_contrat ou contrat_date_rupture nécessite la présence de contrat_date_debut"
    ),
]

/// A minimal valid item with the given fields replaced (`nil` removes a field).
public func item(_ changes: [String: JSONValue?] = [:]) -> JSONValue {
    var o: [String: JSONValue] = [
        "nom_apprenant": .string("Martin"), "prenom_apprenant": .string("Léa"),
        "date_de_naissance_apprenant": .string("2006-04-12"), "annee_scolaire": .string("2024-2025"),
        "id_erp_apprenant": .string("ID-1"), "date_inscription_formation": .string("2024-06-20"),
        "date_entree_formation": .string("2024-09-02"), "date_fin_formation": .string("2026-06-30"),
        "etablissement_responsable_uai": .string("0802004U"),
        "etablissement_responsable_siret": .string("77937827200016"),
        "etablissement_formateur_uai": .string("0802004U"), "etablissement_formateur_siret": .string("77937827200016"),
    ]
    for (k, v) in changes {
        if let v { o[k] = v } else { o.removeValue(forKey: k) }
    }
    return .object(o)
}
