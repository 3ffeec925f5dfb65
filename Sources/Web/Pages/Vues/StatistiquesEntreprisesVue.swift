import Domain
import Foundation

/// `GET /entreprises/statistiques` (`entreprises-statistiques`): the companies' searches and requests of the
/// perimeter, month by month, and the trades and territories searched most.
struct StatistiquesEntreprisesVue: VuePage {
    static let gabarit = "entreprises-statistiques"

    struct Chiffre: Sendable {
        let valeur: String
        let libelle: String
    }

    struct Mois: Sendable {
        let mois: String
        let recherches: Int
        let envoyees: Int
        let repondues: Int
        let pourvues: Int
        let delai: String
    }

    struct Compte: Sendable {
        let libelle: String
        let code: String
        let nombre: Int
    }

    let titre = StatistiquesEntreprisesPage.titre
    let perimetre: String
    let chiffres: [Chiffre]
    let mois: [Mois]
    let metiers: [Compte]
    let territoires: [Compte]
    let aucuneRecherche: Bool
    let json = "/api/v1/entreprises/statistiques"

    static let nomsMois = [
        "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre",
        "décembre",
    ]

    /// « novembre 2026 » for `2026-11`.
    static func libelleMois(_ m: String) -> String {
        let parts = m.split(separator: "-")
        guard parts.count == 2, let mois = Int(parts[1]), (1...12).contains(mois) else { return m }
        return "\(nomsMois[mois - 1]) \(parts[0])"
    }

    /// A delay in seconds as people read it: « 5 h », « 2,5 jours ».
    static func delai(_ secondes: Double?) -> String {
        guard let s = secondes else { return "—" }
        let heures = s / 3_600
        if heures < 48 { return "\(StatistiquesSuivi.decimal(heures)) h" }
        return "\(StatistiquesSuivi.decimal(heures / 24)) jours"
    }

    static func construire(_ s: StatistiquesEntreprises, perimetre: Perimetre) -> StatistiquesEntreprisesVue {
        let delais = s.mois.compactMap(\.delaiMedianPremiereReponse)
        return StatistiquesEntreprisesVue(
            perimetre: perimetre.libelle,
            chiffres: [
                Chiffre(valeur: "\(s.recherches)", libelle: "recherches de CFA"),
                Chiffre(valeur: "\(s.envoyees)", libelle: "demandes envoyées aux CFA"),
                Chiffre(valeur: "\(s.repondues)", libelle: "demandes qui ont reçu une réponse"),
                Chiffre(valeur: "\(s.pourvues)", libelle: "demandes pourvues"),
                Chiffre(
                    valeur: delais.isEmpty ? "—" : delai(delais.sorted()[delais.count / 2]),
                    libelle: "délai médian de première réponse (médiane des mois)"),
            ],
            mois: s.mois.map {
                Mois(
                    mois: libelleMois($0.mois), recherches: $0.recherches, envoyees: $0.envoyees,
                    repondues: $0.repondues, pourvues: $0.pourvues, delai: delai($0.delaiMedianPremiereReponse))
            },
            metiers: s.metiers.map { Compte(libelle: $0.libelle, code: $0.code, nombre: $0.nombre) },
            territoires: s.territoires.map { Compte(libelle: $0.libelle, code: $0.code, nombre: $0.nombre) },
            aucuneRecherche: s.recherches == 0)
    }
}
