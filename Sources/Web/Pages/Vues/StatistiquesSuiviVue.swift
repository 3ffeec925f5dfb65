import Domain

/// `GET /suivi/statistiques` (`statistiques-suivi`): the follow-up figures of the missions locales of the caller's
/// perimeter, for a period of ruptures; counts only, no young person named.
struct StatistiquesSuiviVue: VuePage {
    static let gabarit = "statistiques-suivi"

    /// A key figure (a tile).
    struct Chiffre: Sendable {
        let cle: String
        let libelle: String
        let valeur: String
        let aide: String
    }

    /// A row of a table: a région or a mission locale.
    struct Ligne: Sendable {
        let nom: String
        let code: String?
        let region: String?
        let jeunes: String
        let traites: String
        let joints: String
        let taux: String
        let delai: String
    }

    /// An outcome and how many processed cases have it.
    struct Resultat: Sendable {
        let libelle: String
        let nombre: String
        let part: String
    }

    let perimetre: String
    /// "Ruptures du 17 mai 2025 au 15 juin 2025".
    let periodeTexte: String
    let periodes: [OptionVue]
    /// The options of a filter, when it is offered.
    struct Filtre: Sendable {
        let options: [OptionVue]
    }

    /// The table by région, when the perimeter has several.
    struct TableauRegions: Sendable {
        let lignes: [Ligne]
    }

    /// The table by mission locale, when there are several; the région column when they are in several régions.
    struct TableauMissionsLocales: Sendable {
        let lignes: [Ligne]
        let avecRegion: Bool
    }

    /// Offered when the perimeter holds several régions (national) or several missions locales.
    let regions: Filtre?
    let missionsLocales: Filtre?
    let chiffres: [Chiffre]
    let resultatsJoints: [Resultat]
    let resultatsNonJoints: [Resultat]
    let aucunTraite: Bool
    let parRegion: TableauRegions?
    let parMissionLocale: TableauMissionsLocales?
    let total: Ligne
    let aucuneMissionLocale: Bool
    let csv: String
    let json: String

    static func construire(_ s: StatistiquesSuivis, _ d: StatistiquesSuivi.Demande) -> StatistiquesSuiviVue {
        let t = s.total
        func ligne(_ nom: String, _ code: String?, _ region: String?, _ c: ChiffresSuivis) -> Ligne {
            Ligne(
                nom: nom, code: code, region: region, jeunes: nombre(c.jeunes), traites: nombre(c.traites),
                joints: nombre(c.joints), taux: c.tauxJoints.map(pourcentage) ?? "—",
                delai: c.delaiMedian.map { jours($0) } ?? "—")
        }
        func resultats(_ rs: [ResultatContact]) -> [Resultat] {
            rs.map { r in
                let n = t.nombre(r)
                return Resultat(
                    libelle: r.libelle, nombre: nombre(n),
                    part: t.traites == 0 ? "—" : pourcentage(Double(n) / Double(t.traites)))
            }
        }
        let regionsDuPerimetre = Set(d.duPerimetre.map { $0.region ?? "" })
        let national: Bool = if case .national = d.perimetre { true } else { false }
        let nomPerimetre: String
        if case .missionLocale(let c) = d.perimetre {
            nomPerimetre = d.duPerimetre.first { $0.code == c }?.nom ?? "mission locale \(c)"
        } else {
            nomPerimetre = nom(d.perimetre)
        }
        let query = d.query
        return StatistiquesSuiviVue(
            perimetre: nomPerimetre,
            periodeTexte: "Ruptures de contrat du \(dateLongue(s.debut)) au \(dateLongue(s.fin))",
            periodes: PeriodeStatistiques.allCases.map {
                OptionVue(valeur: $0.rawValue, libelle: $0.libelle, selectionne: $0 == s.periode)
            },
            regions: national || regionsDuPerimetre.count > 1
                ? Filtre(
                    options: Territoires.france.regions.filter { national || regionsDuPerimetre.contains($0.code) }
                        .sorted { $0.nom < $1.nom }
                        .map { OptionVue(valeur: $0.code, libelle: $0.nom, selectionne: $0.code == d.region) })
                : nil,
            missionsLocales: d.duPerimetre.count > 1
                ? Filtre(
                    options: d.duPerimetre.sorted { ($0.nom, $0.code) < ($1.nom, $1.code) }
                        .map { OptionVue(valeur: $0.code, libelle: $0.nom, selectionne: $0.code == d.missionLocale) })
                : nil,
            chiffres: [
                Chiffre(
                    cle: "jeunes", libelle: "Jeunes dans les listes", valeur: nombre(t.jeunes),
                    aide: "en rupture de contrat, dans la liste d'une mission locale aujourd'hui"),
                Chiffre(
                    cle: "traites", libelle: "Cas traités", valeur: nombre(t.traites),
                    aide: "un résultat de contact est enregistré pour la rupture"),
                Chiffre(
                    cle: "taux", libelle: "Taux de jeunes joints", valeur: t.tauxJoints.map(pourcentage) ?? "—",
                    aide: "jeunes joints parmi les cas traités"),
                Chiffre(
                    cle: "delai", libelle: "Délai médian du premier contact",
                    valeur: t.delaiMedian.map { jours($0) } ?? "—",
                    aide: "de la rupture au premier résultat enregistré"),
            ],
            resultatsJoints: resultats(StatistiquesSuivis.resultats.filter(\.estJoint)),
            resultatsNonJoints: resultats(StatistiquesSuivis.resultats.filter { !$0.estJoint }),
            aucunTraite: t.traites == 0,
            parRegion: s.parRegion.count > 1 || national
                ? TableauRegions(
                    lignes: s.parRegion.map { ligne($0.nom, $0.code.isEmpty ? nil : $0.code, nil, $0.chiffres) })
                : nil,
            parMissionLocale: s.parMissionLocale.count > 1
                ? TableauMissionsLocales(
                    lignes: s.parMissionLocale.map {
                        ligne($0.nom, nil, StatistiquesSuivis.nomRegion($0.region ?? ""), $0.chiffres)
                    }, avecRegion: s.parRegion.count > 1)
                : nil,
            total: ligne("Total", nil, nil, t),
            aucuneMissionLocale: s.parMissionLocale.isEmpty,
            csv: "/suivi/statistiques.csv?" + query, json: "/api/v1/suivi/statistiques?" + query)
    }

    /// `66,7 %`.
    static func pourcentage(_ v: Double) -> String { StatistiquesSuivi.decimal(v * 100) + "\u{202F}%" }

    /// `5 jours`, `1,5 jour`, `0 jour`.
    static func jours(_ v: Double) -> String { StatistiquesSuivi.decimal(v) + (v >= 2 ? " jours" : " jour") }
}

extension StatistiquesSuiviVue {
    /// The name of a perimeter on the page.
    static func nom(_ p: Perimetre) -> String {
        switch p {
        case .national: "toutes les missions locales"
        case .region(let r): "missions locales de la région \(Territoires.france.region(r)?.nom ?? r)"
        case .departement(let d): "missions locales du département \(Territoires.france.departement(d)?.nom ?? d)"
        default: p.libelle
        }
    }
}
