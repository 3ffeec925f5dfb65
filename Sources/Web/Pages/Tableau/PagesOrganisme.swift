import Domain
import IndexEffectifs
import Outils
import Foundation
import Hummingbird

/// An organisme's page (F7) and its transmissions (F9), for the users whose perimeter covers it.
struct PagesOrganisme {
    let deps: Dependances

    /// The organisme named in the path, if the user may see it for this capability (else 404 / 403).
    func organisme(_ context: ContexteRequete, _ i: Identite, _ capacite: Capacite) async throws -> (Organisme, Identite) {
        guard let id = context.parameters.get("id").flatMap(Int64.init).map(OrganismeID.init),
            let o = try await deps.store.organisme(id: id)
        else { throw ErreurComptes.introuvable }
        guard i.droits.perimetre(capacite).inclut(o) else { throw ErreurComptes.interdit }
        return (o, i)
    }

    @Sendable func page(_ request: Request, context: ContexteRequete, identite: Identite) async throws -> Response {
        let (o, i) = try await organisme(context, identite, .voirIndicateurs)
        let query = VueTableau.requete(request)
        let aujourdhui = Jour(deps.horloge.now())
        let f = try VueTableau.filtres(query, aujourdhui: aujourdhui, autorises: ["date", "formation_cfds", "formation_niveaux"],
                                       autres: ["q", "statut", "page", "tri_formations", "tri_organismes"])
        let statut = query.first { $0.0 == "statut" }?.1
        if let statut, !ListesNominatives.statuts.contains(where: { $0.cle == statut }) {
            throw ErreurApi.parametre("statut", "Valeur attendue : \(ListesNominatives.statuts.map(\.cle).joined(separator: ", "))")
        }
        // The organisme's own view counts it whatever its reliability (§7.2).
        let r = RequeteIndicateurs(perimetre: .organismes([o.id]), filtres: f, fiablesSeulement: false, aujourdhui: aujourdhui)
        let chemin = "/organismes/\(o.id)"
        let parFormation = await deps.index.compter(r, par: .formation)
        // The formation filter offers the organisme's formations (without the filter, to keep them all listed).
        var sansFiltreFormation = r
        sansFiltreFormation.filtres.cfds = []
        let formationsProposees = (f.cfds.isEmpty ? parFormation : await deps.index.compter(sansFiltreFormation, par: .formation))
            .compactMap { l in l.cfd.map { (cfd: $0, libelle: l.libelle.isEmpty ? $0 : "\(l.libelle) (\($0))") } }
            .sorted { $0.libelle < $1.libelle }
        var modele: [String: Any] = [
            "organisme": Self.fiche(o), "date": f.date.description, "dateLongue": dateLongue(f.date),
            "compteurs": VueTableau.compteurs(await deps.index.compter(r)),
            "evolution": await PagesIndicateurs(deps: deps).evolution(r),
            "formations": try VueTableau.tableau(parFormation, titre: "Par formation", premiereColonne: "Formation",
                                             parametreTri: "tri_formations", query: query, chemin: chemin),
            "filtres": VueTableau.formulaireFiltres(f, perimetre: .organismes([o.id]), complets: false, territoires: false),
            "transmissions": i.droits.perimetre(.voirTransmissions).inclut(o) ? "\(chemin)/transmissions" : false,
            "cles": i.organisation.organisme == o.id && i.droits.perimetre(.configurerTransmission).inclut(o),
        ]
        // Its formateurs, with their counters, when it is responsible for some the user may see.
        let formateurs = try await deps.store.formateurs(de: o.id).map(\.id)
            .filter { id in deps.index.organisme(id).map { i.droits.perimetre(.voirIndicateurs).inclut($0) } ?? false }
        if !formateurs.isEmpty {
            let rf = RequeteIndicateurs(perimetre: .organismes(Set(formateurs)), filtres: f, fiablesSeulement: false, aujourdhui: aujourdhui)
            modele["formateurs"] = try VueTableau.tableau(await deps.index.compter(rf, par: .organisme), titre: "Ses organismes formateurs",
                                                      premiereColonne: "Organisme formateur", parametreTri: "tri_organismes",
                                                      query: query, chemin: chemin, lien: { "/organismes/\($0.cle)" })
        }
        // Its learners by name, for those allowed to see them.
        if i.droits.perimetre(.listeApprenants).inclut(o) {
            let codes = statut.flatMap { s in ListesNominatives.statuts.first { $0.cle == s }.map { Set([$0.code]) } }
            var apprenants = try await ListesNominatives.ecran(deps, r, codes: codes, query: query, identite: i,
                                                               liste: "Apprenants de \(o.nom)", perimetre: .organismes([o.id]),
                                                               chemin: chemin, ancre: "apprenants")
            modele["champsCaches"] = query.filter { !["q", "page", "statut", "formation_cfds"].contains($0.0) }
                .map { ["nom": $0.0, "valeur": $0.1] }
            apprenants["filtreStatut"] = true
            apprenants["formationsProposees"] = formationsProposees.map { ["cfd": $0.cfd, "libelle": $0.libelle, "selectionne": f.cfds.contains($0.cfd)] }
            apprenants["statuts"] = ListesNominatives.statuts.map { ["cle": $0.cle, "libelle": $0.pluriel, "selectionne": $0.cle == statut] }
            apprenants["telechargements"] = IndicateurListe.allCases.filter { i.droits.perimetre($0.capacite).inclut(o) }.map { l in
                ["libelle": l.libelle,
                 "xlsx": VueTableau.adresse("/listes/\(l.rawValue)/telechargement", [("organisme", o.id.description), ("date", f.date.description), ("format", "xlsx")]),
                 "csv": VueTableau.adresse("/listes/\(l.rawValue)/telechargement", [("organisme", o.id.description), ("date", f.date.description), ("format", "csv")])]
            }
            modele["apprenants"] = apprenants
        }
        return try await deps.page("organisme", o.nom, request, context, modele)
    }

    static func fiche(_ o: Organisme) -> [String: Any] {
        let t = Territoires.france
        return [
            "id": o.id.description, "nom": o.nom, "uai": o.uai?.rawValue ?? "—", "siret": o.siret.rawValue,
            "nature": o.nature.libelle, "commune": [o.adresse.codePostal, o.adresse.commune].compactMap { $0 }.joined(separator: " "),
            "departement": o.adresse.departement.flatMap { t.departement($0).map { "\($0.nom) (\($0.code))" } } ?? "—",
            "reseaux": o.reseaux.isEmpty ? "—" : o.reseaux.joined(separator: ", "),
            "fiable": o.fiable && !o.ferme, "ferme": o.ferme,
            "derniereTransmission": o.lastTransmissionDate.map { dateLongue(Jour($0)) } ?? "jamais",
            "derniereTransmissionErp": o.lastErpTransmissionDate.map { dateLongue(Jour($0)) } ?? "jamais",
        ]
    }

    /// `GET /organismes/:id/transmissions[?jour=AAAA-MM-JJ]`: items accepted and rejected per day over 90 days; for
    /// a day, the most frequent errors and — only for users who may see the organisme's named lists, and written to
    /// the audit log — the rejected learners with their errors.
    @Sendable func transmissions(_ request: Request, context: ContexteRequete, identite: Identite) async throws -> Response {
        let (o, i) = try await organisme(context, identite, .voirTransmissions)
        let query = VueTableau.requete(request)
        for (cle, _) in query where cle != "jour" {
            throw ErreurApi.parametre(cle, "Paramètre inconnu")
        }
        let maintenant = deps.horloge.now()
        let jours = try await deps.store.transmissionsParJour(organisme: o.id, depuis: maintenant.addingTimeInterval(-90 * 86_400))
        let chemin = "/organismes/\(o.id)/transmissions"
        var modele: [String: Any] = [
            "organisme": Self.fiche(o),
            "jours": jours.map { j in
                ["jour": dateLongue(j.jour), "acceptes": nombre(j.acceptes), "rejetes": nombre(j.rejetes),
                 "lien": j.rejetes > 0 ? "\(chemin)?jour=\(j.jour)" : false] as [String: Any]
            },
            "totalAcceptes": nombre(jours.reduce(0) { $0 + $1.acceptes }),
            "totalRejetes": nombre(jours.reduce(0) { $0 + $1.rejetes }),
        ]
        if let texte = query.first(where: { $0.0 == "jour" })?.1 {
            guard let jour = Jour(parametre: texte) else {
                throw ErreurApi.parametre("jour", Jour.messageParametre)
            }
            let rejets = try await deps.store.rejets(organisme: o.id, jour: jour, limite: 500)
            var frequences: [String: Int] = [:]
            for r in rejets { for e in Set(r.erreurs.map { Self.phrase($0) }) { frequences[e, default: 0] += 1 } }
            let nominatif = try await Self.nominatif(deps, i, o, jour: jour, lignes: rejets.count)
            modele["jour"] = [
                "date": dateLongue(jour), "nombre": nombre(rejets.count), "nominatif": nominatif,
                "frequentes": frequences.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.prefix(10)
                    .map { ["erreur": $0.key, "nombre": nombre($0.value)] },
                "rejets": !nominatif ? [] : rejets.map { r in
                    [
                        "heure": horodatageISO(r.recuLe).dropFirst(11).prefix(5), "id": r.idErpApprenant ?? "(sans identifiant)",
                        "apprenant": Self.apprenant(r.donnees), "erreurs": r.erreurs.map { ["texte": Self.phrase($0)] },
                    ] as [String: Any]
                },
            ] as [String: Any]
        }
        return try await deps.page("transmissions", "Transmissions — \(o.nom)", request, context, modele)
    }

    /// An error in plain French: the field, then the message.
    static func phrase(_ e: ErreurValidation) -> String {
        let champs = e.path.joined(separator: ", ")
        return champs.isEmpty ? e.message : "\(champs) : \(e.message)"
    }

    /// "NOM Prénom" read from the item as sent, when it has them.
    static func apprenant(_ donnees: String) -> String {
        guard case .object(let o)? = try? AnalyseurJSON.analyser(Array(donnees.utf8)) else { return "" }
        let nom = o["nom_apprenant"]?.javascriptString ?? ""
        let prenom = o["prenom_apprenant"]?.javascriptString ?? ""
        return "\(nom.uppercased()) \(prenom)".trimmingCharacters(in: .whitespaces)
    }
}
