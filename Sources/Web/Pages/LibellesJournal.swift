/// The French label of each action of the audit log (`/admin/journal`); an action without label shows its code.
enum LibellesJournal {
    static let libelles: [String: String] = [
        "acces_nominatif": "Consultation d'une liste nominative",
        "administrateur_cree": "Administrateur créé",
        "apprenant_efface": "Données d'un apprenant effacées",
        "apprenant_efface_retransmis": "Apprenant effacé transmis de nouveau",
        "apprenant_export": "Données d'un apprenant exportées",
        "cle_api_creee": "Clé d'API créée",
        "cle_api_expiree": "Clé d'API expirée (inutilisée)",
        "cle_api_revoquee": "Clé d'API révoquée",
        "compte_averti_inactivite": "Compte averti d'inactivité",
        "compte_reactive": "Compte réactivé",
        "compte_refuse": "Demande de compte refusée",
        "compte_supprime": "Compte supprimé",
        "compte_suspendu": "Compte suspendu",
        "compte_suspendu_inactivite": "Compte suspendu pour inactivité",
        "compte_valide": "Compte validé",
        "ecrasement_autre_source": "Effectif écrasé par une autre source",
        "email_confirme": "Adresse e-mail confirmée",
        "import_formations": "Import du catalogue des formations",
        "import_organismes": "Import du référentiel des organismes",
        "incarnation_debut": "Début de consultation en tant qu'une organisation",
        "incarnation_fin": "Fin de consultation en tant qu'une organisation",
        "inscription": "Demande de compte",
        "invitation": "Invitation envoyée",
        "invitation_acceptee": "Invitation acceptée",
        "journal_export": "Export du journal",
        "maintenance_affichee": "Bannière de maintenance affichée",
        "maintenance_retiree": "Bannière de maintenance retirée",
        "mot_de_passe_change": "Mot de passe changé",
        "mot_de_passe_reinitialise": "Mot de passe réinitialisé",
        "purge": "Purge des données anciennes",
        "purge_simulee": "Purge simulée",
        "role_change": "Rôle changé",
    ]

    static func libelle(_ action: String) -> String { libelles[action] ?? action }
}
