import Domain
import Foundation
import Hummingbird

extension StatistiquesSuivi {
    /// `GET /api/v1/suivi/statistiques`: the figures of the page, as JSON.
    @Sendable func api(_ request: Request, context: ContexteRequete, identite i: Identite) async throws -> Response {
        let d = try await demande(request, i)
        return try .json(StatistiquesSuiviJSON(try await statistiques(d), perimetre: d.perimetre))
    }
}

/// The answer of `GET /api/v1/suivi/statistiques`.
struct StatistiquesSuiviJSON: Encodable {
    /// Figures of a set of cases: counts, reached rate in per cent (one decimal), median delay in days, outcomes.
    struct Chiffres: Encodable {
        let jeunes: Int
        let traites: Int
        let joints: Int
        @OuNull var tauxJoints: Double?
        @OuNull var delaiMedianJours: Double?
        let nombreDelais: Int
        let resultats: ObjetOrdonne<Int>

        enum CodingKeys: String, CodingKey {
            case jeunes, traites, joints
            case tauxJoints = "taux_joints"
            case delaiMedianJours = "delai_median_jours"
            case nombreDelais = "nombre_delais"
            case resultats
        }

        init(_ c: ChiffresSuivis) {
            jeunes = c.jeunes
            traites = c.traites
            joints = c.joints
            tauxJoints = c.tauxJoints.map { ($0 * 1000).rounded() / 10 }
            delaiMedianJours = c.delaiMedian
            nombreDelais = c.delais.count
            resultats = ObjetOrdonne(membres: StatistiquesSuivis.resultats.map { ($0.code, c.nombre($0)) })
        }
    }

    struct Region: Encodable {
        let region: String
        let libelle: String
        let chiffres: Chiffres
    }

    struct MissionLocale: Encodable {
        let code: String
        let nom: String
        @OuNull var region: String?
        let chiffres: Chiffres
    }

    let periode: String
    let libellePeriode: String
    /// The date the period is read on: the rupture's.
    let datePeriode = "rupture"
    let debut: String
    let fin: String
    let perimetre: Session.PerimetreJSON
    let total: Chiffres
    let parRegion: [Region]
    let parMissionLocale: [MissionLocale]

    enum CodingKeys: String, CodingKey {
        case periode
        case libellePeriode = "libelle_periode"
        case datePeriode = "date_periode"
        case debut, fin, perimetre, total
        case parRegion = "par_region"
        case parMissionLocale = "par_mission_locale"
    }

    init(_ s: StatistiquesSuivis, perimetre p: Perimetre) {
        periode = s.periode.rawValue
        libellePeriode = s.periode.libelle
        debut = s.debut.description
        fin = s.fin.description
        perimetre = Session.PerimetreJSON(p)
        total = Chiffres(s.total)
        parRegion = s.parRegion.map { Region(region: $0.code, libelle: $0.nom, chiffres: Chiffres($0.chiffres)) }
        parMissionLocale = s.parMissionLocale.map {
            MissionLocale(code: $0.code, nom: $0.nom, region: $0.region, chiffres: Chiffres($0.chiffres))
        }
    }
}
