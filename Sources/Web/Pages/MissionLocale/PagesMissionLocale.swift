import Domain
import Foundation
import Hummingbird

/// A mission locale's work (F16): its list of young people in rupture at today's date, each case's page with its
/// history, the outcome form (optimistic version: a second save is refused, never lost), and the downloads. Only
/// the users of that mission locale reach its cases; anyone else gets 403, and another mission locale's case 404.
struct PagesMissionLocale {
    let deps: Dependances

    /// The mission locale whose cases the caller works on.
    static func missionLocale(_ i: Identite) throws -> String {
        guard case .missionLocale(let code) = i.droits.perimetre(.suiviMissionLocale) else {
            throw ErreurComptes.interdit
        }
        return code
    }

    func aujourdhui() -> Jour { HeureDeParis.jour(deps.horloge.now()) }

    /// Every case of the mission locale in its list today, in processing order.
    func cas(_ code: String) async throws -> [CasSuivi] {
        try await deps.suivis.cas(
            missionLocale: code, store: deps.store, regles: deps.reglesSuivi, aujourdhui: aujourdhui())
    }

    /// The filters of the query; a bad value is a 400 page naming it.
    static func filtres(_ query: [(String, String)]) throws -> FiltresSuivis {
        switch FiltresSuivis.lire(Dictionary(query, uniquingKeysWith: { a, _ in a })) {
        case .success(let f): return f
        case .failure(let e): throw ErreurApi.parametres(e.liste.map { ErreurValidation($0.champ, $0.message) })
        }
    }

    /// The query of the list without its page: carried through a case page back to the same place of the list.
    static func retour(_ query: [(String, String)]) -> [(String, String)] {
        query.filter { ["onglet", "commune", "mineur", "rqth", "cfa", "formation", "recherche"].contains($0.0) }
    }

    @Sendable func liste(_ request: Request, context: ContexteRequete, identite i: Identite) async throws -> Response {
        let code = try Self.missionLocale(i)
        let query = VueTableau.requete(request)
        let f = try Self.filtres(query)
        let tous = try await cas(code)
        let onglet = ListeSuivis.onglet(tous, f)
        let pages = max(1, (onglet.count + ListeSuivis.parPage - 1) / ListeSuivis.parPage)
        let page = Array(onglet.dropFirst((min(f.page, pages) - 1) * ListeSuivis.parPage).prefix(ListeSuivis.parPage))
        try await deps.comptes.journaliserAccesNominatif(
            i, liste: "Suivi mission locale — \(f.onglet.libelle) (écran, page \(f.page))",
            perimetre: .missionLocale(code), lignes: page.count, filtres: query.filter { $0.0 != "page" })
        let ml = try await deps.store.missionLocale(code: code)
        let vue = SuivisVue.construire(
            missionLocale: ml?.nom ?? code, tous: tous, filtres: f, page: page, nombrePages: pages, query: query,
            aujourdhui: aujourdhui(), libelles: libelles)
        return try await deps.page(
            vue, "Jeunes en rupture — \(f.onglet.libelle)", request, context,
            messages: query.contains { $0 == ("avis", "fin") }
                ? [("succes", "Enregistré. Il n'y a plus de jeune à traiter dans cet onglet avec ces filtres.")] : [])
    }

    /// Names of organismes and formations, from the index.
    var libelles: SuivisVue.Libelles {
        SuivisVue.Libelles(
            organisme: { deps.index.organisme($0)?.nom },
            formation: { deps.index.formation(cfd: $0, rncp: $1)?.libelle })
    }

    /// The case of this mission locale named by the path; another's, or none, is a 404 that reveals nothing.
    func suiviDuChemin(_ context: ContexteRequete, _ code: String) async throws -> SuiviStocke {
        guard let id = context.parameters.get("id", as: Int64.self),
            let s = try await deps.store.suivi(id: SuiviID(id)), s.ligne.missionLocale == code
        else { throw ErreurComptes.introuvable }
        return s
    }

    @Sendable func suivi(_ request: Request, context: ContexteRequete, identite i: Identite) async throws -> Response {
        let code = try Self.missionLocale(i)
        let s = try await suiviDuChemin(context, code)
        let query = VueTableau.requete(request)
        var messages: [(String, String)] = []
        if query.contains(where: { $0 == ("avis", "enregistre") }) {
            messages.append(("succes", "Enregistré. Voici le jeune suivant de la liste."))
        }
        if query.contains(where: { $0 == ("avis", "invitation") }) {
            messages.append(("succes", "Invitation envoyée : le jeune a reçu le lien vers sa page personnelle."))
        }
        return try await pageSuivi(s, code: code, request, context, identite: i, messages: messages)
    }

    func pageSuivi(
        _ s: SuiviStocke, code: String, _ request: Request, _ context: ContexteRequete, identite i: Identite,
        saisie: [String: String] = [:], erreurs: [ErreurSaisie] = [], messages: [(String, String)] = [],
        status: HTTPResponse.Status = .ok, messageSaisi: String = ""
    ) async throws -> Response {
        let effectif = try await deps.store.effectif(id: s.ligne.effectif)
        let evenements = try await deps.store.evenements(suivi: s.id)
        let luJusqua = try await deps.store.luJusqua(suivi: s.id, cote: .missionLocale)
        if EvenementSuivi.nouvelles(evenements, pour: .missionLocale, luJusqua: luJusqua) {
            try await deps.store.marquerLu(suivi: s.id, cote: .missionLocale)
        }
        let organisme = try await deps.store.organisme(id: s.ligne.organisme)
        let contacts = try await deps.store.contactsPourMissionsLocales(organisme: s.ligne.organisme)
        let ml = try await deps.store.missionLocale(code: code)
        let parametres = try await deps.store.parametres(missionLocale: code)
        let invitation = try await deps.store.invitationJeune(suivi: s.id)
        let query = VueTableau.requete(request)
        try await deps.comptes.journaliserAccesNominatif(
            i, liste: "Suivi mission locale — fiche \(s.id)", perimetre: .missionLocale(code), lignes: 1)
        let vue = SuiviVue.construire(
            s, cas: ListeSuivis.cas(s, regles: deps.reglesSuivi, aujourdhui: aujourdhui()), effectif: effectif,
            evenements: evenements, organisme: organisme, contactsCFA: contacts,
            missionsLocales: { c in c == code ? ml?.nom : nil }, aujourdhui: aujourdhui(),
            formation: deps.index.formation(cfd: s.ligne.cfd, rncp: s.ligne.rncp)?.libelle,
            retour: Self.retour(query), saisie: saisie, rdvUrl: parametres.rdvUrl, invitation: invitation,
            luJusqua: luJusqua, messageSaisi: messageSaisi)
        return try await deps.page(
            vue, "\(s.ligne.prenom) \(s.ligne.nom)", request, context, erreurs: erreurs, messages: messages,
            status: status)
    }

    @Sendable func enregistrer(_ request: Request, context: ContexteRequete, identite i: Identite) async throws
        -> Response
    {
        let code = try Self.missionLocale(i)
        let s = try await suiviDuChemin(context, code)
        let form = try await Formulaire.lire(request)
        let retour = Self.retour(VueTableau.requete(request))
        let saisie: SaisieResultat
        switch SaisieResultat.lire(form.champs) {
        case .success(let v): saisie = v
        case .failure(let e):
            return try await pageSuivi(
                s, code: code, request, context, identite: i, saisie: form.champs, erreurs: e.liste)
        }
        guard let versionLue = Int64(form["version"]) else {
            return try await pageSuivi(
                s, code: code, request, context, identite: i, saisie: form.champs,
                erreurs: [ErreurSaisie("version", "Version de la fiche manquante : rechargez la page.")])
        }
        let jour = aujourdhui()
        // The order of the tab before the save: "next" is the case that followed this one.
        let filtres = try Self.filtres(retour)
        let avant = ListeSuivis.onglet(try await cas(code), filtres)
        let position = avant.firstIndex { $0.suivi.id == s.id } ?? 0
        let rupture = ListeSuivis.cas(s, regles: deps.reglesSuivi, aujourdhui: jour)?.rupture ?? s.ligne.rupture
        let evenement = EvenementSuivi(
            le: deps.horloge.now(), genre: .resultat, auteur: "\(i.utilisateur.nomComplet) (\(i.utilisateur.email))",
            organisation: i.organisation.nom, rupture: rupture, resultat: saisie.resultat,
            commentaire: saisie.commentaire, dejaConnu: saisie.dejaConnu)
        switch try await deps.store.ajouter(evenement, a: s.id, versionLue: versionLue) {
        case .inconnu: throw ErreurComptes.introuvable
        case .conflit(let auteur, let le):
            // Nothing is lost: the form comes back filled, above the history that now holds the other save.
            let actuel = try await deps.store.suivi(id: s.id) ?? s
            return try await pageSuivi(
                actuel, code: code, request, context, identite: i, saisie: form.champs,
                erreurs: [
                    ErreurSaisie(
                        "version",
                        "Cette fiche a été modifiée par \(auteur) le \(dateHeureFR(le)) pendant que vous la remplissiez : "
                            + "votre saisie n'a pas été enregistrée. Relisez l'historique ci-dessous, puis enregistrez "
                            + "à nouveau si elle reste juste.")
                ], status: .conflict)
        case .fait:
            try await deps.comptes.journaliser(
                i, "suivi_resultat", "Fiche \(s.id) — \(saisie.resultat.libelle) — mission locale \(code)")
        }
        guard form["suivant"] == "1" else {
            return deps.redirection(VueTableau.adresse("/mission-locale/suivis/\(s.id)", retour))
        }
        let apres = ListeSuivis.onglet(try await cas(code), filtres)
        guard let suivant = ListeSuivis.suivant(apres: s.id, position: position, dans: apres) else {
            return deps.redirection(VueTableau.adresse("/mission-locale", retour + [("avis", "fin")]))
        }
        return deps.redirection(
            VueTableau.adresse("/mission-locale/suivis/\(suivant.suivi.id)", retour + [("avis", "enregistre")]))
    }

    /// A comment on the case, read by the CFA too.
    @Sendable func commenter(_ request: Request, context: ContexteRequete, identite i: Identite) async throws
        -> Response
    {
        let code = try Self.missionLocale(i)
        let s = try await suiviDuChemin(context, code)
        let form = try await Formulaire.lire(request)
        switch Commentaire.lire(form["message"]) {
        case .failure(let e):
            return try await pageSuivi(
                s, code: code, request, context, identite: i, erreurs: [e], status: .badRequest,
                messageSaisi: form["message"])
        case .success(let texte):
            let e = EvenementSuivi(
                le: deps.horloge.now(), genre: .commentaire,
                auteur: "\(i.utilisateur.nomComplet) (\(i.utilisateur.email))", organisation: i.organisation.nom,
                commentaire: texte)
            guard try await deps.store.ajouter(e, a: s.id) else { throw ErreurComptes.introuvable }
            try await deps.store.marquerLu(suivi: s.id, cote: .missionLocale)
            return deps.redirection("/mission-locale/suivis/\(s.id)#echanges")
        }
    }

    /// XLSX (three sheets: à traiter, à recontacter, déjà traités) or CSV (one table with a "Onglet" column),
    /// optionally for one month of rupture; written to the journal with its row count.
    @Sendable func telechargement(_ request: Request, context: ContexteRequete, identite i: Identite) async throws
        -> Response
    {
        let code = try Self.missionLocale(i)
        let query = VueTableau.requete(request)
        let format = query.first { $0.0 == "format" }?.1 ?? "xlsx"
        guard format == "csv" || format == "xlsx" else {
            throw ErreurApi.parametre("format", "Format : valeur attendue csv ou xlsx")
        }
        var f = try Self.filtres(query.filter { $0.0 == "mois" })
        let tous = try await cas(code)
        let organismes = Set(tous.map(\.suivi.ligne.organisme))
        var contacts: [OrganismeID: [ContactOrganisme]] = [:]
        for o in organismes { contacts[o] = try await deps.store.contactsPourMissionsLocales(organisme: o) }
        var effectifs: [SuiviID: Effectif] = [:]
        var feuilles: [Classeur.Feuille] = []
        var lignesCSV: [[Classeur.Cellule]] = []
        var total = 0
        for onglet in OngletSuivi.allCases {
            f.onglet = onglet
            let cas = ListeSuivis.onglet(tous, f)
            for c in cas where effectifs[c.suivi.id] == nil {
                effectifs[c.suivi.id] = try await deps.store.effectif(id: c.suivi.ligne.effectif)?.effectif
            }
            let lignes = cas.map {
                ExportSuivis.ligne(
                    $0, effectif: effectifs[$0.suivi.id], libelles: libelles,
                    contacts: contacts[$0.suivi.ligne.organisme] ?? [])
            }
            total += lignes.count
            feuilles.append(Classeur.Feuille(nom: onglet.libelle, entetes: ExportSuivis.entetes, lignes: lignes))
            lignesCSV += lignes.map { [.texte(onglet.libelle)] + $0 }
        }
        let classeur =
            format == "xlsx"
            ? Classeur(feuilles: feuilles)
            : Classeur(nomFeuille: "Suivi", entetes: ["Onglet"] + ExportSuivis.entetes, lignes: lignesCSV)
        try await deps.comptes.journaliserAccesNominatif(
            i, liste: "Suivi mission locale (téléchargement \(format.uppercased()))", perimetre: .missionLocale(code),
            lignes: total, filtres: query.filter { $0.0 != "format" })
        let nom = "suivi-mission-locale-\(code)\(f.moisRupture.map { "-" + $0 } ?? "")-\(aujourdhui()).\(format)"
        return try classeur.telechargement(format: format, nom: nom)
    }
}
