import Domain
import Foundation
import Mustache

/// `GET /cfa/ruptures` (`cfa-ruptures`): a training organisation's young people in rupture today, each with where
/// it stands with the mission locale (F17), or why the missions locales do not follow it.
struct RupturesCFAVue: VuePage {
    static let gabarit = "cfa-ruptures"

    struct Ligne: Sendable {
        let url: String
        let nom: String
        let formation: String
        let rupture: String
        let age: Int
        let statut: String
        let horsChamp: String?
        let missionLocale: String?
        let nonLu: Bool
        let declaree: Bool
    }

    let nombre: Int
    /// « 3 hors du champ des missions locales », nil when there is none (not `horsChamp`: a row without one would
    /// read this).
    let resumeHorsChamp: String?
    let lignes: [Ligne]
    let recherche: String
    let statuts: [OptionVue]
    let formations: [OptionVue]
    let pagination: [LienVue]
    let telechargement: String
    /// The automatic sending in words (« Désactivé », « Activé : après 45 jours de rupture »), nil when the caller
    /// has no organisme of its own to set it for.
    let envoiAutomatique: String?
    let declarer = "/cfa/ruptures/declarer"

    static func construire(
        tous: [JeuneEnRupture], affiches: [JeuneEnRupture], page: Int, nombrePages: Int, query: [(String, String)],
        nonLus: Set<SuiviID>, formation: (String?, String?) -> String?, missionsLocales: [String: String],
        envoiAutomatique: ParametresEnvoiAutomatique? = nil
    ) -> RupturesCFAVue {
        let choix = Dictionary(query, uniquingKeysWith: { a, _ in a })
        let debut = (page - 1) * RupturesCFA.parPage
        // The formations of the filter: each code looked up once, not once per young person.
        var cfds: [String: String] = [:]
        for j in tous {
            let f = j.effectif.effectif.formation
            guard let cfd = f.cfd, cfds[cfd.uppercased()] == nil else { continue }
            cfds[cfd.uppercased()] = formation(f.cfd, f.rncp) ?? cfd
        }
        let horsChamp = tous.filter { $0.horsChamp != nil }.count
        return RupturesCFAVue(
            nombre: affiches.count,
            resumeHorsChamp: horsChamp == 0 ? nil : "\(horsChamp) hors du champ des missions locales",
            lignes: affiches.dropFirst(debut).prefix(RupturesCFA.parPage).map { j in
                let a = j.effectif.effectif.apprenant
                let f = j.effectif.effectif.formation
                return Ligne(
                    url: "/cfa/ruptures/\(j.effectif.id)", nom: "\(a.nom) \(a.prenom)",
                    formation: formation(f.cfd, f.rncp) ?? f.cfd ?? "Formation non renseignée",
                    rupture: Classeur.dateFrancaise(j.rupture), age: j.age,
                    statut: j.horsChamp == nil ? j.statut.libelle : "Hors champ", horsChamp: j.libelleHorsChamp,
                    missionLocale: j.missionLocale.map { missionsLocales[$0] ?? $0 },
                    nonLu: j.suivi.map { nonLus.contains($0.id) } ?? false, declaree: j.declaree)
            },
            recherche: choix["recherche"] ?? "",
            statuts: StatutCollaboration.allCases.map {
                OptionVue(valeur: $0.rawValue, libelle: $0.libelle, selectionne: choix["statut"] == $0.rawValue)
            },
            formations: cfds.sorted { $0.value < $1.value }.map {
                OptionVue(valeur: $0.key, libelle: $0.value, selectionne: choix["formation"]?.uppercased() == $0.key)
            },
            pagination: nombrePages > 1
                ? (1...nombrePages).map {
                    LienVue(
                        url: VueTableau.adresse("/cfa/ruptures", query.filter { $0.0 != "page" } + [("page", "\($0)")]),
                        libelle: "\($0)")
                } : [],
            telechargement: "/cfa/ruptures/telechargement",
            envoiAutomatique: envoiAutomatique.map {
                $0.actif ? "activé, après \($0.jours) jours de rupture" : "désactivé"
            })
    }
}

// The list of a CFA shows 100 rows: read by name, without reflection (rows look names up in the page too).
extension RupturesCFAVue.Ligne: MustacheParent {
    func child(named champ: String) -> Any? {
        switch champ {
        case "url": url
        case "nom": nom
        case "formation": formation
        case "rupture": rupture
        case "age": age
        case "statut": statut
        case "horsChamp": (horsChamp as Any?) ?? false
        case "missionLocale": (missionLocale as Any?) ?? false
        case "nonLu": nonLu
        case "declaree": declaree
        default: nil
        }
    }
}

extension RupturesCFAVue: MustacheParent {
    func child(named champ: String) -> Any? {
        switch champ {
        case "nombre": nombre
        case "resumeHorsChamp": (resumeHorsChamp as Any?) ?? false
        case "lignes": lignes
        case "recherche": recherche
        case "statuts": statuts
        case "formations": formations
        case "pagination": pagination
        case "telechargement": telechargement
        case "envoiAutomatique": (envoiAutomatique as Any?) ?? false
        case "declarer": declarer
        default: nil
        }
    }
}
