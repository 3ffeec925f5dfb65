import Domain

/// `GET /mission-locale` (`mission-locale`): the three tabs with their counts, the filters, the cases of the tab
/// (priority ones first, then by month of rupture), 50 a page, and the downloads.
struct SuivisVue: VuePage {
    static let gabarit = "mission-locale"

    /// Names of organismes and of formations (by CFD, RNCP).
    struct Libelles: Sendable {
        let organisme: @Sendable (OrganismeID) -> String?
        let formation: @Sendable (String?, String?) -> String?
    }

    struct Onglet: Sendable {
        let libelle: String
        let nombre: Int
        let lien: String
        let courant: Bool
    }

    struct Ligne: Sendable {
        let lien: String
        let nom: String
        let age: Int
        let commune: String
        let cfa: String
        let formation: String
        let rupture: String
        let priorites: [String]
        let resultat: String?
        let bandeau: String?
        /// The rupture was declared by the CFA and its ERP has not sent it yet.
        let declaree: Bool
    }

    struct Groupe: Sendable {
        let titre: String
        let lignes: [Ligne]
    }

    let missionLocale: String
    let dateLongue: String
    let onglets: [Onglet]
    let ongletCourant: String
    let valeurOnglet: String
    let total: Int
    let groupes: [Groupe]
    let vide: String?
    let pagination: PaginationVue?
    let recherche: String
    let communes: [OptionVue]
    let cfas: [OptionVue]
    let formations: [OptionVue]
    let mineur: Bool
    let rqth: Bool
    let effacer: String
    let mois: [OptionVue]
    let xlsx: String
    let csv: String

    static func construire(
        missionLocale: String, tous: [CasSuivi], filtres f: FiltresSuivis, page: [CasSuivi], nombrePages: Int,
        query: [(String, String)], aujourdhui: Jour, libelles: Libelles
    ) -> SuivisVue {
        let retour = PagesMissionLocale.retour(query)
        let comptes = ListeSuivis.comptes(tous, f)
        let onglets = OngletSuivi.allCases.map { o in
            Onglet(
                libelle: o.libelle, nombre: comptes[o] ?? 0,
                lien: VueTableau.adresse(
                    "/mission-locale", retour.filter { $0.0 != "onglet" } + [("onglet", o.rawValue)]),
                courant: o == f.onglet)
        }
        let lignes = page.map { c in
            let l = c.suivi.ligne
            return (
                c,
                Ligne(
                    lien: VueTableau.adresse("/mission-locale/suivis/\(c.suivi.id)", retour),
                    nom: "\(l.nom.uppercased()) \(l.prenom)", age: c.age,
                    commune: [l.communeInsee, l.codePostal.map { "(\($0))" }].compactMap { $0 }.joined(separator: " "),
                    cfa: libelles.organisme(l.organisme) ?? "Organisme \(l.organisme)",
                    formation: libelles.formation(l.cfd, l.rncp) ?? l.cfd ?? "—",
                    rupture: Classeur.dateFrancaise(c.rupture), priorites: c.priorites.map(\.libelle),
                    resultat: c.resultat?.libelle, bandeau: c.bandeau?.libelle, declaree: l.ruptureDeclaree != nil)
            )
        }
        // Priority cases first, then one group per month of rupture, in the order of the list.
        var groupes: [Groupe] = []
        for (c, ligne) in lignes {
            let titre = c.prioritaire ? "Prioritaires" : "Rupture en \(Self.mois(c.moisRupture))"
            if groupes.last?.titre == titre {
                groupes[groupes.count - 1] = Groupe(titre: titre, lignes: groupes[groupes.count - 1].lignes + [ligne])
            } else {
                groupes.append(Groupe(titre: titre, lignes: [ligne]))
            }
        }
        // The filters' choices: each organisme and formation named once, however many cases it has.
        let communes = Set(tous.compactMap(\.suivi.ligne.communeInsee)).sorted()
        let cfas = Set(tous.map(\.suivi.ligne.organisme)).map { ($0, libelles.organisme($0) ?? "") }
            .sorted { $0.1 < $1.1 }
        let formations = Dictionary(
            Set(
                tous.compactMap { c in c.suivi.ligne.cfd.map { FormationDesSuivis(cfd: $0, rncp: c.suivi.ligne.rncp) } }
            )
            .map { ($0.cfd, libelles.formation($0.cfd, $0.rncp) ?? $0.cfd) }, uniquingKeysWith: { a, _ in a }
        ).sorted { $0.value < $1.value }
        let moisRupture = Set(tous.map(\.moisRupture)).sorted(by: >)
        let total = comptes[f.onglet] ?? 0
        return SuivisVue(
            missionLocale: missionLocale, dateLongue: Web.dateLongue(aujourdhui), onglets: onglets,
            ongletCourant: f.onglet.libelle, valeurOnglet: f.onglet.rawValue, total: total, groupes: groupes,
            vide: total > 0
                ? nil
                : f.sansPage == FiltresSuivis.avecOnglet(f.onglet)
                    ? "Aucun jeune dans cet onglet aujourd'hui."
                    : "Aucun jeune ne correspond à ces filtres dans cet onglet.",
            pagination: PaginationVue.construire(numero: f.page, pages: nombrePages) { n in
                VueTableau.adresse("/mission-locale", retour + [("page", String(n))])
            },
            recherche: f.recherche ?? "",
            communes: OptionVue.liste(communes.map { ($0, $0) }, choisis: Set([f.commune].compactMap { $0 })),
            cfas: OptionVue.liste(
                cfas.map { (String($0.0.rawValue), $0.1) },
                choisis: Set([f.organisme?.description].compactMap { $0 })),
            formations: OptionVue.liste(
                formations.map { ($0.key, $0.value) }, choisis: Set([f.formation].compactMap { $0 })),
            mineur: f.mineur, rqth: f.rqth,
            effacer: VueTableau.adresse("/mission-locale", [("onglet", f.onglet.rawValue)]),
            mois: moisRupture.map { OptionVue(valeur: $0, libelle: Self.mois($0), selectionne: false) },
            xlsx: "/mission-locale/telechargement?format=xlsx", csv: "/mission-locale/telechargement?format=csv")
    }

    static let nomsDesMois = [
        "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre",
        "décembre",
    ]

    /// `2025-03` → "mars 2025".
    static func mois(_ m: String) -> String {
        guard let n = Int(m.suffix(2)), (1...12).contains(n) else { return m }
        return "\(nomsDesMois[n - 1]) \(m.prefix(4))"
    }
}

/// A formation as the cases name it.
struct FormationDesSuivis: Hashable {
    let cfd: String
    let rncp: String?
}

extension FiltresSuivis {
    var sansPage: FiltresSuivis {
        var f = self
        f.page = 1
        return f
    }

    /// No filter but the tab.
    static func avecOnglet(_ o: OngletSuivi) -> FiltresSuivis {
        var f = FiltresSuivis()
        f.onglet = o
        return f
    }
}
