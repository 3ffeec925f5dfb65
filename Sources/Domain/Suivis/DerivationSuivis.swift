/// The case row of an effectif, as every store writes it in the batch's transaction and at a rebuild.
public enum DerivationSuivis {
    /// Bumped when the rules change: a store whose cases were derived under another number rebuilds them.
    public static let versionDesRegles: Int64 = 1

    /// `declaree`: the day of a rupture the CFA declared. While the ERP's data still has the contract running that
    /// day, the case follows the declared timeline; once it does not, the ERP's timeline rules again.
    public static func ligne(
        id: EffectifID, effectif e: Effectif, parcours: Parcours, regles: ReglesSuivi,
        couverture: CouvertureMissionsLocales, declaree: Jour? = nil
    ) -> LigneSuivi {
        if let d = declaree, let declare = DeclarationRupture.parcours(e, declaree: d) {
            var l = ligne(id: id, effectif: e, parcours: declare, regles: regles, couverture: couverture)
            l.ruptureDeclaree = d
            return l
        }
        let faits = FaitsSuivi(e, parcours: parcours)
        let candidat = regles.candidat(faits, couverture: couverture)
        return LigneSuivi(
            effectif: id,
            missionLocale: couverture.missionLocale(communeInsee: faits.communeInsee, codePostal: faits.codePostal),
            organisme: e.organismeId, rupture: candidat?.rupture, nom: e.apprenant.nom, prenom: e.apprenant.prenom,
            dateDeNaissance: e.apprenant.dateDeNaissance, rqth: faits.rqth, communeInsee: faits.communeInsee,
            codePostal: faits.codePostal, cfd: e.formation.cfd, rncp: e.formation.rncp, parcours: parcours)
    }

    /// The last write of each effectif (a batch may hold the same learner twice).
    public static func derniers<T>(_ ecrits: [(id: EffectifID, effectif: Effectif, parcours: T)])
        -> [(id: EffectifID, effectif: Effectif, parcours: T)]
    {
        var vus = Set<EffectifID>()
        return ecrits.reversed().filter { vus.insert($0.id).inserted }.reversed()
    }

    /// The fingerprint of what the stored cases were derived under: rules, start date, référentiel version.
    public static func empreinte(regles: ReglesSuivi, versionReferentiel: Int64) -> Int64 {
        versionDesRegles &* 1_000_003 &+ Int64(regles.depuis.rawValue) &* 1_009 &+ versionReferentiel
    }
}
