import Foundation

/// Where a CFA's young person in rupture stands with the mission locale (F17, reference-product §2.4).
public enum StatutCollaboration: String, Sendable, CaseIterable {
    case aSignaler = "a-signaler"
    case demandeEnvoyee = "demande-envoyee"
    case traiteParLaMissionLocale = "traite"
    case contacteHorsCollaboration = "contacte-hors-collaboration"

    public var libelle: String {
        switch self {
        case .aSignaler: "À signaler"
        case .demandeEnvoyee: "Demande envoyée"
        case .traiteParLaMissionLocale: "Traité par la mission locale"
        case .contacteHorsCollaboration: "Contacté hors collaboration"
        }
    }

    /// From the case row: a request of the CFA, and an outcome of the mission locale after it or without it.
    public init(_ s: SuiviStocke?) {
        guard let s else {
            self = .aSignaler
            return
        }
        if let demande = s.demandeCFALe {
            self = (s.resultatLe.map { $0 >= demande } ?? false) ? .traiteParLaMissionLocale : .demandeEnvoyee
        } else {
            self = s.dernierResultat == nil ? .aSignaler : .contacteHorsCollaboration
        }
    }
}

/// A young person in rupture in a CFA's list: in a mission locale's scope, or out of it and why.
public struct JeuneEnRupture: Sendable {
    public let effectif: EffectifStocke
    public let rupture: Jour
    public let age: Int
    public let suivi: SuiviStocke?
    /// The mission locale covering the residence, if any.
    public let missionLocale: String?
    /// Why the mission locales do not follow this young person (nil: in scope).
    public let horsChamp: MotifHorsListe?

    public var statut: StatutCollaboration { StatutCollaboration(suivi) }
    /// The rupture was declared by the CFA and its ERP has not sent it yet.
    public var declaree: Bool { suivi?.ligne.ruptureDeclaree != nil }
    public var peutDemander: Bool { horsChamp == nil && suivi != nil && suivi?.demandeCFALe == nil }

    /// What the CFA reads when the young person is out of the mission locales' scope.
    public var libelleHorsChamp: String? { horsChamp?.libellePourCFA }
}

extension MotifHorsListe {
    /// Why the missions locales do not follow a young person, as the CFA reads it (nil: nothing to explain).
    public var libellePourCFA: String? {
        switch self {
        case .age: "Hors champ : moins de 16 ans ou plus de 25 ans le jour de la rupture (sans RQTH)"
        case .horsTerritoire: "Aucune mission locale ne couvre la commune de résidence"
        case .ruptureAvantDebutDuSuivi: "Rupture antérieure au début du suivi"
        case .pasDeRupture, .nouveauContrat, .formationTerminee: nil
        }
    }
}

/// The CFA's list of its young people in rupture (F17): each with its collaboration status, or out of scope.
public enum RupturesCFA {
    public static let parPage = 100

    /// The rows of learners in rupture today, the mission locale and the rules deciding the scope. A rupture the
    /// CFA declared counts as the ERP's until the ERP sends its data (the case's timeline has it).
    public static func jeunes(
        _ effectifs: [EffectifStocke], suivis: [EffectifID: SuiviStocke], regles: ReglesSuivi,
        couverture: CouvertureMissionsLocales, aujourdhui: Jour
    ) -> [JeuneEnRupture] {
        let jeunes = effectifs.compactMap {
            jeune($0, suivi: suivis[$0.id], regles: regles, couverture: couverture, aujourdhui: aujourdhui)
        }
        return ordonner(jeunes.map { ($0, FiltresSuivis.plier($0.effectif.effectif.apprenant.nom)) })
    }

    /// One learner's row, or nil when not in rupture at `aujourdhui`.
    public static func jeune(
        _ e: EffectifStocke, suivi: SuiviStocke?, regles: ReglesSuivi, couverture: CouvertureMissionsLocales,
        aujourdhui: Jour
    ) -> JeuneEnRupture? {
        let parcours = suivi.flatMap { $0.ligne.ruptureDeclaree == nil ? nil : $0.ligne.parcours } ?? e.parcours
        let faits = FaitsSuivi(e.effectif, parcours: parcours)
        guard let rupture = ReglesSuivi.derniereRupture(parcours, auPlusTard: aujourdhui) else { return nil }
        let ml =
            suivi?.ligne.missionLocale
            ?? couverture.missionLocale(communeInsee: faits.communeInsee, codePostal: faits.codePostal)
        var horsChamp: MotifHorsListe?
        if case .horsListe(let m) = regles.decider(
            faits, missionLocale: ml, aujourdhui: aujourdhui, prisEnCharge: suivi?.prisEnCharge ?? false)
        {
            horsChamp = m
        }
        return JeuneEnRupture(
            effectif: e, rupture: rupture, age: ReglesSuivi.age(e.effectif.apprenant.dateDeNaissance, le: rupture),
            suivi: suivi, missionLocale: ml, horsChamp: horsChamp)
    }

    /// In scope first, the latest rupture first, then by name (folded once by the caller: folding costs, and the
    /// rows are large values a sort would copy around), then by record (the same order on every page), then the
    /// rows put in that order.
    static func ordonner(_ jeunes: [(JeuneEnRupture, nom: String)]) -> [JeuneEnRupture] {
        let cles = jeunes.map { ($0.0.horsChamp == nil ? 0 : 1, $0.0.rupture, $0.nom, $0.0.effectif.id.rawValue) }
        return cles.indices.sorted { a, b in
            (cles[a].0, cles[b].1, cles[a].2, cles[a].3) < (cles[b].0, cles[a].1, cles[b].2, cles[b].3)
        }.map { jeunes[$0].0 }
    }

    /// Filters of the list: a name, a formation (CFD), a status.
    public static func filtrer(
        _ jeunes: [JeuneEnRupture], recherche: String?, formation: String?, statut: StatutCollaboration?
    ) -> [JeuneEnRupture] {
        if recherche == nil && formation == nil && statut == nil { return jeunes }
        let cherche = recherche.map(FiltresSuivis.plier)
        return jeunes.filter { j in
            let a = j.effectif.effectif.apprenant
            if let cherche,
                !FiltresSuivis.plier(a.prenom + " " + a.nom).contains(cherche),
                !FiltresSuivis.plier(a.nom + " " + a.prenom).contains(cherche)
            {
                return false
            }
            if let formation, j.effectif.effectif.formation.cfd?.uppercased() != formation { return false }
            if let statut, j.horsChamp != nil || j.statut != statut { return false }
            return true
        }
    }
}

/// A comment on a case, by the CFA or the mission locale: 1 to 2,000 characters.
public enum Commentaire {
    public static let longueurMax = 2_000

    public static func lire(_ texte: String) -> Result<String, ErreurSaisie> {
        let t = texte.trimmingCharacters(in: .whitespacesAndNewlines)
        if t.isEmpty { return .failure(ErreurSaisie("message", "Commentaire : écrivez votre message.")) }
        if t.count > longueurMax {
            return .failure(
                ErreurSaisie("message", "Commentaire : \(longueurMax) caractères au plus (\(t.count) saisis)."))
        }
        return .success(t)
    }
}
