import Outils

/// The fields of an API v3 item, in the order of the reference schema: errors are reported in this order and
/// the echo of an item in the response lists its known fields in this order. Unknown fields are ignored.
public enum ChampsDossier {
    static let suffixesContrat = ["", "_2", "_3", "_4"]

    public static let tous: [String] = {
        var champs = [
            "nom_apprenant", "prenom_apprenant", "date_de_naissance_apprenant", "annee_scolaire", "statut_apprenant",
            "date_metier_mise_a_jour_statut", "id_erp_apprenant", "ine_apprenant", "email_contact", "tel_apprenant",
            "libelle_court_formation", "annee_formation", "formation_rncp",
        ]
        for kind in [
            "contrat_date_debut", "contrat_date_fin", "contrat_date_rupture", "cause_rupture_contrat",
            "siret_employeur",
        ] {
            champs.append(kind)
        }
        for kind in [
            "contrat_date_debut", "contrat_date_fin", "contrat_date_rupture", "cause_rupture_contrat",
            "siret_employeur",
        ] {
            for s in suffixesContrat.dropFirst() { champs.append(kind + s) }
        }
        champs += [
            "custom_statut_apprenant", "nir_apprenant", "adresse_apprenant", "code_postal_apprenant",
            "code_postal_de_naissance_apprenant", "code_commune_insee_apprenant",
            "code_commune_insee_de_naissance_apprenant", "sexe_apprenant", "rqth_apprenant", "date_rqth_apprenant",
            "responsable_apprenant_mail1", "responsable_apprenant_mail2", "obtention_diplome_formation",
            "date_obtention_diplome_formation", "date_exclusion_formation", "cause_exclusion_formation",
            "nom_referent_handicap_formation", "prenom_referent_handicap_formation",
            "email_referent_handicap_formation", "formation_presentielle", "duree_theorique_formation",
            "duree_theorique_formation_mois", "date_inscription_formation", "date_entree_formation",
            "date_fin_formation", "etablissement_responsable_uai", "etablissement_responsable_siret",
            "etablissement_formateur_uai", "etablissement_formateur_siret", "etablissement_lieu_de_formation_uai",
            "etablissement_lieu_de_formation_siret", "etablissement_lieu_de_formation_adresse",
            "etablissement_lieu_de_formation_code_postal", "formation_cfd", "derniere_situation",
            "dernier_organisme_uai", "type_cfa",
        ]
        return champs
    }()

    /// Each known field but `nir_apprenant`: its rank in schema order and its name written as a JSON key.
    static let clesEcho: [String: (rang: Int, cle: [UInt8])] = {
        var r: [String: (rang: Int, cle: [UInt8])] = [:]
        for (rang, champ) in tous.enumerated() where champ != "nir_apprenant" {
            var cle: [UInt8] = []
            JSONTexte.chaine(champ, into: &cle)
            cle.append(UInt8(ascii: ":"))
            r[champ] = (rang, cle)
        }
        return r
    }()

    /// What the response echoes and the transmission history keeps of an item: its known fields as sent, in
    /// schema order, without `nir_apprenant`, as a JSON object text. Walks the item's own fields (a few dozen),
    /// not the whole schema.
    public static func echo(_ item: JSONValue) -> String {
        guard case .object(let o) = item else { return "{}" }
        var champs: [(rang: Int, cle: [UInt8], valeur: JSONValue)] = []
        champs.reserveCapacity(o.count)
        for (nom, valeur) in o {
            if let c = clesEcho[nom] { champs.append((c.rang, c.cle, valeur)) }
        }
        champs.sort { $0.rang < $1.rang }
        var out: [UInt8] = [UInt8(ascii: "{")]
        out.reserveCapacity(1024)
        for (k, c) in champs.enumerated() {
            if k > 0 { out.append(UInt8(ascii: ",")) }
            out.append(contentsOf: c.cle)
            JSONTexte.ecrire(c.valeur, into: &out)
        }
        out.append(UInt8(ascii: "}"))
        return String(decoding: out, as: UTF8.self)
    }
}
