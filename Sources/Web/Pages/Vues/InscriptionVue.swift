import Domain

/// `GET|POST /inscription` (`inscription`): the sign-up in three steps that work without JavaScript. Step 1 the type
/// of organisation (`?type=`), step 2 only the fields of that type (`&etape=verifier`), step 3 the organisation
/// found, its address, and the person's fields, posted to create the request.
struct InscriptionVue: VuePage {
    static let gabarit = "inscription"

    struct TypeVue: Sendable {
        let valeur: String
        let libelle: String
        let description: String
        let selectionne: Bool
    }

    struct ChoixOrganisme: Sendable {
        let id: String
        let nom: String
        let commune: String
        let siret: String
        let uai: String
        let selectionne: Bool
    }

    struct EtapeOrganisation: Sendable {
        let type: String
        let typeLibelle: String
        let description: String
        let demande: String
        /// An organisme de formation types its SIRET or UAI.
        let avecIdentifiant: Bool
        let identifiant: String
        let regions: [OptionVue]?
        let departements: [OptionVue]?
        let academies: [OptionVue]?
        let reseaux: [OptionVue]?
        /// Missions locales: the search in the référentiel and its results (nil for other types).
        let rechercheMissionLocale: RechercheMissionLocale?
        /// The référentiel of missions locales is empty: nothing to sign up for yet.
        let aucuneMissionLocale: Bool
        /// The form that checks the organisation (for a mission locale, once the search found some).
        let avecVerification: Bool
        /// Organismes sharing the UAI typed, to choose from.
        let choix: [ChoixOrganisme]
    }

    struct ChoixMissionLocale: Sendable {
        let code: String
        let nom: String
        /// « Lyon, Rhône (69) ».
        let lieu: String?
        let selectionne: Bool
    }

    struct RechercheMissionLocale: Sendable {
        let recherche: String
        let resultats: [ChoixMissionLocale]
        /// « 3 missions locales correspondent à « Lyon » », or why there is none.
        let resume: String?
    }

    /// At most this many results are listed: a wider search asks for more precision.
    static let resultatsMissionsLocales = 30

    struct Ligne: Sendable {
        let libelle: String
        let valeur: String
    }

    struct EtapeConfirmation: Sendable {
        let organisationNom: String
        let typeLibelle: String
        let lignes: [Ligne]
        let validation: String
        let champsCaches: [ChampCacheVue]
        let modifier: String
        let saisieEmail: String
        let saisieNom: String
        let saisiePrenom: String
    }

    /// Step 1, when no valid type is chosen yet.
    let types: [TypeVue]?
    let organisation: EtapeOrganisation?
    let confirmation: EtapeConfirmation?

    static func etapeType(choisi: String = "") -> InscriptionVue {
        InscriptionVue(
            types: TypeOrganisation.inscriptibles.map {
                TypeVue(
                    valeur: $0.rawValue, libelle: $0.libelle, description: DescriptionTypesVue.description($0),
                    selectionne: $0.rawValue == choisi)
            }, organisation: nil, confirmation: nil)
    }

    /// Step 2. `missionsLocales`: the référentiel (searched by `recherche`, the one chosen always listed); `choix`:
    /// organismes sharing the UAI.
    static func etapeOrganisation(
        _ type: TypeOrganisation, _ d: DemandeInscription, missionsLocales: [MissionLocale] = [],
        recherche: String = "", choix: [Organisme] = []
    ) -> InscriptionVue {
        let t = Territoires.france
        let a = type.ancrage
        let recherchees =
            a == .nom && !missionsLocales.isEmpty
            ? rechercheMissionLocale(missionsLocales, recherche: recherche, choisie: d.missionLocale) : nil
        let etape = EtapeOrganisation(
            type: type.rawValue, typeLibelle: type.libelle, description: DescriptionTypesVue.description(type),
            demande: DescriptionTypesVue.champ(type),
            avecIdentifiant: a == .organisme, identifiant: d.identifiant,
            regions: a == .region ? OptionVue.liste(t.regions.map { ($0.code, $0.nom) }, choisis: [d.region]) : nil,
            departements: a == .departement
                ? OptionVue.liste(t.departements.map { ($0.code, "\($0.code) — \($0.nom)") }, choisis: [d.departement])
                : nil,
            academies: a == .academie
                ? OptionVue.liste(t.academies.map { ($0.code, $0.nom) }, choisis: [d.academie]) : nil,
            reseaux: a == .reseau
                ? OptionVue.liste(Reseau.reference.map { ($0.cle, $0.nom) }, choisis: [d.reseau]) : nil,
            rechercheMissionLocale: recherchees,
            aucuneMissionLocale: a == .nom && missionsLocales.isEmpty,
            avecVerification: recherchees.map { !$0.resultats.isEmpty } ?? true,
            choix: choix.map {
                ChoixOrganisme(
                    id: String($0.id.rawValue), nom: $0.nom, commune: $0.adresse.commune ?? "commune inconnue",
                    siret: $0.siret.rawValue, uai: $0.uai?.rawValue ?? "sans UAI",
                    selectionne: String($0.id.rawValue) == d.organisme)
            })
        return InscriptionVue(types: nil, organisation: etape, confirmation: nil)
    }

    /// The missions locales matching the search (at most `resultatsMissionsLocales`), the one chosen first.
    static func rechercheMissionLocale(_ referentiel: [MissionLocale], recherche: String, choisie: String)
        -> RechercheMissionLocale
    {
        let t = Territoires.france
        var trouvees = RechercheMissionsLocales.filtrer(referentiel, recherche: recherche)
        let total = trouvees.count
        trouvees = Array(trouvees.prefix(resultatsMissionsLocales))
        if let ml = referentiel.first(where: { $0.code == choisie }), !trouvees.contains(ml) {
            trouvees.insert(ml, at: 0)
        }
        let resume: String? =
            recherche.isEmpty
            ? nil
            : total == 0
                ? "Aucune mission locale ne correspond à « \(recherche) » : essayez son département ou sa commune."
                : total > resultatsMissionsLocales
                    ? "\(total) missions locales correspondent à « \(recherche) » : les \(resultatsMissionsLocales) "
                        + "premières sont listées, précisez la recherche."
                    : total == 1
                        ? "Une mission locale correspond à « \(recherche) »."
                        : "\(total) missions locales correspondent à « \(recherche) »."
        return RechercheMissionLocale(
            recherche: recherche,
            resultats: trouvees.map { ml in
                let departement = ml.departement.flatMap { t.departement($0) }.map { "\($0.nom) (\($0.code))" }
                return ChoixMissionLocale(
                    code: ml.code, nom: ml.nom,
                    lieu: [ml.commune, departement].compactMap { $0 }.joined(separator: ", ").nilSiVide,
                    selectionne: ml.code == choisie || (trouvees.count == 1 && choisie.isEmpty))
            }, resume: resume)
    }

    /// Step 3: what was found, and the person's fields.
    static func etapeConfirmation(_ d: DemandeInscription, _ trouvee: OrganisationTrouvee) -> InscriptionVue {
        let o = trouvee.organisation
        let t = Territoires.france
        var lignes: [Ligne] = [Ligne(libelle: "Type", valeur: o.type.libelle)]
        if let org = trouvee.organisme {
            lignes.append(Ligne(libelle: "SIRET", valeur: org.siret.rawValue))
            lignes.append(Ligne(libelle: "UAI", valeur: org.uai?.rawValue ?? "aucun"))
            let ad = org.adresse
            let commune = [ad.codePostal, ad.commune].compactMap { $0 }.joined(separator: " ")
            let territoire = [
                ad.departement.flatMap { t.departement($0) }.map { "\($0.nom) (\($0.code))" },
                ad.region.flatMap { t.region($0) }?.nom,
            ].compactMap { $0 }.joined(separator: ", ")
            lignes.append(
                Ligne(
                    libelle: "Adresse",
                    valeur: [commune, territoire].filter { !$0.isEmpty }.joined(separator: " — ")
                        .ifEmpty("non renseignée dans le référentiel")))
        }
        if let code = o.missionLocale { lignes.append(Ligne(libelle: "Code de la mission locale", valeur: code)) }
        if let r = o.region.flatMap({ t.region($0) }) { lignes.append(Ligne(libelle: "Région", valeur: r.nom)) }
        if let dep = o.departement.flatMap({ t.departement($0) }) {
            lignes.append(Ligne(libelle: "Département", valeur: "\(dep.nom) (\(dep.code))"))
        }
        if let ac = o.academie.flatMap({ t.academie($0) }) {
            lignes.append(Ligne(libelle: "Académie", valeur: ac.nom))
        }
        if let r = o.reseau.flatMap(Reseau.nomme) { lignes.append(Ligne(libelle: "Réseau", valeur: r.nom)) }
        if o.type.ancrage == .national { lignes.append(Ligne(libelle: "Territoire", valeur: "France entière")) }
        let caches: [(String, String)] = [
            ("type_organisation", d.type), ("identifiant", d.identifiant), ("region", d.region),
            ("departement", d.departement), ("academie", d.academie), ("reseau", d.reseau),
            ("organisme", d.organisme), ("mission_locale", d.missionLocale),
        ].filter { !$0.1.isEmpty }
        return InscriptionVue(
            types: nil, organisation: nil,
            confirmation: EtapeConfirmation(
                organisationNom: o.nom, typeLibelle: o.type.libelle, lignes: lignes,
                validation: trouvee.existante != nil
                    ? "Cette organisation a déjà un compte : votre demande sera validée par ses administrateurs."
                    : "Cette organisation n'a pas encore de compte : votre demande sera validée par l'équipe du "
                        + "service, et vous serez l'administrateur de l'organisation.",
                champsCaches: ChampCacheVue.liste(caches),
                modifier: "/inscription?" + lienEtape2(d),
                saisieEmail: d.email, saisieNom: d.nom, saisiePrenom: d.prenom))
    }

    /// The query of step 2 with what was typed.
    static func lienEtape2(_ d: DemandeInscription) -> String {
        [
            ("type", d.type), ("identifiant", d.identifiant), ("region", d.region), ("departement", d.departement),
            ("academie", d.academie), ("reseau", d.reseau), ("mission_locale", d.missionLocale),
        ].filter { !$0.1.isEmpty }.map { "\($0.0)=\(ParametresJournal.encoder($0.1))" }.joined(separator: "&")
    }
}

extension String {
    fileprivate var nilSiVide: String? { isEmpty ? nil : self }
    fileprivate func ifEmpty(_ autre: String) -> String { isEmpty ? autre : self }
}
