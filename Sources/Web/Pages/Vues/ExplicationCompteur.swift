import Domain

/// What a named list says about its count: it equals the counter of the indicators page it comes from, or why not.
enum ExplicationCompteur {
    static func texte(
        indicateur: IndicateurListe, compteur: Int, total: Int, statut: String?, recherche: String?,
        perimetreListe: Perimetre, perimetreIndicateurs: Perimetre
    ) -> String {
        let nomCompteur = VueTableau.colonnes.first { $0.cle == indicateur.rawValue }?.libelle ?? indicateur.libelle
        let compteurTexte =
            "le compteur « \(nomCompteur) » de la page Indicateurs en compte \(nombre(compteur)) avec les mêmes filtres"
        if let recherche {
            return "La recherche « \(recherche) » ne garde que \(nombre(total)) apprenant(s) de cette liste ; "
                + compteurTexte + "."
        }
        if let statut {
            return "Cette liste ne garde que les \(statut.lowercased()) (\(nombre(total))) ; " + compteurTexte
                + ", tous les statuts de la liste réunis."
        }
        if total == compteur {
            return "Cette liste compte \(nombre(total)) apprenant(s), comme le compteur « \(nomCompteur) » "
                + "de la page Indicateurs avec les mêmes filtres."
        }
        let ecart = compteur - total
        if perimetreListe != perimetreIndicateurs && ecart > 0 {
            let qui: String
            if case .organismes = perimetreListe {
                qui =
                    "ceux des organismes formateurs dont vous partagez la responsabilité avec un autre organisme : "
                    + "vous voyez leurs chiffres, pas leurs noms"
            } else {
                qui = "ceux des organismes hors du périmètre de vos listes nominatives"
            }
            return "Cette liste compte \(nombre(total)) apprenant(s) ; " + compteurTexte
                + " sur votre périmètre d'indicateurs (\(perimetreIndicateurs.libelle)). Les \(nombre(ecart)) "
                + "apprenant(s) d'écart sont \(qui) (\(perimetreListe.libelle))."
        }
        return "Cette liste compte \(nombre(total)) apprenant(s) ; " + compteurTexte
            + " : des dossiers ont changé entre les deux lectures, rechargez la page."
    }
}
