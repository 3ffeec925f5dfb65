import Domain
import Foundation

/// `GET /mission-locale/suivis/:id` (`suivi`): who the young person is and how to reach them, the formation and the
/// CFA with its contacts, the contract that broke, the status timeline, the history of the case (never rewritten),
/// and the outcome form.
struct SuiviVue: VuePage {
    static let gabarit = "suivi"

    struct Etape: Sendable {
        let date: String
        let statut: String
    }

    /// The button that sends (again) the link to the young person's page, and the state of the last invitation.
    struct InvitationVue: Sendable {
        let action: String
        let etat: String?
        let bouton: String
    }

    let titre: String
    let age: Int
    let naissance: String
    let rqth: Bool
    let bandeau: String?
    let horsListe: String?
    let priorites: [String]
    let telephones: [LienVue]
    let courriels: [LienVue]
    let parents: [LienVue]
    let adresse: String?
    let commune: String?
    let codePostal: String?
    let formation: String
    let codesFormation: String
    let datesFormation: String?
    let cfa: String
    let cfaLieu: String?
    let cfaIdentifiants: String?
    let contactsCFA: [LienVue]
    let rupture: String
    let employeur: String?
    let cause: String?
    let contrat: String?
    let frise: String
    let etapes: [Etape]
    let echanges: HistoriqueSuiviVue
    let action: String
    let version: Int64
    let retour: [ChampCacheVue]
    let lienListe: String
    let jointOui: Bool
    let jointNon: Bool
    let situations: [OptionVue]
    let problemes: [OptionVue]
    let commentaire: String
    let dejaConnu: Bool
    let resultatActuel: String?
    /// The mission locale's appointment-booking page (its settings), to give the young person.
    let rdvUrl: String?
    /// « Le jeune a répondu : … le … » (its last answer), and the invitation button (nil without an e-mail address).
    let reponseJeune: String?
    let invitation: InvitationVue?
    /// A rupture the CFA declared, and how the ERP's data compares.
    let declaration: DeclarationRuptureVue?

    static func construire(
        _ s: SuiviStocke, cas: CasSuivi?, effectif es: EffectifStocke?, evenements: [EvenementSuivi],
        organisme: Organisme?, contactsCFA: [ContactOrganisme], missionsLocales: (String) -> String?,
        aujourdhui: Jour, formation: String?, retour: [(String, String)], saisie: [String: String],
        rdvUrl: String? = nil, invitation: InvitationJeune? = nil, luJusqua: Int64? = nil, messageSaisi: String = ""
    ) -> SuiviVue {
        let l = s.ligne
        let e = es?.effectif
        let a = e?.apprenant
        let rupture = cas?.rupture ?? l.rupture
        // The contract that broke on the day of the rupture (the last one broken on or before it).
        let contrat = e?.contrats.last { c in c.dateRupture.map { d in rupture.map { d <= $0 } ?? true } ?? false }
        let jointSaisi = saisie["joint"]
        let resultat = cas?.resultat
        func telephone(_ t: String?) -> LienVue? {
            guard let t, !t.isEmpty else { return nil }
            let numero = t.filter { $0.isNumber || $0 == "+" }
            // 0199000482 → 01 99 00 04 82: read aloud and dialled more easily.
            let lisible =
                numero.count == 10 && numero.allSatisfy(\.isNumber)
                ? stride(from: 0, to: 10, by: 2).map { k in
                    String(numero.dropFirst(k).prefix(2))
                }.joined(separator: " ") : t
            return LienVue(url: "tel:\(numero)", libelle: lisible)
        }
        func courriel(_ c: String?) -> LienVue? {
            guard let c, !c.isEmpty else { return nil }
            return LienVue(url: "mailto:\(c)", libelle: c)
        }
        return SuiviVue(
            titre: "\(l.prenom) \(l.nom.uppercased())", age: ReglesSuivi.age(l.dateDeNaissance, le: aujourdhui),
            naissance: Classeur.dateFrancaise(l.dateDeNaissance), rqth: l.rqth, bandeau: cas?.bandeau?.libelle,
            horsListe: cas == nil
                ? "Ce jeune n'est plus dans la liste de la mission locale aujourd'hui (ses données ont changé) ; "
                    + "sa fiche et son historique restent consultables." : nil,
            priorites: cas?.priorites.map(\.libelle) ?? [],
            telephones: [telephone(a?.telephone)].compactMap { $0 },
            courriels: [courriel(a?.courriel)].compactMap { $0 },
            parents: [courriel(a?.responsableMail1), courriel(a?.responsableMail2)].compactMap { $0 },
            adresse: a?.adresse?.complete, commune: l.communeInsee, codePostal: l.codePostal,
            formation: formation ?? "Formation",
            codesFormation: [l.cfd.map { "CFD \($0)" }, l.rncp.map { $0.hasPrefix("RNCP") ? $0 : "RNCP \($0)" }]
                .compactMap { $0 }.joined(
                    separator: " · "),
            datesFormation: e.map {
                "du \(Classeur.dateFrancaise($0.formation.dateEntree)) au \(Classeur.dateFrancaise($0.formation.dateFin))"
            },
            cfa: organisme?.nom ?? "Organisme \(l.organisme)",
            cfaLieu: organisme.flatMap { o in
                [o.adresse.codePostal, o.adresse.commune].compactMap { $0 }.joined(separator: " ").nonVide
            },
            cfaIdentifiants: organisme.map { o in
                [o.uai.map { "UAI \($0.rawValue)" }, "SIRET \(o.siret.rawValue)"].compactMap { $0 }.joined(
                    separator: " · ")
            },
            contactsCFA: contactsCFA.map { LienVue(url: "mailto:\($0.email)", libelle: "\($0.nom) — \($0.email)") },
            rupture: rupture.map(Classeur.dateFrancaise) ?? "—", employeur: contrat?.siret,
            cause: contrat?.causeRupture,
            contrat: contrat.map { c in
                [
                    c.dateDebut.map { "du \(Classeur.dateFrancaise($0))" },
                    c.dateFin.map { "au \(Classeur.dateFrancaise($0))" },
                ]
                .compactMap { $0 }.joined(separator: " ")
            },
            frise: e.map {
                FriseParcours.svg(
                    l.parcours, debut: $0.formation.dateEntree, fin: $0.formation.dateFin, aujourdhui: aujourdhui)
            } ?? "",
            etapes: l.parcours.etapes.map {
                Etape(
                    date: Classeur.dateFrancaise($0.date),
                    statut: ListesNominatives.libelleStatut(CodeStatut.code($0.valeur)).libelle)
            },
            echanges: HistoriqueSuiviVue.construire(
                evenements, cote: .missionLocale, luJusqua: luJusqua,
                commentaireAction: "/mission-locale/suivis/\(s.id)/commentaires", messageSaisi: messageSaisi,
                missionsLocales: missionsLocales),
            action: "/mission-locale/suivis/\(s.id)", version: s.version, retour: ChampCacheVue.liste(retour),
            lienListe: VueTableau.adresse("/mission-locale", retour),
            jointOui: jointSaisi == "oui", jointNon: jointSaisi == "non",
            situations: ResultatContact.SituationJeune.allCases.map {
                OptionVue(valeur: $0.rawValue, libelle: $0.libelle, selectionne: saisie["situation"] == $0.rawValue)
            },
            problemes: ResultatContact.ProblemeContact.allCases.map {
                OptionVue(valeur: $0.rawValue, libelle: $0.libelle, selectionne: saisie["probleme"] == $0.rawValue)
            },
            commentaire: saisie["commentaire"] ?? "", dejaConnu: saisie["deja_connu"] == "oui",
            resultatActuel: resultat?.libelle, rdvUrl: rdvUrl,
            reponseJeune: s.reponseJeune.map { r in
                "Le jeune a répondu : « \(r.libelle) »"
                    + (s.reponseJeuneLe.map { " le \(dateHeureFR($0))" } ?? "")
                    + (evenements.last { $0.genre == .reponseJeune }?.telephone.map {
                        " · téléphone indiqué : \(telephone($0)?.libelle ?? $0)"
                    } ?? "")
            },
            invitation: courriel(a?.courriel).map { _ in
                InvitationVue(
                    action: "/mission-locale/suivis/\(s.id)/invitation",
                    etat: invitation.map { i in
                        "Invitation envoyée le \(dateHeureFR(i.envoyeeLe)) à \(i.email) ; lien "
                            + (HeureDeParis.jour(i.expireLe) >= aujourdhui
                                ? "valable jusqu'au \(dateFR(i.expireLe))." : "expiré le \(dateFR(i.expireLe)).")
                    },
                    bouton: invitation == nil ? "Inviter le jeune à répondre" : "Inviter à nouveau (nouveau lien)")
            }, declaration: e.flatMap { DeclarationRuptureVue.construire(evenements, effectif: $0, retrait: nil) })
    }
}

extension String {
    /// nil for an empty text.
    var nonVide: String? { isEmpty ? nil : self }
}
