import Domain
import Foundation
import Hummingbird
import IndexEffectifs
import Outils

/// An organisme's page (F7) and its transmissions (F9), for the users whose perimeter covers it.
struct PagesOrganisme {
    let deps: Dependances

    /// The organisme named in the path, if the user may open this page of it (else 404 / 403): the same
    /// condition as the links to it (`Identite+Acces.swift`).
    func organisme(_ context: ContexteRequete, _ i: Identite, _ autorise: (Identite) -> (Organisme) -> Bool)
        async throws -> (Organisme, Identite)
    {
        guard let id = context.parameters.get("id").flatMap(Int64.init).map(OrganismeID.init),
            let o = try await deps.store.organisme(id: id)
        else { throw ErreurComptes.introuvable }
        guard autorise(i)(o) else { throw ErreurComptes.interdit }
        return (o, i)
    }

    @Sendable func page(_ request: Request, context: ContexteRequete, identite: Identite) async throws -> Response {
        let (o, i) = try await organisme(context, identite, Identite.peutOuvrir)
        let query = VueTableau.requete(request)
        let aujourdhui = Jour(deps.horloge.now())
        let f = try VueTableau.filtres(
            query, aujourdhui: aujourdhui, autorises: ["date", "formation_cfds", "formation_niveaux"],
            autres: ["q", "statut", "page", "tri_formations", "tri_organismes"])
        let statut = query.first { $0.0 == "statut" }?.1
        if let statut, !ListesNominatives.statuts.contains(where: { $0.cle == statut }) {
            throw ErreurApi.parametre(
                "statut", "Valeur attendue : \(ListesNominatives.statuts.map(\.cle).joined(separator: ", "))")
        }
        // The organisme's own view counts it whatever its reliability (§7.2).
        let r = RequeteIndicateurs(
            perimetre: .organismes([o.id]), filtres: f, fiablesSeulement: false, aujourdhui: aujourdhui)
        let parFormation = await deps.index.compter(r, par: .formation)
        // The formation filter offers the organisme's formations (without the filter, to keep them all listed).
        var sansFiltreFormation = r
        sansFiltreFormation.filtres.cfds = []
        let formationsProposees =
            (f.cfds.isEmpty ? parFormation : await deps.index.compter(sansFiltreFormation, par: .formation))
            .compactMap { l in l.cfd.map { (cfd: $0, libelle: l.libelle.isEmpty ? $0 : "\(l.libelle) (\($0))") } }
            .sorted { $0.libelle < $1.libelle }
        // Its formateurs, with their counters, when it is responsible for some the user may see.
        let formateurs = try await deps.store.formateurs(de: o.id).map(\.id)
            .filter { id in deps.index.organisme(id).map(i.peutOuvrir) ?? false }
        let rf = RequeteIndicateurs(
            perimetre: .organismes(Set(formateurs)), filtres: f, fiablesSeulement: false, aujourdhui: aujourdhui)
        // Sorts are checked before the list's access is written to the audit log.
        try VueTableau.verifierTri(query, "tri_formations")
        if !formateurs.isEmpty { try VueTableau.verifierTri(query, "tri_organismes") }
        // Its learners by name, for those allowed to see them.
        var apprenants: OrganismeVue.Apprenants?
        if i.peutVoirListe(.apprenants, de: o) {
            let codes = statut.flatMap { s in ListesNominatives.statuts.first { $0.cle == s }.map { Set([$0.code]) } }
            let ecran = try await ListesNominatives.ecran(
                deps, r, codes: codes, query: query, identite: i,
                liste: "Apprenants de \(o.nom)", perimetre: .organismes([o.id]))
            apprenants = OrganismeVue.Apprenants(
                ecran: ecran, contacts: ListesNominatives.avecContacts(i), statut: statut,
                formations: formationsProposees,
                telechargements: IndicateurListe.allCases.filter { i.peutVoirListe($0, de: o) })
        }
        let vue = try await OrganismeVue.construire(
            o, filtres: f, compteurs: deps.index.compter(r), evolution: PagesIndicateurs(deps: deps).evolution(r),
            parFormation: parFormation, formateurs: formateurs.isEmpty ? nil : deps.index.compter(rf, par: .organisme),
            voitTransmissions: i.peutVoirTransmissions(de: o),
            cles: i.organisation.organisme == o.id && i.droits.perimetre(.configurerTransmission).inclut(o),
            apprenants: apprenants, query: query,
            lienOrganisme: { id in deps.index.organisme(id).flatMap { Navigation.organisme($0, i) } })
        return try await deps.page(vue, o.nom, request, context)
    }

    /// `GET /organismes/:id/transmissions[?jour=AAAA-MM-JJ]`: items accepted and rejected per day over 90 days; for
    /// a day, the most frequent errors and — only for users who may see the organisme's named lists, and written to
    /// the audit log — the rejected learners with their errors.
    @Sendable func transmissions(_ request: Request, context: ContexteRequete, identite: Identite) async throws
        -> Response
    {
        let (o, i) = try await organisme(context, identite, Identite.peutVoirTransmissions(de:))
        let query = VueTableau.requete(request)
        for (cle, _) in query where cle != "jour" {
            throw ErreurApi.parametre(cle, "Paramètre inconnu")
        }
        let maintenant = deps.horloge.now()
        let jours = try await deps.store.transmissionsParJour(
            organisme: o.id, depuis: maintenant.addingTimeInterval(-90 * 86_400))
        var rejets: (jour: Jour, rejets: [ItemRejete])?
        var nominatif = false
        if let texte = query.first(where: { $0.0 == "jour" })?.1 {
            guard let jour = Jour(parametre: texte) else {
                throw ErreurApi.parametre("jour", Jour.messageParametre)
            }
            let liste = try await deps.store.rejets(organisme: o.id, jour: jour, limite: 500)
            nominatif = try await Self.nominatif(deps, i, o, jour: jour, lignes: liste.count)
            rejets = (jour, liste)
        }
        let vue = TransmissionsVue.construire(
            o, jours: jours, rejets: rejets, nominatif: nominatif, retour: Navigation.organisme(o, i))
        return try await deps.page(vue, "Transmissions — \(o.nom)", request, context)
    }
}
