import Foundation
import Mustache
import Testing

@testable import Domain
@testable import Web

/// View models read by name without reflection (`MustacheParent`) must expose every stored property: a field added
/// to the struct but forgotten in `child(named:)` would silently render nothing.
struct ChampsMustacheTests {
    /// Each stored property of `valeur` is readable by its name, with the same value (an absent optional as itself,
    /// `nil` or `false`).
    func verifier(_ valeur: some MustacheParent) {
        for enfant in Mirror(reflecting: valeur).children {
            guard let nom = enfant.label else { continue }
            let lu = valeur.child(named: nom)
            let attendu: Any? =
                Mirror(reflecting: enfant.value).displayStyle == .optional
                ? Mirror(reflecting: enfant.value).children.first?.value : enfant.value
            #expect(
                String(describing: lu ?? "absent") == String(describing: attendu ?? lu ?? "absent"),
                "\(type(of: valeur)).\(nom)")
            if attendu != nil { #expect(lu != nil, "\(type(of: valeur)).\(nom) illisible") }
        }
        #expect(valeur.child(named: "inconnu") == nil)
    }

    @Test func hotRowsExposeEveryField() {
        verifier(OptionVue(valeur: "32", libelle: "Hauts-de-France", selectionne: true))
        verifier(
            TableauIndicateursVue.Ligne(libelle: "Somme", code: "80", lien: "/organismes/1", cellules: ["1", "2"]))
        verifier(TableauIndicateursVue.Entete(libelle: "Apprentis", lien: "?tri=apprentis", tri: "descending"))
        verifier(EvolutionVue.Mois(mois: "mars 2025", cellules: ["3"]))
        verifier(
            ListeApprenantsVue.Ligne(
                nom: "Dupont", prenom: "Jeanne", naissance: "01/04/2005", organisme: "CFA",
                lienOrganisme: "/organismes/7",
                formation: "BTS",
                statut: "Apprenti", statutCle: "apprenti", frise: "<svg/>", courriel: "j@exemple.fr",
                telephone: "0600000000",
                transmis: "02/09/2024"))
        verifier(
            TransmetteursVue.Ligne(
                id: "7", lien: "/organismes/7", nom: "CFA", uai: "0802004U", departement: "80", derniere: "jamais",
                etat: "n'a jamais transmis", etatCle: "jamais"))
        verifier(PaginationVue.Element(numero: 2, lien: "?page=2", courante: true, ellipse: false))
        verifier(
            SitesVue.Ligne(
                id: "7", nom: "CFA", uai: "0802004U", siret: "77937827200016", commune: "Amiens (80)",
                nature: "Formateur", cellules: ["1"], compteurs: Compteurs(apprenants: 1)))
        verifier(
            ListeApprenantsVue.construire(
                ListesNominatives.Ecran(numero: 1, recherche: "", total: 120, lignes: []),
                aujourdhui: Jour(year: 2024, month: 10, day: 15),
                contacts: true, query: [], chemin: "/listes/apprentis", lienOrganisme: { "/organismes/\($0)" },
                champsCaches: [("date", "2024-10-15")]))
        verifier(LienVue(url: "/cfa/ruptures?page=2", libelle: "2"))
        for (horsChamp, missionLocale) in [("Hors champ : âge", nil), (nil, "Mission locale d'Amiens")] {
            verifier(
                RupturesCFAVue.Ligne(
                    url: "/cfa/ruptures/7", nom: "MARTIN Léa", formation: "BTS", rupture: "10/03/2025", age: 19,
                    statut: "À signaler", horsChamp: horsChamp, missionLocale: missionLocale, nonLu: true,
                    declaree: false))
        }
        verifier(
            RupturesCFAVue.construire(
                tous: [], affiches: [], page: 1, nombrePages: 1, query: [], nonLus: [], formation: { _, _ in nil },
                missionsLocales: [:], envoiAutomatique: ParametresEnvoiAutomatique(actif: true, jours: 45)))
        verifier(
            LayoutVue.construire(titre: "Accueil", base: BasePage(identite: nil, csrf: "x", banniereMaintenance: "b")))
    }

    @Test func absentLinkAndSortStopAtTheRow() {
        #expect(
            TableauIndicateursVue.Ligne(libelle: "Somme", code: "80", lien: nil, cellules: []).child(named: "lien")
                as? Bool == false)
        #expect(
            TableauIndicateursVue.Entete(libelle: "Apprentis", lien: "?", tri: nil).child(named: "tri") as? Bool
                == false)
    }
}
