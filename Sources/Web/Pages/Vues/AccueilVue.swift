import Domain

/// `GET /` (`accueil`): the service in a few words (or the signed-in user's shortcuts: only places the account may
/// enter) and today's national counters. An account without indicators (a mission locale today) is told what the
/// service does for it and whom to contact.
struct AccueilVue: VuePage {
    static let gabarit = "accueil"

    struct Tuile: Sendable {
        let url: String
        let titre: String
        let description: String
    }

    /// For an account that sees no indicators: what it can do, whom to ask.
    struct SansIndicateurs: Sendable {
        let type: String
        let texte: String
        let contact: String
    }

    let compteurs: [CompteurVue]
    let dateLongue: String
    let tuiles: [Tuile]
    let sansIndicateurs: SansIndicateurs?

    static func construire(compteurs: Compteurs, aujourdhui: Jour, identite i: Identite? = nil, contact: String = "")
        -> AccueilVue
    {
        AccueilVue(
            compteurs: CompteurVue.construire(compteurs), dateLongue: Web.dateLongue(aujourdhui),
            tuiles: i.map(Self.tuiles) ?? [],
            sansIndicateurs: i.flatMap { i in
                i.peutVoirIndicateurs
                    ? nil
                    : SansIndicateurs(
                        type: i.organisation.type.libelle, texte: Self.texte(i), contact: contact)
            })
    }

    static func tuiles(_ i: Identite) -> [Tuile] {
        var t: [Tuile] = []
        if i.peutVoirIndicateurs {
            let listes = IndicateurListe.allCases.contains { i.peutVoirListe($0) }
            t.append(
                Tuile(
                    url: "/indicateurs", titre: "Mes indicateurs",
                    description: "Les effectifs de votre périmètre (\(i.droits.perimetre(.voirIndicateurs).libelle)) "
                        + "à toute date, par territoire, organisme et formation"
                        + (listes ? ", et les listes nominatives." : ".")))
        }
        if i.peutSuivreJeunes {
            t.append(
                Tuile(
                    url: "/mission-locale", titre: "Jeunes en rupture",
                    description: "Les jeunes de votre territoire dont le contrat d'apprentissage a été rompu : "
                        + "à traiter, à recontacter, déjà traités."))
        }
        if let id = i.organismeAccueil {
            t.append(
                Tuile(
                    url: "/organismes/\(id)", titre: "Mon organisme",
                    description: "Vos apprenants, leurs parcours, vos formations"
                        + (i.droits.peut(.voirTransmissions) ? " et l'état de vos transmissions." : ".")))
        }
        t.append(
            Tuile(
                url: "/ma-structure", titre: "Ma structure",
                description: "Les membres de votre organisation et les invitations"
                    + (i.droits.peut(.configurerTransmission) && i.gereOrganisation ? ", les clés d'API." : ".")))
        t.append(Tuile(url: "/mon-compte", titre: "Mon compte", description: "Vos informations et votre mot de passe."))
        if i.peutAdministrer {
            t.append(
                Tuile(
                    url: "/admin/utilisateurs", titre: "Administration",
                    description:
                        "Les comptes, les organisations, les e-mails, le journal et la bannière de maintenance."))
        }
        return t
    }

    static func texte(_ i: Identite) -> String {
        switch i.organisation.type {
        case .missionLocale where i.peutSuivreJeunes:
            "Les jeunes de votre territoire dont le contrat d'apprentissage a été rompu sont dans « Jeunes en "
                + "rupture », dès que leur CFA transmet la rupture : appelez-les et notez le résultat de chaque "
                + "contact."
        case .missionLocale:
            "Votre organisation n'est pas encore rattachée à une mission locale du référentiel : l'équipe du service "
                + "peut la rattacher pour que vous receviez la liste des jeunes en rupture de votre territoire. D'ici "
                + "là, vous pouvez consulter les indicateurs nationaux et gérer les membres de votre structure."
        default:
            "Votre type d'organisation n'a pas accès aux indicateurs d'un périmètre. Vous pouvez consulter les "
                + "indicateurs nationaux et gérer les membres de votre structure."
        }
    }
}
