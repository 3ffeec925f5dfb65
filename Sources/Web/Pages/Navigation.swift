import Domain

/// The addresses pages link to, each with the condition under which it is shown: the same condition as the page's
/// own access check (`Identite+Acces.swift`), so that no link leads to a refusal.
enum Navigation {
    /// The main navigation.
    static func principale(_ i: Identite?, nonLus: Int? = nil, demandesNouvelles: Int? = nil)
        -> [(url: String, libelle: String)]
    {
        let nouveautes = (nonLus ?? 0) > 0 ? " (\(nonLus ?? 0) non lu\((nonLus ?? 0) > 1 ? "s" : ""))" : ""
        var liens: [(url: String, libelle: String)] = [
            ("/", "Accueil"), ("/indicateurs/national", "Indicateurs nationaux"),
            ("/recruter-un-apprenti", "Recruter un apprenti"),
        ]
        if let i {
            if i.peutVoirIndicateurs { liens.append(("/indicateurs", "Mes indicateurs")) }
            if let id = i.organismeAccueil { liens.append(("/organismes/\(id)", "Mon organisme")) }
            if i.peutSuivreJeunes { liens.append(("/mission-locale", "Jeunes en rupture" + nouveautes)) }
            if i.organismesEnCollaboration != nil { liens.append(("/cfa/ruptures", "Jeunes en rupture" + nouveautes)) }
            if i.organismesEnCollaboration != nil {
                let n = demandesNouvelles ?? 0
                liens.append(
                    (
                        "/cfa/entreprises",
                        "Demandes d'entreprises" + (n > 0 ? " (\(n) nouvelle\(n > 1 ? "s" : ""))" : "")
                    ))
            }
            if i.peutVoirStatistiquesSuivi { liens.append(("/suivi/statistiques", "Statistiques du suivi")) }
            if i.peutVoirStatistiquesEntreprises {
                liens.append(("/entreprises/statistiques", "Entreprises qui recrutent"))
            }
        }
        liens.append(("/api/docs", "API"))
        return liens
    }

    /// The account menu (signed in), or the sign-in and sign-up links.
    static func compte(_ i: Identite?) -> [(url: String, libelle: String)] {
        guard let i else { return [("/connexion", "Se connecter"), ("/inscription", "Créer un compte")] }
        var liens: [(url: String, libelle: String)] = [
            ("/mon-compte", "Mon compte"), ("/ma-structure", "Ma structure"),
        ]
        if i.missionLocaleParametrable != nil {
            liens.append(("/mission-locale/parametres", "Paramètres de la mission locale"))
        }
        if i.organismeParametrableEntreprises != nil {
            liens.append(("/cfa/entreprises/parametres", "Recherche des entreprises"))
        }
        if i.peutAdministrer { liens.append(("/admin/utilisateurs", "Administration")) }
        return liens
    }

    /// What a French public service shows at the foot of every page.
    static let piedDePage: [(url: String, libelle: String)] = [
        ("/accessibilite", "Accessibilité : non conforme"), ("/mentions-legales", "Mentions légales"),
        ("/donnees-personnelles", "Données personnelles"), ("/contact", "Contact"),
    ]

    /// Whether a link points to the page shown (the home page only for itself; a section for its sub-pages).
    static func estActif(_ url: String, chemin: String) -> Bool {
        if url == "/" || url == "/indicateurs" { return chemin == url }
        if url.hasPrefix("/admin/") { return chemin.hasPrefix("/admin/") }
        // The settings of a mission locale are in the account menu, not in its work list's section.
        if chemin == "/mission-locale/parametres" { return url == chemin }
        return chemin == url || chemin.hasPrefix(url + "/")
    }

    /// An organisme's page, when this account may open it.
    static func organisme(_ o: Organisme, _ i: Identite?) -> String? {
        guard let i, i.peutOuvrir(o) else { return nil }
        return "/organismes/\(o.id)"
    }

    /// An organisme's transmissions, when this account may see them.
    static func transmissions(_ o: Organisme, _ i: Identite?) -> String? {
        guard let i, i.peutVoirTransmissions(de: o) else { return nil }
        return "/organismes/\(o.id)/transmissions"
    }
}
