import Foundation

/// Why a case comes first in its tab.
public enum PrioriteSuivi: String, Sendable, CaseIterable {
    case demandeCFA = "demande_cfa"
    case mineur
    case rqth
    case ruptureRecente = "rupture_recente"

    public var libelle: String {
        switch self {
        case .demandeCFA: "Demande du CFA"
        case .mineur: "Mineur"
        case .rqth: "RQTH"
        case .ruptureRecente: "Rupture de moins de \(ListeSuivis.joursRuptureRecente) jours"
        }
    }
}

/// A case in a mission locale's list today: its rupture, its tab, why it is a priority.
public struct CasSuivi: Sendable, Equatable {
    public let suivi: SuiviStocke
    public let rupture: Jour
    public let bandeau: BandeauSuivi?
    /// The outcome recorded for this rupture.
    public let resultat: ResultatContact?
    public let onglet: OngletSuivi
    public let age: Int
    public let priorites: [PrioriteSuivi]

    /// `YYYY-MM`: the lists are grouped by month of rupture.
    public let moisRupture: String

    init(
        suivi: SuiviStocke, rupture: Jour, bandeau: BandeauSuivi?, resultat: ResultatContact?, onglet: OngletSuivi,
        age: Int, priorites: [PrioriteSuivi]
    ) {
        self.suivi = suivi
        self.rupture = rupture
        self.bandeau = bandeau
        self.resultat = resultat
        self.onglet = onglet
        self.age = age
        self.priorites = priorites
        moisRupture = String(rupture.description.prefix(7))
    }

    public var prioritaire: Bool { !priorites.isEmpty }
    public var mineur: Bool { age < 18 }
}

/// The filters of the work list and of its exports; every one optional.
public struct FiltresSuivis: Sendable, Equatable {
    public var onglet: OngletSuivi = .aTraiter
    public var commune: String?
    public var mineur = false
    public var rqth = false
    public var organisme: OrganismeID?
    /// A CFD.
    public var formation: String?
    public var recherche: String?
    /// `YYYY-MM`.
    public var moisRupture: String?
    public var page = 1

    public init() {}

    /// Reads `onglet`, `commune`, `mineur`, `rqth`, `cfa`, `formation`, `recherche`, `mois`, `page`; an unknown or
    /// malformed value is an error naming its parameter.
    public static func lire(_ parametres: [String: String]) -> Result<FiltresSuivis, ErreursDeSaisie> {
        var f = FiltresSuivis()
        var erreurs: [ErreurSaisie] = []
        func v(_ k: String) -> String? {
            let t = parametres[k]?.trimmingCharacters(in: .whitespaces) ?? ""
            return t.isEmpty ? nil : t
        }
        if let o = v("onglet") {
            if let o = OngletSuivi(rawValue: o) {
                f.onglet = o
            } else {
                erreurs.append(
                    ErreurSaisie("onglet", "Onglet : « \(o) » inconnu (a-traiter, a-recontacter ou deja-traites)."))
            }
        }
        if let c = v("commune") {
            if let code = CodeCommuneInsee(c.uppercased()) {
                f.commune = code.rawValue
            } else {
                erreurs.append(ErreurSaisie("commune", "Commune : un code INSEE de 5 caractères est attendu."))
            }
        }
        for (nom, libelle) in [("mineur", "Mineurs"), ("rqth", "RQTH")] {
            guard let b = v(nom) else { continue }
            if b == "oui" || b == "1" {
                if nom == "mineur" { f.mineur = true } else { f.rqth = true }
            } else {
                erreurs.append(ErreurSaisie(nom, "\(libelle) : la valeur doit être « oui »."))
            }
        }
        if let c = v("cfa") {
            if let n = Int64(c), n > 0 {
                f.organisme = OrganismeID(n)
            } else {
                erreurs.append(ErreurSaisie("cfa", "CFA : identifiant d'organisme invalide."))
            }
        }
        if let c = v("formation") {
            if c.count <= 20, c.allSatisfy({ $0.isLetter || $0.isNumber }) {
                f.formation = c.uppercased()
            } else {
                erreurs.append(ErreurSaisie("formation", "Formation : code CFD invalide."))
            }
        }
        if let r = v("recherche") {
            if r.count <= 100 {
                f.recherche = r
            } else {
                erreurs.append(ErreurSaisie("recherche", "Recherche : 100 caractères au plus."))
            }
        }
        if let m = v("mois") {
            if m.count == 7, let jour = Jour(iso: m + "-01"), jour.description.hasPrefix(m) {
                f.moisRupture = m
            } else {
                erreurs.append(ErreurSaisie("mois", "Mois de rupture : format attendu AAAA-MM."))
            }
        }
        if let p = v("page") {
            if let n = Int(p), (1...100_000).contains(n) {
                f.page = n
            } else {
                erreurs.append(ErreurSaisie("page", "Page : un entier positif est attendu."))
            }
        }
        return erreurs.isEmpty ? .success(f) : .failure(ErreursDeSaisie(liste: erreurs))
    }

    /// Whether a case passes every filter but the tab.
    public func garde(_ c: CasSuivi) -> Bool {
        let l = c.suivi.ligne
        if let commune, l.communeInsee?.uppercased() != commune { return false }
        if mineur, !c.mineur { return false }
        if rqth, !l.rqth { return false }
        if let organisme, l.organisme != organisme { return false }
        if let formation, l.cfd?.uppercased() != formation { return false }
        if let moisRupture, c.moisRupture != moisRupture { return false }
        if let recherche {
            let cherche = Self.plier(recherche)
            let noms = [Self.plier(l.prenom + " " + l.nom), Self.plier(l.nom + " " + l.prenom)]
            if !noms.contains(where: { $0.contains(cherche) }) { return false }
        }
        return true
    }

    /// Lower case, without accents, words separated by one space. Names are mostly ASCII: those are folded byte by
    /// byte (Foundation's folding costs microseconds, and a work list folds tens of thousands of names).
    static func plier(_ s: String) -> String {
        let plie: String
        if s.utf8.allSatisfy({ $0 < 128 }) {
            plie = String(decoding: s.utf8.map { $0 >= 65 && $0 <= 90 ? $0 + 32 : $0 }, as: UTF8.self)
        } else {
            plie = s.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
        }
        return plie.split(whereSeparator: { $0 == " " || $0 == "-" || $0 == "'" }).joined(separator: " ")
    }
}

/// The work list of a mission locale (F16): the cases in its list today, in the order agents process them.
public enum ListeSuivis {
    public static let joursRuptureRecente = 45
    public static let parPage = 50

    /// The cases in a list at `aujourdhui`, ordered: priority first, then by month of rupture (the latest first),
    /// then by name.
    public static func cas(_ suivis: [SuiviStocke], regles: ReglesSuivi, aujourdhui: Jour) -> [CasSuivi] {
        ordonner(suivis.compactMap { cas($0, regles: regles, aujourdhui: aujourdhui) })
    }

    /// The case in a list at `aujourdhui`, nil when it is in none.
    public static func cas(_ s: SuiviStocke, regles: ReglesSuivi, aujourdhui: Jour) -> CasSuivi? {
        guard
            case .dansLaListe(_, let rupture, let bandeau) = regles.decider(
                s.ligne.faits, missionLocale: s.ligne.missionLocale, aujourdhui: aujourdhui,
                prisEnCharge: s.prisEnCharge)
        else { return nil }
        let resultat = s.resultat(pour: rupture)
        let age = ReglesSuivi.age(s.ligne.dateDeNaissance, le: aujourdhui)
        var priorites: [PrioriteSuivi] = []
        if s.demandeCFALe != nil { priorites.append(.demandeCFA) }
        if age < 18 { priorites.append(.mineur) }
        if s.ligne.rqth { priorites.append(.rqth) }
        if aujourdhui - rupture < joursRuptureRecente { priorites.append(.ruptureRecente) }
        return CasSuivi(
            suivi: s, rupture: rupture, bandeau: bandeau, resultat: resultat,
            onglet: OngletSuivi(dernierResultat: resultat), age: age, priorites: priorites)
    }

    public static func ordonner(_ cas: [CasSuivi]) -> [CasSuivi] {
        ordonner(cas.map { ($0, FiltresSuivis.plier($0.suivi.ligne.nom), FiltresSuivis.plier($0.suivi.ligne.prenom)) })
    }

    /// The same order, the folded name and first name of each case given (folding is costly, a comparison is not).
    static func ordonner(_ cas: [(CasSuivi, nom: String, prenom: String)]) -> [CasSuivi] {
        let cles = cas.map { c in
            let (a, m, _) = c.0.rupture.components
            return (c.0, c.0.prioritaire, a * 12 + m, c.nom, c.prenom)
        }
        return cles.sorted { a, b in
            if a.1 != b.1 { return a.1 }
            if a.2 != b.2 { return a.2 > b.2 }
            if a.3 != b.3 { return a.3 < b.3 }
            if a.4 != b.4 { return a.4 < b.4 }
            return a.0.suivi.id.rawValue < b.0.suivi.id.rawValue
        }.map(\.0)
    }

    /// How many cases each tab holds with these filters.
    public static func comptes(_ cas: [CasSuivi], _ f: FiltresSuivis) -> [OngletSuivi: Int] {
        cas.reduce(into: Dictionary(uniqueKeysWithValues: OngletSuivi.allCases.map { ($0, 0) })) {
            if f.garde($1) { $0[$1.onglet, default: 0] += 1 }
        }
    }

    /// The cases of the filters' tab, in order.
    public static func onglet(_ cas: [CasSuivi], _ f: FiltresSuivis) -> [CasSuivi] {
        cas.filter { $0.onglet == f.onglet && f.garde($0) }
    }

    /// "Enregistrer et passer au suivant": the case to open after saving `id`, which stood at `position` in the
    /// ordered tab before the save — the next one in the same order (priority cases, then the rest), skipping it.
    public static func suivant(apres id: SuiviID, position: Int, dans ordre: [CasSuivi]) -> CasSuivi? {
        let restants = ordre.filter { $0.suivi.id != id }
        return restants.count > position ? restants[position] : nil
    }
}
