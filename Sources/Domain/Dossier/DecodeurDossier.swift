import Outils

/// The outcome of reading one item: a valid dossier, or its errors in schema order.
public enum DossierDecode: Sendable {
    case valide(DossierApprenant)
    case invalide([ErreurValidation])

    public var erreurs: [ErreurValidation] {
        if case .invalide(let e) = self { return e }
        return []
    }
}

/// Validates and normalises one API v3 item (domain §2.3), field by field in schema order.
public enum DecodeurDossier {
    public static func decoder(_ item: JSONValue) -> DossierDecode { decoder(item, releve: nil) }

    /// The same reading, noting in `releve` each field read, how and whether it is required (`DescriptionDossier`).
    static func decoder(_ item: JSONValue, releve: ReleveChamps?) -> DossierDecode {
        guard case .object(let objet) = item else {
            return .invalide([ErreurValidation(path: [], message: Message.objectAttendu)])
        }
        var l = LecteurChamps(objet, releve: releve)

        let nom = l.texteNonVide("nom_apprenant", requis: true)?.uppercased()
        let prenom = l.texteNonVide("prenom_apprenant", requis: true)
        let naissance = l.date("date_de_naissance_apprenant", requis: true)
        let annee = l.code("annee_scolaire", requis: true, nombre: false, message: Message.anneeScolaire) {
            s -> AnneeScolaire? in
            AnneeScolaire(s)
        }
        var statut: Int?
        if let v = l.valeur("statut_apprenant", lu: .enumeration(["0", "2", "3"])) {
            statut = l.entierParseInt(v).flatMap { [0, 2, 3].contains($0) ? $0 : nil }
            if statut == nil { l.erreur("statut_apprenant", Message.statutApprenant) }
        }
        let dateMetier = l.date("date_metier_mise_a_jour_statut")
        let idErp = idErpApprenant(&l)
        let ine = l.texte("ine_apprenant", nombre: true).map { $0.trimmingSpaces().uppercased() }
        let email = l.email("email_contact")
        let telephone = telephone(&l)
        _ = l.texteNonVide("libelle_court_formation", min: 2)
        let anneeFormation = anneeFormation(&l)
        let rncp = l.code("formation_rncp", message: Message.rncp, RNCP.init)

        // The first contract's fields, then each field of the other three (the order of the errors).
        var contrats = ChampsDossier.suffixesContrat.map { _ in DossierApprenant.Contrat() }
        let c = ClesContrat.self
        contrats[0].dateDebut = l.date(c.dateDebut[0])
        contrats[0].dateFin = l.date(c.dateFin[0])
        contrats[0].dateRupture = l.date(c.dateRupture[0])
        contrats[0].causeRupture = l.texte(c.causeRupture[0])
        contrats[0].siretEmployeur = l.codeRepare(c.siretEmployeur[0], SIRET.init)
        for i in contrats.indices.dropFirst() { contrats[i].dateDebut = l.date(c.dateDebut[i]) }
        for i in contrats.indices.dropFirst() { contrats[i].dateFin = l.date(c.dateFin[i]) }
        for i in contrats.indices.dropFirst() { contrats[i].dateRupture = l.date(c.dateRupture[i]) }
        for i in contrats.indices.dropFirst() { contrats[i].causeRupture = l.texte(c.causeRupture[i]) }
        for i in contrats.indices.dropFirst() {
            contrats[i].siretEmployeur = l.codeRepare(c.siretEmployeur[i], SIRET.init)
        }

        let custom = l.valeur("custom_statut_apprenant", lu: .libre).map { $0.javascriptString ?? "[object Object]" }
        let hasNir = l.valeur("nir_apprenant", lu: .nonConserve)?.isTruthy ?? false
        let adresse = l.texte("adresse_apprenant")?.trimmingSpaces()
        let codePostal = l.code("code_postal_apprenant", message: Message.codePostal, CodePostal.init)
        let codePostalNaissance = l.codeRepare("code_postal_de_naissance_apprenant", CodePostal.init)
        let insee = l.code("code_commune_insee_apprenant", message: Message.formatInvalide, CodeCommuneInsee.init)
        let inseeNaissance = l.code(
            "code_commune_insee_de_naissance_apprenant", message: Message.formatInvalide, CodeCommuneInsee.init)
        let sexe = sexe(&l)
        let rqth = l.booleen("rqth_apprenant")
        let dateRqth = l.date("date_rqth_apprenant")
        let mail1 = l.email("responsable_apprenant_mail1")
        let mail2 = l.email("responsable_apprenant_mail2")
        let obtention = l.booleen("obtention_diplome_formation")
        let dateObtention = l.date("date_obtention_diplome_formation")
        let dateExclusion = l.date("date_exclusion_formation")
        let causeExclusion = l.texte("cause_exclusion_formation")
        let nomReferent = l.texte("nom_referent_handicap_formation")
        let prenomReferent = l.texte("prenom_referent_handicap_formation")
        let emailReferent = l.email("email_referent_handicap_formation", trim: false)
        let presentielle = l.booleen("formation_presentielle")
        let dureeAnnees = l.dureeReparee("duree_theorique_formation", 1...4)
        let dureeMois = l.dureeReparee("duree_theorique_formation_mois", 1...48)
        let inscription = l.date("date_inscription_formation", requis: true)
        let entree = l.date("date_entree_formation", requis: true)
        let fin = l.date("date_fin_formation", requis: true)
        let respUAI = l.code("etablissement_responsable_uai", requis: true, nombre: false, message: Message.uai, uai)
        let respSIRET = l.code("etablissement_responsable_siret", requis: true, message: Message.siret, SIRET.init)
        let formUAI = l.code("etablissement_formateur_uai", requis: true, nombre: false, message: Message.uai, uai)
        let formSIRET = l.code("etablissement_formateur_siret", requis: true, message: Message.siret, SIRET.init)
        let lieuUAI = l.code("etablissement_lieu_de_formation_uai", nombre: false, message: Message.uai, uai)
        let lieuSIRET = l.codeRepare("etablissement_lieu_de_formation_siret", SIRET.init)
        let lieuAdresse = l.texte("etablissement_lieu_de_formation_adresse")?.trimmingSpaces()
        let lieuCodePostal = l.code(
            "etablissement_lieu_de_formation_code_postal", message: Message.codePostal, CodePostal.init)
        let cfd = l.code("formation_cfd", message: Message.cfd, CFD.init)
        let derniereSituation = derniereSituation(&l)
        let dernierUAI = l.code("dernier_organisme_uai", message: Message.dernierOrganismeUAI, dernierOrganisme)
        let typeCfa = typeCfa(&l)

        guard l.erreurs.isEmpty, let nom, let prenom, let naissance, let annee, let idErp, let inscription,
            let entree, let fin, let respUAI, let respSIRET, let formUAI, let formSIRET
        else { return .invalide(l.erreurs) }

        return .valide(
            DossierApprenant(
                nom: nom, prenom: prenom, dateDeNaissance: naissance, ine: ine, email: email,
                telephone: telephone, hasNir: hasNir, sexe: sexe, rqth: rqth, dateRqth: dateRqth,
                responsableMail1: mail1, responsableMail2: mail2, adresse: adresse, codePostal: codePostal,
                codeCommuneInsee: insee, codePostalNaissance: codePostalNaissance,
                codeCommuneInseeNaissance: inseeNaissance, derniereSituation: derniereSituation,
                dernierOrganismeUAI: dernierUAI, typeCfa: typeCfa, customStatut: custom, statutApprenant: statut,
                dateMetierMiseAJourStatut: dateMetier, anneeScolaire: annee, idErpApprenant: idErp, cfd: cfd,
                rncp: rncp, anneeFormation: anneeFormation, dureeTheoriqueAnnees: dureeAnnees,
                dureeTheoriqueMois: dureeMois, formationPresentielle: presentielle, obtentionDiplome: obtention,
                dateObtentionDiplome: dateObtention, dateExclusion: dateExclusion, causeExclusion: causeExclusion,
                nomReferentHandicap: nomReferent, prenomReferentHandicap: prenomReferent,
                emailReferentHandicap: emailReferent, dateInscription: inscription, dateEntree: entree,
                dateFin: fin, contrats: contrats, responsableUAI: respUAI, responsableSIRET: respSIRET,
                formateurUAI: formUAI, formateurSIRET: formSIRET, lieuUAI: lieuUAI, lieuSIRET: lieuSIRET,
                lieuAdresse: lieuAdresse, lieuCodePostal: lieuCodePostal))
    }

    /// The names of each contract field, for the four contracts (written once, not at every item).
    private enum ClesContrat {
        static func cles(_ champ: String) -> [String] { ChampsDossier.suffixesContrat.map { champ + $0 } }
        static let dateDebut = cles("contrat_date_debut")
        static let dateFin = cles("contrat_date_fin")
        static let dateRupture = cles("contrat_date_rupture")
        static let causeRupture = cles("cause_rupture_contrat")
        static let siretEmployeur = cles("siret_employeur")
    }

    /// UAI fields are strings only (a number is `String attendu`).
    private static func uai(_ s: String) -> UAI? { UAI(s) }

    /// Required; numbers are accepted as strings; an empty value is rejected (deliberate difference #3).
    private static func idErpApprenant(_ l: inout LecteurChamps) -> String? {
        guard let s = l.texte("id_erp_apprenant", requis: true, nombre: true)?.trimmingSpaces() else { return nil }
        guard !s.isEmpty else {
            l.erreur("id_erp_apprenant", Message.champObligatoire)
            return nil
        }
        return s
    }

    private static func telephone(_ l: inout LecteurChamps) -> String? {
        guard let v = l.valeur("tel_apprenant", lu: .telephone) else { return nil }
        guard let s = v.javascriptString else {
            l.erreur("tel_apprenant", Message.formatInvalide)
            return nil
        }
        if s.isEmpty { return nil }
        switch Telephone.normaliser(s) {
        case .numero(let n): return n
        case .erreur(let m):
            l.erreur("tel_apprenant", m)
            return nil
        }
    }

    /// A truthy value goes through `Number()`; then an integer from 0 to 5.
    private static func anneeFormation(_ l: inout LecteurChamps) -> Int? {
        guard let v = l.valeur("annee_formation", lu: .entier(0...5)) else { return nil }
        var n: Double?
        switch v {
        case .number(let d): n = d
        case .bool(true): n = 1
        case .string(let s) where !s.isEmpty: n = Double(s.trimmingSpaces()) ?? (s.trimmingSpaces().isEmpty ? 0 : nil)
        default: n = nil
        }
        guard let n, !n.isNaN else {
            l.erreur("annee_formation", Message.numberAttendu)
            return nil
        }
        guard n == n.rounded() else {
            l.erreur("annee_formation", Message.integerAttendu)
            return nil
        }
        guard n >= 0 else {
            l.erreur("annee_formation", Message.anneeFormationMin)
            return nil
        }
        guard n <= 5 else {
            l.erreur("annee_formation", Message.anneeFormationMax)
            return nil
        }
        return Int(n)
    }

    /// First `H` → `M`, first `1` → `M`, first `2` → `F`, then exactly `M` or `F`.
    private static func sexe(_ l: inout LecteurChamps) -> String? {
        guard let v = l.valeur("sexe_apprenant", lu: .enumeration(["M", "F", "H", "1", "2"])) else { return nil }
        var s = (v.javascriptString ?? "").trimmingSpaces()
        // JavaScript's `replace` of the first occurrence of each, in turn ("M" and "F" are left as they are).
        if s != "M" && s != "F" {
            for (from, to) in [("H", "M"), ("1", "M"), ("2", "F")] as [(Unicode.Scalar, Unicode.Scalar)] {
                if let i = s.unicodeScalars.firstIndex(of: from) {
                    s.unicodeScalars.replaceSubrange(i...i, with: [to])
                }
            }
        }
        guard s == "M" || s == "F", v != .bool(true), v != .bool(false) else {
            l.erreur("sexe_apprenant", Message.sexe)
            return nil
        }
        return s
    }

    /// A SIFA code (`0` means absent).
    private static func derniereSituation(_ l: inout LecteurChamps) -> Int? {
        guard let v = l.valeur("derniere_situation", lu: .codeSIFA) else { return nil }
        let code = l.entierParseInt(v)
        if code == 0 { return nil }
        guard let code, ReferentielSIFA.dernieresSituations.contains(code) else {
            l.erreur("derniere_situation", Message.invalidInput)
            return nil
        }
        return code
    }

    /// A UAI, a département code (optional leading 0), or the SIFA codes 990, 991, 993, 995.
    static func dernierOrganisme(_ s: String) -> String? {
        let b = Array(s.utf8)
        if b.count == 8, b[0..<7].allSatisfy(isDigit), (65...90).contains(b[7]) || (97...122).contains(b[7]) {
            return s
        }
        return codesDepartementSIFA.contains(s) ? s : nil
    }

    private static let codesDepartementSIFA: Set<String> = {
        var set: Set<String> = ["2A", "2B", "02A", "02B"]
        for n in 0...99 {
            let two = n < 10 ? "0\(n)" : "\(n)"
            set.insert(two)
            set.insert("0" + two)
        }
        for n in [971, 972, 973, 974, 976, 977, 978, 986, 987, 988, 990, 991, 993, 995] { set.insert("\(n)") }
        return set
    }()

    private static func typeCfa(_ l: inout LecteurChamps) -> String? {
        guard let v = l.valeur("type_cfa", lu: .enumeration((1...10).map { $0 < 10 ? "0\($0)" : "\($0)" })) else {
            return nil
        }
        var s = v.javascriptString ?? ""
        if s.count < 2 { s = String(repeating: "0", count: 2 - s.count) + s }
        guard ReferentielSIFA.typesCfa.contains(s), v != .bool(true), v != .bool(false) else {
            l.erreur("type_cfa", Message.typeCfa(received: s))
            return nil
        }
        return s
    }
}
