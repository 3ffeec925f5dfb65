/// What the follow-up rules read of a learner: its timeline, its age, RQTH, and where it lives.
public struct FaitsSuivi: Sendable, Equatable {
    public var parcours: Parcours
    public var dateDeNaissance: Jour
    public var rqth: Bool
    public var communeInsee: String?
    public var codePostal: String?

    public init(parcours: Parcours, dateDeNaissance: Jour, rqth: Bool, communeInsee: String?, codePostal: String?) {
        self.parcours = parcours
        self.dateDeNaissance = dateDeNaissance
        self.rqth = rqth
        self.communeInsee = communeInsee
        self.codePostal = codePostal
    }

    public init(_ e: Effectif, parcours: Parcours) {
        self.init(
            parcours: parcours, dateDeNaissance: e.apprenant.dateDeNaissance, rqth: e.apprenant.rqth == true,
            communeInsee: e.apprenant.adresse?.codeInsee, codePostal: e.apprenant.adresse?.codePostal)
    }
}

/// Why a learner is in no mission locale's list today.
public enum MotifHorsListe: String, Sendable, Equatable {
    case pasDeRupture = "pas_de_rupture"
    case ruptureAvantDebutDuSuivi = "rupture_avant_debut_du_suivi"
    case age
    case horsTerritoire = "hors_territoire"
    case nouveauContrat = "nouveau_contrat"
    case formationTerminee = "formation_terminee"
}

/// The banner of a case that stays in the list after the young person found a contract or finished the formation.
public enum BandeauSuivi: String, Sendable, Equatable {
    case nouveauContrat = "nouveau_contrat"
    case formationTerminee = "formation_terminee"

    public var libelle: String {
        switch self {
        case .nouveauContrat: "Nouveau contrat : le jeune est de nouveau en contrat d'apprentissage."
        case .formationTerminee: "Formation terminée."
        }
    }
}

public enum DecisionSuivi: Sendable, Equatable {
    case dansLaListe(missionLocale: String, rupture: Jour, bandeau: BandeauSuivi?)
    case horsListe(MotifHorsListe)

    public var missionLocale: String? {
        if case .dansLaListe(let ml, _, _) = self { ml } else { nil }
    }
}

/// Who is followed by a mission locale (F16): a young person whose latest contract rupture has happened, on or after
/// the start of follow-up, aged 16 to 25 on the day of the rupture (or at any age with RQTH), living in a commune a
/// mission locale covers; out again when back in contract or at the end of the formation, unless the case was
/// already handled (then it stays with a banner). Read at any day: statuses change with time alone.
public struct ReglesSuivi: Sendable, Equatable {
    /// `TDB_SUIVI_DEPUIS`: ruptures before this day are not followed.
    public var depuis: Jour

    public static let depuisParDefaut = Jour(year: 2025, month: 1, day: 1)

    public init(depuis: Jour = ReglesSuivi.depuisParDefaut) { self.depuis = depuis }

    /// The decision at `aujourdhui`, the residence resolved through the référentiel.
    public func decider(
        _ f: FaitsSuivi, couverture: CouvertureMissionsLocales, aujourdhui: Jour, prisEnCharge: Bool
    ) -> DecisionSuivi {
        decider(
            f, missionLocale: couverture.missionLocale(communeInsee: f.communeInsee, codePostal: f.codePostal),
            aujourdhui: aujourdhui, prisEnCharge: prisEnCharge)
    }

    /// The decision at `aujourdhui` for a learner whose residence is covered by `missionLocale` (nil: by none).
    /// `prisEnCharge`: the mission locale recorded an outcome or the CFA sent the case.
    public func decider(_ f: FaitsSuivi, missionLocale: String?, aujourdhui: Jour, prisEnCharge: Bool)
        -> DecisionSuivi
    {
        guard let rupture = Self.derniereRupture(f.parcours, auPlusTard: aujourdhui) else {
            return .horsListe(.pasDeRupture)
        }
        guard rupture >= depuis else { return .horsListe(.ruptureAvantDebutDuSuivi) }
        guard Self.eligible(f, le: rupture) else { return .horsListe(.age) }
        guard let missionLocale else { return .horsListe(.horsTerritoire) }
        switch f.parcours.statut(a: aujourdhui) {
        case .apprenti:
            return prisEnCharge
                ? .dansLaListe(missionLocale: missionLocale, rupture: rupture, bandeau: .nouveauContrat)
                : .horsListe(.nouveauContrat)
        case .finDeFormation:
            return prisEnCharge
                ? .dansLaListe(missionLocale: missionLocale, rupture: rupture, bandeau: .formationTerminee)
                : .horsListe(.formationTerminee)
        default:
            return .dansLaListe(missionLocale: missionLocale, rupture: rupture, bandeau: nil)
        }
    }

    /// Whether the learner needs a stored case, whatever the day: a covered residence and a rupture on or after the
    /// start of follow-up at an eligible age. Returns its mission locale and the latest such rupture.
    public func candidat(_ f: FaitsSuivi, couverture: CouvertureMissionsLocales) -> (
        missionLocale: String, rupture: Jour
    )? {
        guard let ml = couverture.missionLocale(communeInsee: f.communeInsee, codePostal: f.codePostal) else {
            return nil
        }
        guard let r = Self.ruptures(f.parcours).last(where: { $0 >= depuis && Self.eligible(f, le: $0) }) else {
            return nil
        }
        return (ml, r)
    }

    /// The starts of the RUPTURANT runs of a timeline, in order.
    public static func ruptures(_ p: Parcours) -> [Jour] {
        var debuts: [Jour] = []
        var precedent: StatutApprenant?
        for e in p.etapes {
            if e.valeur == .rupturant, precedent != .rupturant { debuts.append(e.date) }
            precedent = e.valeur
        }
        return debuts
    }

    /// The start of the last RUPTURANT run begun on or before `jour`.
    public static func derniereRupture(_ p: Parcours, auPlusTard jour: Jour) -> Jour? {
        ruptures(p).last(where: { $0 <= jour })
    }

    /// 16 to 25 on the day (the 16th birthday on or before it, the 26th after it), or RQTH at any age.
    public static func eligible(_ f: FaitsSuivi, le jour: Jour) -> Bool {
        f.rqth || (anniversaire(f.dateDeNaissance, ans: 16) <= jour && jour < anniversaire(f.dateDeNaissance, ans: 26))
    }

    /// The day one turns `ans`: born on 29 February, on 1 March in a common year.
    public static func anniversaire(_ naissance: Jour, ans: Int) -> Jour {
        let (a, m, j) = naissance.components
        return Jour(year: a + ans, month: m, day: j)
    }

    /// Full years at `jour`.
    public static func age(_ naissance: Jour, le jour: Jour) -> Int {
        let (a, m, j) = naissance.components
        let (aa, mm, jj) = jour.components
        return aa - a - ((mm, jj) < (m, j) ? 1 : 0)
    }
}
