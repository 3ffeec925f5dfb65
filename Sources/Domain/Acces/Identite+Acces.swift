/// Where a signed-in account may go: the one place that decides both whether a page opens and whether a link to
/// it is shown (navigation, home tiles, table links). A link is shown only when its target would open.
extension Identite {
    /// `/indicateurs`: the indicators of its perimeter.
    public var peutVoirIndicateurs: Bool { droits.peut(.voirIndicateurs) }
    /// A mission locale's users: its young people in rupture (`/mission-locale`).
    public var peutSuivreJeunes: Bool { droits.peut(.suiviMissionLocale) }

    /// `/organismes/:id`: an organisme inside its indicators' perimeter.
    public func peutOuvrir(_ o: Organisme) -> Bool { droits.perimetre(.voirIndicateurs).inclut(o) }

    /// `/organismes/:id/transmissions`: inside its transmissions' perimeter (wider than its indicators' for the
    /// State's services: the page then links back to the organisme only when `peutOuvrir`).
    public func peutVoirTransmissions(de o: Organisme) -> Bool { droits.perimetre(.voirTransmissions).inclut(o) }

    /// `/listes/:indicateur`: the named list over its whole perimeter.
    public func peutVoirListe(_ l: IndicateurListe) -> Bool { droits.peut(l.capacite) }

    /// The named list of one organisme (downloads of an organisme's page, names of rejected learners).
    public func peutVoirListe(_ l: IndicateurListe, de o: Organisme) -> Bool { droits.perimetre(l.capacite).inclut(o) }

    /// `/cfa/ruptures`: a training organisation's young people in rupture and its requests to the missions locales
    /// (F17): its organisme and the formateurs it fully owns, the perimeter of its list of rupturants.
    public var organismesEnCollaboration: Set<OrganismeID>? {
        guard organisation.type == .organismeFormation,
            case .organismes(let ids) = droits.perimetre(.listeRupturants), !ids.isEmpty
        else { return nil }
        return ids
    }

    /// `/suivi/statistiques`: the follow-up statistics of the missions locales of its perimeter (counts only).
    public var peutVoirStatistiquesSuivi: Bool { droits.peut(.statistiquesSuivi) }
    /// `/entreprises/statistiques`: the companies' searches and requests of its perimeter (counts only).
    public var peutVoirStatistiquesEntreprises: Bool { droits.peut(.statistiquesEntreprises) }

    /// `/mission-locale/parametres`: the users of a mission locale (its own settings), the code of their mission locale.
    public var missionLocaleParametrable: String? {
        if case .missionLocale(let code) = droits.perimetre(.suiviMissionLocale) { code } else { nil }
    }

    /// `/admin/…`: a platform administrator who is not impersonating someone (the admin menu is hidden meanwhile).
    public var peutAdministrer: Bool { estAdministrateurPlateforme && !incarne }

    /// "Mon organisme": the organisme of its organisation, when it may open it.
    public var organismeAccueil: OrganismeID? {
        guard let id = organisation.organisme else { return nil }
        switch droits.perimetre(.voirIndicateurs) {
        case .national: return id
        case .organismes(let ids): return ids.contains(id) ? id : nil
        default: return nil
        }
    }

    /// What it can see, in words, one line per kind of data (error pages, home of an account without indicators).
    public var perimetreEnMots: [String] {
        var lignes: [String] = []
        let p = droits.perimetre(.voirIndicateurs)
        if !p.estVide { lignes.append("les indicateurs : \(p.libelle)") }
        let t = droits.perimetre(.voirTransmissions)
        if !t.estVide { lignes.append("l'état des transmissions des organismes : \(t.libelle)") }
        for l in IndicateurListe.allCases {
            let pl = droits.perimetre(l.capacite)
            if !pl.estVide { lignes.append("la liste nominative « \(l.libelle.lowercased()) » : \(pl.libelle)") }
        }
        if organisation.type == .missionLocale {
            lignes.append(
                organisation.missionLocale == nil
                    ? "aucun jeune : son organisation n'est rattachée à aucune mission locale du référentiel"
                    : "les jeunes en rupture de contrat qui résident sur le territoire de sa mission locale : "
                        + organisation.nom)
        }
        if droits.peut(.configurerTransmission) { lignes.append("les clés d'API de son organisme") }
        if peutAdministrer { lignes.append("l'administration du service") }
        let s = droits.perimetre(.statistiquesSuivi)
        if !s.estVide { lignes.append("les statistiques du suivi des missions locales : \(s.libelle)") }
        let e = droits.perimetre(.statistiquesEntreprises)
        if !e.estVide { lignes.append("les statistiques des entreprises qui recrutent : \(e.libelle)") }
        return lignes
    }
}
