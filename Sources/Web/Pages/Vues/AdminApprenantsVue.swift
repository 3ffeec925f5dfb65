import Domain

/// `GET /admin/apprenants` (`admin-apprenants`): find a learner's effectifs, to export or erase them on request, and
/// the erased learners an ERP sent again.
struct AdminApprenantsVue: VuePage {
    static let gabarit = "admin-apprenants"

    struct Trouve: Sendable {
        let id: String
        let nom: String
        let prenom: String
        let naissance: String
        let annee: String
        let idErp: String
        let organisme: String
    }

    struct Revenu: Sendable {
        let efface: String
        let revenu: String
        let organisme: String
        let annee: String
    }

    // The search form, as typed.
    let uai: String
    let siret: String
    let annee: String
    let idErp: String
    let nom: String
    let prenom: String
    let naissance: String
    /// A search was made (its results are shown, even when empty).
    let recherche: Bool
    /// The search as a query string, for the export link.
    let requete: String
    /// The search as hidden fields, for the erasure form.
    let champsRecherche: [ChampCacheVue]
    let effectifs: [Trouve]
    let revenus: [Revenu]

    /// `champs`: the query; `trouves`: the effectifs found, when a search was made.
    static func construire(champs: [String: String], trouves: [EffectifStocke]?, revenus: [Effacement])
        -> AdminApprenantsVue
    {
        let recherche = champs.filter { !$0.value.isEmpty && $0.key != "efface" }.sorted { $0.key < $1.key }
        return AdminApprenantsVue(
            uai: champs["uai"] ?? "", siret: champs["siret"] ?? "", annee: champs["annee"] ?? "",
            idErp: champs["id_erp"] ?? "", nom: champs["nom"] ?? "", prenom: champs["prenom"] ?? "",
            naissance: champs["naissance"] ?? "",
            recherche: trouves != nil,
            requete: trouves == nil
                ? "" : recherche.map { "\($0.key)=\(ParametresJournal.encoder($0.value))" }.joined(separator: "&"),
            champsRecherche: trouves == nil ? [] : recherche.map { ChampCacheVue(nom: $0.key, valeur: $0.value) },
            effectifs: (trouves ?? []).map { e in
                Trouve(
                    id: String(e.id.rawValue), nom: e.effectif.apprenant.nom, prenom: e.effectif.apprenant.prenom,
                    naissance: e.effectif.apprenant.dateDeNaissance.description,
                    annee: e.effectif.anneeScolaire.description, idErp: e.effectif.idErpApprenant,
                    organisme: String(e.effectif.organismeId.rawValue))
            },
            revenus: revenus.map { e in
                Revenu(
                    efface: dateHeureFR(e.le), revenu: e.revenuLe.map(dateHeureFR) ?? "",
                    organisme: String(e.organisme.rawValue), annee: e.anneeScolaire.description)
            })
    }
}
