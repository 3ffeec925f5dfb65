/// The checks the reference runs in its queue processor (domain §3.3), run here before anything is stored.
public enum ControlesMetier {
    public static func verifier(_ d: DossierApprenant, formateur: Organisme?, responsable: Organisme?)
        -> [ErreurValidation]
    {
        var erreurs: [ErreurValidation] = []
        if formateur == nil {
            erreurs.append(
                ErreurValidation(
                    path: ["etablissement_formateur_uai", "etablissement_formateur_siret"],
                    message: Message.formateurNonTrouve))
        }
        if responsable == nil {
            erreurs.append(
                ErreurValidation(
                    path: ["etablissement_responsable_uai", "etablissement_responsable_siret"],
                    message: Message.responsableNonTrouve))
        }
        for (contrat, suffixe) in zip(d.contrats, ChampsDossier.suffixesContrat) {
            erreurs += contratIncomplet(contrat, suffixe: suffixe)
        }
        if formateur != nil, responsable != nil, d.dateFin < d.dateEntree {
            erreurs.append(ErreurValidation("date_fin_formation", Message.dateFinAvantEntree))
        }
        return erreurs
    }

    /// An end, a rupture date or a cause without a start date: two issues, the first listing, in this fixed order,
    /// the fields that are present.
    static func contratIncomplet(_ c: DossierApprenant.Contrat, suffixe s: String) -> [ErreurValidation] {
        guard c.dateDebut == nil else { return [] }
        var presents: [String] = []
        if c.dateFin != nil { presents.append("contrat_date_fin" + s) }
        if c.causeRupture != nil { presents.append("cause_rupture_contrat" + s) }
        if c.dateRupture != nil { presents.append("contrat_date_rupture" + s) }
        guard !presents.isEmpty else { return [] }
        return [
            ErreurValidation(path: presents, message: Message.contratDebutManquant(s)),
            ErreurValidation(path: ["contrat_date_debut" + s], message: Message.contratDebutRequis(s)),
        ]
    }
}
