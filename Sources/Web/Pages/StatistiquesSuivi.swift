import Domain
import Foundation
import Hummingbird
import NIOCore

/// The follow-up statistics of the missions locales (F16), as a page (`/suivi/statistiques`), a CSV file
/// (`/suivi/statistiques.csv`) and JSON (`/api/v1/suivi/statistiques`): the same figures, for the missions locales
/// of the caller's perimeter (`statistiques_suivi` in the permission table), counts only.
struct StatistiquesSuivi {
    let deps: Dependances

    static let parametres = ["periode", "region", "mission_locale"]
    static let titre = "Statistiques du suivi des missions locales"

    /// What a request asks for, checked against the caller's perimeter.
    struct Demande {
        let periode: PeriodeStatistiques
        let region: String?
        let missionLocale: String?
        let perimetre: Perimetre
        /// The missions locales of the perimeter, then those the filters keep.
        let duPerimetre: [MissionLocale]
        let retenues: [MissionLocale]

        /// The query of this request, for links (CSV, JSON) that show the same figures.
        var query: String {
            var p: [(String, String)] = [("periode", periode.rawValue)]
            if let region { p.append(("region", region)) }
            if let missionLocale { p.append(("mission_locale", missionLocale)) }
            return p.map { "\($0.0)=\(StatistiquesSuivi.encoder($0.1))" }.joined(separator: "&")
        }
    }

    /// Reads `periode` (30-jours, 3-mois, tout: default), `region` and `mission_locale`: an unknown parameter or value
    /// is a 400 naming it; a région or mission locale outside the perimeter a 400 `hors_perimetre`.
    func demande(_ request: Request, _ i: Identite) async throws -> Demande {
        var q: [String: String] = [:]
        var erreurs: [ErreurValidation] = []
        for (k, v) in request.uri.queryParameters.map({ (String($0.key), String($0.value)) }) {
            if Self.parametres.contains(k) {
                let t = v.trimmingCharacters(in: .whitespaces)
                if !t.isEmpty { q[k] = t }
            } else {
                erreurs.append(
                    ErreurValidation(k, "Paramètre inconnu : attendus \(Self.parametres.joined(separator: ", "))"))
            }
        }
        var periode = PeriodeStatistiques.tout
        if let p = q["periode"] {
            if let p = PeriodeStatistiques(rawValue: p) {
                periode = p
            } else {
                erreurs.append(
                    ErreurValidation(
                        "periode",
                        "Période inconnue : valeurs attendues \(PeriodeStatistiques.allCases.map(\.rawValue).joined(separator: ", "))"
                    ))
            }
        }
        if let r = q["region"], Territoires.france.region(r) == nil {
            erreurs.append(
                ErreurValidation("region", "Code de région inconnu (exemple : 84 pour Auvergne-Rhône-Alpes)"))
        }
        if !erreurs.isEmpty { throw ErreurApi.parametres(erreurs) }

        let perimetre = i.droits.perimetre(.statistiquesSuivi)
        let referentiel = try await deps.store.missionsLocales()
        let duPerimetre = StatistiquesSuivis.missionsLocales(dans: perimetre, referentiel: referentiel)
        // A mission locale the référentiel does not know: not found (404), like an unknown organisme.
        if let ml = q["mission_locale"], !referentiel.contains(where: { $0.code == ml }) {
            throw ErreurComptes.introuvable
        }
        var retenues = duPerimetre
        var horsPerimetre: [ErreurValidation] = []
        if let r = q["region"] {
            if Self.regionPermise(r, perimetre, duPerimetre) {
                retenues = retenues.filter { $0.region == r }
            } else {
                horsPerimetre.append(ErreurValidation("region", "Région hors de votre périmètre"))
            }
        }
        if let ml = q["mission_locale"] {
            if duPerimetre.contains(where: { $0.code == ml }) {
                retenues = retenues.filter { $0.code == ml }
            } else {
                horsPerimetre.append(
                    ErreurValidation("mission_locale", "Mission locale inconnue ou hors de votre périmètre"))
            }
        }
        if !horsPerimetre.isEmpty { throw ErreurApi.horsPerimetre(horsPerimetre, perimetre: perimetre) }
        return Demande(
            periode: periode, region: q["region"], missionLocale: q["mission_locale"], perimetre: perimetre,
            duPerimetre: duPerimetre, retenues: retenues)
    }

    /// A région may be asked for nationally, or when it is the perimeter's (its own, its département's, its
    /// mission locale's).
    static func regionPermise(_ r: String, _ p: Perimetre, _ duPerimetre: [MissionLocale]) -> Bool {
        switch p {
        case .national: true
        case .region(let propre): r == propre
        case .departement(let d): Territoires.france.departement(d)?.region == r
        default: duPerimetre.contains { $0.region == r }
        }
    }

    /// The statistics of a request, read from the store's cases of the missions locales it keeps.
    func statistiques(_ d: Demande) async throws -> StatistiquesSuivis {
        try await deps.suivis.statistiques(
            missionsLocales: d.retenues, store: deps.store, regles: deps.reglesSuivi,
            aujourdhui: HeureDeParis.jour(deps.horloge.now()), periode: d.periode)
    }

    /// `GET /suivi/statistiques`.
    @Sendable func page(_ request: Request, context: ContexteRequete, identite i: Identite) async throws -> Response {
        let d = try await demande(request, i)
        let s = try await statistiques(d)
        return try await deps.page(StatistiquesSuiviVue.construire(s, d), Self.titre, request, context)
    }

    /// `GET /suivi/statistiques.csv`: one row for the whole selection, one per région, one per mission locale.
    @Sendable func csv(_ request: Request, context: ContexteRequete, identite i: Identite) async throws -> Response {
        let d = try await demande(request, i)
        let s = try await statistiques(d)
        let nom =
            IntituleFiltres.slug("statistiques suivi missions locales \(s.periode.libelle)")
            + "-\(s.fin.description).csv"
        return Response(
            status: .ok,
            headers: [
                .contentType: "text/csv; charset=utf-8", .contentDisposition: "attachment; filename=\"\(nom)\"",
                .cacheControl: "no-store",
            ], body: .init(byteBuffer: ByteBuffer(bytes: Self.classeur(s).csv())))
    }

    static func classeur(_ s: StatistiquesSuivis) -> Classeur {
        func chiffres(_ c: ChiffresSuivis) -> [Classeur.Cellule] {
            [
                .nombre(c.jeunes), .nombre(c.traites), .nombre(c.joints),
                .texte(c.tauxJoints.map { decimal($0 * 100) }), .texte(c.delaiMedian.map(decimal)),
                .nombre(c.delais.count),
            ] + StatistiquesSuivis.resultats.map { .nombre(c.nombre($0)) }
        }
        var lignes: [[Classeur.Cellule]] = [
            [.texte("Total"), .texte(""), .texte("Toutes les missions locales retenues"), .texte("")]
                + chiffres(s.total)
        ]
        lignes += s.parRegion.map {
            [.texte("Région"), .texte($0.code), .texte($0.nom), .texte("")] + chiffres($0.chiffres)
        }
        lignes += s.parMissionLocale.map { l in
            [
                .texte("Mission locale"), .texte(l.code), .texte(l.nom),
                .texte(StatistiquesSuivis.nomRegion(l.region ?? "")),
            ] + chiffres(l.chiffres)
        }
        return Classeur(
            nomFeuille: "Statistiques",
            entetes: [
                "Niveau", "Code", "Nom", "Région", "Jeunes dans les listes", "Cas traités", "Jeunes joints",
                "Taux de jeunes joints (%)", "Délai médian jusqu'au premier contact (jours)",
                "Cas comptés dans le délai",
            ] + StatistiquesSuivis.resultats.map(\.libelle),
            lignes: lignes)
    }

    /// `12,5` (one decimal at most, French comma).
    static func decimal(_ v: Double) -> String {
        let arrondi = (v * 10).rounded() / 10
        let entier = arrondi.rounded(.towardZero)
        return arrondi == entier
            ? String(Int(entier)) : String(format: "%.1f", arrondi).replacingOccurrences(of: ".", with: ",")
    }

    static func encoder(_ v: String) -> String {
        v.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-_."))) ?? ""
    }
}
