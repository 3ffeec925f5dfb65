import Domain
import Foundation

/// `GET /recruter-un-apprenti` (`recruter-un-apprenti`): the public search of CFAs by trade and territory, its form,
/// the trades to choose from, a sector's trades, the results or why there are none.
struct RecruterUnApprentiVue: VuePage {
    static let gabarit = "recruter-un-apprenti"

    struct Groupe: Sendable {
        let libelle: String
        let options: [OptionVue]
    }
    struct Metier: Sendable {
        let libelle: String
        let code: String
        let url: String
    }
    struct Secteur: Sendable {
        let libelle: String
        let url: String
    }
    struct SousSecteur: Sendable {
        let libelle: String
        let metiers: [Metier]
    }
    struct Formation: Sendable {
        let libelle: String
        let niveau: String?
    }
    struct Resultat: Sendable {
        let nom: String
        let commune: String
        let proximite: String
        let formations: [Formation]
        let tranche: String?
        let courriel: String?
        let telephone: String?
        let lienContact: String
    }
    struct GroupeResultats: Sendable {
        let proximite: String
        let resultats: [Resultat]
    }

    let q: String
    let rome: String
    /// "Maçon / Maçonne (F1703)" once a trade is chosen.
    let metierChoisi: String?
    let ou: String
    let franceChoisie: Bool
    let territoires: [Groupe]
    /// Several trades match what was typed: choose one.
    let choixMetiers: [Metier]
    /// Browsing: the sectors, or the trades of one sector.
    let secteurs: [Secteur]
    let secteurOuvert: String?
    let urlTousSecteurs: String
    let sousSecteurs: [SousSecteur]
    /// The search was made (a trade and a territory).
    let recherche: Bool
    let territoireChoisi: String?
    let nombreResultats: String?
    let groupes: [GroupeResultats]
    let pourquoiAucun: String?
    let elargirTerritoire: [LienVue]
    let elargirMetier: [LienVue]
}

extension RecruterUnApprentiVue {
    /// What a query value keeps unencoded (ASCII letters and digits, `-._~`).
    static let permis = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~")

    /// The address of a search.
    static func url(q: String? = nil, rome: String? = nil, ou: String? = nil, secteur: Int? = nil) -> String {
        var parties: [String] = []
        func ajouter(_ nom: String, _ valeur: String?) {
            guard let valeur, !valeur.isEmpty else { return }
            parties.append(nom + "=" + (valeur.addingPercentEncoding(withAllowedCharacters: permis) ?? ""))
        }
        ajouter("q", q)
        ajouter("rome", rome)
        ajouter("ou", ou)
        ajouter("secteur", secteur.map(String.init))
        return "/recruter-un-apprenti" + (parties.isEmpty ? "" : "?" + parties.joined(separator: "&"))
    }

    /// The territories of the "Où ?" list: régions, départements, zones d'emploi, communes that have a CFA.
    static func territoires(choisi: String, communes: [(code: String, nom: String)]) -> [Groupe] {
        let t = Territoires.france
        let departements = t.departements.sorted { $0.code < $1.code }.map {
            ("departement-\($0.code)", "\($0.nom) (\($0.code))")
        }
        let regions = t.regions.sorted { $0.nom < $1.nom }.map { ("region-\($0.code)", $0.nom) }
        let zones = t.bassinsEmploi.sorted { $0.nom < $1.nom }.map { ("zone-\($0.code)", $0.nom) }
        let villes = communes.map { c in
            ("commune-\(c.code)", "\(c.nom) (\(CodeCommuneInsee(c.code)?.departement ?? ""))")
        }
        return [
            Groupe(libelle: "Régions", options: OptionVue.liste(regions, choisis: [choisi])),
            Groupe(libelle: "Départements", options: OptionVue.liste(departements, choisis: [choisi])),
            Groupe(libelle: "Zones d'emploi", options: OptionVue.liste(zones, choisis: [choisi])),
            Groupe(libelle: "Communes ayant un CFA", options: OptionVue.liste(villes, choisis: [choisi])),
        ]
    }

    /// The name of a territory, as the page says it.
    static func libelle(_ t: TerritoireRecherche, communes: [(code: String, nom: String)]) -> String {
        let f = Territoires.france
        switch t {
        case .commune(let c):
            return communes.first { $0.code == c }.map { "la commune de \($0.nom)" } ?? "la commune \(c)"
        case .zoneEmploi(let z):
            return "la zone d'emploi de " + (f.bassinsEmploi.first { $0.code == z }?.nom ?? z)
        case .departement(let d): return "le département " + (f.departement(d).map { "\($0.nom) (\(d))" } ?? d)
        case .region(let r): return "la région " + (f.region(r)?.nom ?? r)
        case .france: return "toute la France"
        }
    }

    static func metier(_ m: Domain.Metier, ou: String) -> Metier {
        Metier(libelle: m.libelle, code: m.code.rawValue, url: url(rome: m.code.rawValue, ou: ou))
    }

    static func resultat(_ c: CFATrouve, rome: CodeROME) -> Resultat {
        let a = c.organisme.adresse
        return Resultat(
            nom: c.organisme.nom,
            commune: [a.commune, a.departement.map { "(\($0))" }].compactMap { $0 }.joined(separator: " "),
            proximite: c.proximite.libelle,
            formations: c.formations.map {
                Formation(libelle: $0.libelle, niveau: $0.niveau.map { "niveau \($0)" })
            },
            tranche: c.trancheSansContrat, courriel: c.contact.courriel, telephone: c.contact.telephone,
            lienContact: "/recruter-un-apprenti/contact?organisme=\(c.organisme.id.rawValue)&rome=\(rome.rawValue)")
    }

    static func groupes(_ trouves: [CFATrouve], rome: CodeROME) -> [GroupeResultats] {
        var groupes: [GroupeResultats] = []
        for p in [Proximite.memeZoneEmploi, .memeDepartement, .memeRegion, .ailleurs] {
            let liste = trouves.filter { $0.proximite == p }
            if !liste.isEmpty {
                groupes.append(GroupeResultats(proximite: p.libelle, resultats: liste.map { resultat($0, rome: rome) }))
            }
        }
        return groupes
    }
}
