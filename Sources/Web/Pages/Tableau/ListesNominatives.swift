import Domain
import Foundation
import Hummingbird
import IndexEffectifs

/// Named lists (F8): for each indicator a user may see by name, the learners counted at D in the list's perimeter,
/// on screen and as CSV and XLSX downloads. Every access is written to the audit log.
struct ListesNominatives {
    let deps: Dependances

    /// The capability of the list the path names (`:indicateur`); a name that is no list is not found.
    @Sendable static func capacite(_ context: ContexteRequete) throws -> Capacite {
        guard let indicateur = context.parameters.get("indicateur").flatMap(IndicateurListe.init(rawValue:)) else {
            throw ErreurComptes.introuvable
        }
        return indicateur.capacite
    }

    static let parametresPropres = ["organisme", "page", "q", "format", "statut"]
    /// Beyond this many learners, a page of a list is not sorted by name across the whole list (see `lignes`).
    static let triParNomJusqua = 20_000
    /// The most rows a download holds (a workbook is built in memory).
    static let telechargementMaximum = 200_000

    /// A learner of a list, with what the list shows.
    struct Ligne: Sendable {
        let effectif: EffectifDetaille
        let statut: UInt8
        let organisme: Organisme?
        let formation: String?
    }

    /// What a list request asks: the list, its perimeter (its permission, narrowed to one organisme when asked), the
    /// request to the index, the statuses kept (`statut` narrows the list to one of its statuses).
    struct Demande {
        let indicateur: IndicateurListe
        let perimetre: Perimetre
        let requete: RequeteIndicateurs
        let query: [(String, String)]
        let choix: ChoixDuPerimetre
        /// The status chosen by `statut`, when the list counts several.
        let statut: (cle: String, code: UInt8, libelle: String, pluriel: String)?
        /// The organisme the list is narrowed to, or the organisation of an organisme de formation: named in titles.
        let lieu: String?

        var codes: Set<UInt8> { statut.map { [$0.code] } ?? indicateur.codes }

        /// "Rupturants — Auvergne-Rhône-Alpes, niveau 4, au 15 mars 2025".
        var titre: String {
            IntituleFiltres.titre(
                indicateur.libelle, requete.filtres, perimetre: perimetre, lieu: lieu, statut: statut?.pluriel)
        }

        func nomFichier(_ ext: String) -> String {
            IntituleFiltres.nomFichier(
                indicateur.libelle, requete.filtres, perimetre: perimetre, lieu: lieu, statut: statut?.pluriel,
                extension: ext)
        }
    }

    /// The statuses a list may be narrowed to (those its indicator counts), when it counts several.
    static func statutsDe(_ indicateur: IndicateurListe) -> [(
        cle: String, code: UInt8, libelle: String, pluriel: String
    )] {
        indicateur.codes.count > 1 ? statuts.filter { indicateur.codes.contains($0.code) } : []
    }

    func lire(_ request: Request, _ context: ContexteRequete, _ i: Identite) async throws -> Demande {
        guard let indicateur = context.parameters.get("indicateur").flatMap(IndicateurListe.init(rawValue:)) else {
            throw ErreurComptes.introuvable
        }
        var perimetre = i.droits.perimetre(indicateur.capacite)
        let query = VueTableau.requete(request)
        let aujourdhui = Jour(deps.horloge.now())
        let f = try VueTableau.filtres(query, aujourdhui: aujourdhui, autres: Self.parametresPropres)
        var fiables = true
        let choix = try await deps.index.choixVerifies(f, perimetre: perimetre)
        var lieu: String? = nil
        if case .organismes = perimetre { lieu = i.organisation.nom }
        if let texte = query.first(where: { $0.0 == "organisme" })?.1 {
            guard let id = Int64(texte).map(OrganismeID.init) else {
                throw ErreurApi.parametre("organisme", "Identifiant d'organisme attendu (un entier)")
            }
            guard let o = deps.index.organisme(id), perimetre.inclut(o) else {
                throw ErreurComptes.interdit
            }
            perimetre = .organismes([id])
            lieu = o.nom
            fiables = false  // an organisme's own view counts it whatever its reliability (§7.2)
        }
        var statut: (cle: String, code: UInt8, libelle: String, pluriel: String)?
        if let texte = query.first(where: { $0.0 == "statut" })?.1 {
            let permis = Self.statutsDe(indicateur)
            guard let s = permis.first(where: { $0.cle == texte }) else {
                throw ErreurApi.parametre(
                    "statut",
                    permis.isEmpty
                        ? "Cette liste ne compte qu'un statut : retirez ce filtre"
                        : "Valeur attendue : \(permis.map(\.cle).joined(separator: ", "))")
            }
            statut = s
        }
        let r = RequeteIndicateurs(perimetre: perimetre, filtres: f, fiablesSeulement: fiables, aujourdhui: aujourdhui)
        return Demande(
            indicateur: indicateur, perimetre: perimetre, requete: r, query: query, choix: choix, statut: statut,
            lieu: lieu)
    }

    /// The counter of the indicators page this list comes from (same filters, the indicator perimeter), and, when it
    /// differs from the list's count, why: the indicators perimeter is wider than the list's, or a filter of the
    /// list (status, search) narrows it.
    func compteur(_ d: Demande, _ i: Identite, total: Int, recherche: String) async -> String {
        let perimetreIndicateurs: Perimetre
        if query(d, "organisme") != nil {
            perimetreIndicateurs = d.perimetre  // the organisme's own page counts the same organisme
        } else {
            perimetreIndicateurs = i.droits.perimetre(.voirIndicateurs)
        }
        let r = RequeteIndicateurs(
            perimetre: perimetreIndicateurs, filtres: d.requete.filtres, fiablesSeulement: d.requete.fiablesSeulement,
            aujourdhui: d.requete.aujourdhui)
        let c = await deps.index.compter(r)
        let valeur = VueTableau.valeur(c, d.indicateur.rawValue)
        return ExplicationCompteur.texte(
            indicateur: d.indicateur, compteur: valeur, total: total, statut: d.statut?.pluriel,
            recherche: recherche.trimmingCharacters(in: .whitespaces).isEmpty ? nil : recherche,
            perimetreListe: d.perimetre, perimetreIndicateurs: perimetreIndicateurs)
    }

    func query(_ d: Demande, _ cle: String) -> String? { d.query.first { $0.0 == cle }?.1 }

    /// The rows of a request: ids and statuses from the index, names from the store (searched, sorted by name and
    /// paged there); and how many rows match in all.
    static func lignes(
        _ deps: Dependances, _ r: RequeteIndicateurs, codes: Set<UInt8>?, recherche: String? = nil,
        limite: Int? = nil, decalage: Int = 0
    ) async throws -> (total: Int, lignes: [Ligne]) {
        let choisis = await deps.index.effectifs(r, codes: codes)
        let statuts = Dictionary(choisis.map { ($0.id, $0.statut) }, uniquingKeysWith: { a, _ in a })
        if limite == nil && choisis.count > Self.telechargementMaximum {
            throw ErreurApi(
                .badRequest,
                "Liste trop longue pour un téléchargement : \(nombre(choisis.count)) apprenants, "
                    + "\(nombre(Self.telechargementMaximum)) au plus. Filtrez par territoire, réseau ou formation.",
                forme: .tdb(code: "liste_trop_longue"))
        }
        let total: Int
        let details: [EffectifDetaille]
        if let limite, choisis.count > Self.triParNomJusqua,
            (recherche ?? "").trimmingCharacters(in: .whitespaces).isEmpty
        {
            // Too long to sort by name on each page: pages follow the order of arrival (ids), names within a page.
            let page = Array(choisis.dropFirst(decalage).prefix(limite).map(\.id))
            (total, details) = (
                choisis.count,
                try await deps.store.effectifs(ids: page, recherche: nil, limite: nil, decalage: 0).lignes
            )
        } else {
            (total, details) = try await deps.store.effectifs(
                ids: choisis.map(\.id), recherche: recherche, limite: limite,
                decalage: decalage)
        }
        var organismes: [OrganismeID: Organisme] = [:]
        return (
            total,
            details.map { e in
                if organismes[e.organisme] == nil { organismes[e.organisme] = deps.index.organisme(e.organisme) }
                return Ligne(
                    effectif: e, statut: statuts[e.id] ?? 0, organisme: organismes[e.organisme],
                    formation: deps.index.formation(cfd: e.cfd, rncp: e.rncp)?.libelle)
            }
        )
    }

    /// The statuses as pages show them: key in the URL, code in the index, badge and filter labels.
    static let statuts: [(cle: String, code: UInt8, libelle: String, pluriel: String)] = [
        ("apprenti", CodeStatut.apprenti, "Apprenti", "Apprentis"),
        ("inscrit", CodeStatut.inscrit, "Inscrit sans contrat", "Inscrits sans contrat"),
        ("rupturant", CodeStatut.rupturant, "Rupturant", "Rupturants"),
        ("abandon", CodeStatut.abandon, "Sorti", "Sortis"),
        ("fin_de_formation", CodeStatut.finDeFormation, "Fin de formation", "En fin de formation"),
        ("aucun", CodeStatut.aucun, "Pas encore de statut", "Pas encore de statut"),
    ]

    static func libelleStatut(_ code: UInt8) -> (cle: String, libelle: String) {
        let s = statuts.first { $0.code == code } ?? statuts.last!
        return (s.cle, s.libelle)
    }

    /// Contacts appear for the types whose lists carry them, and for an organisme's own learners.
    static func avecContacts(_ i: Identite) -> Bool { i.droits.contactsDansListes || i.organisation.organisme != nil }

    /// Learners on a screen page of a list.
    static let parPage = 50

    /// One screen page of a list: its number, the search, how many learners match, the page's rows.
    struct Ecran: Sendable {
        let numero: Int
        let recherche: String
        let total: Int
        let lignes: [Ligne]
    }

    /// One screen page of a list (`page`, `q` of the query), written to the audit log.
    static func ecran(
        _ deps: Dependances, _ r: RequeteIndicateurs, codes: Set<UInt8>?, query: [(String, String)],
        identite i: Identite, liste: String, perimetre: Perimetre
    ) async throws -> Ecran {
        let numero = try VueTableau.numeroDePage(query.first { $0.0 == "page" }?.1)
        let recherche = query.first { $0.0 == "q" }?.1 ?? ""
        let (total, tranche) = try await lignes(
            deps, r, codes: codes, recherche: recherche, limite: parPage,
            decalage: (numero - 1) * parPage)
        try await deps.comptes.journaliserAccesNominatif(
            i, liste: "\(liste) (écran, page \(numero))", perimetre: perimetre,
            lignes: tranche.count, filtres: query.filter { $0.0 != "page" })
        return Ecran(numero: numero, recherche: recherche, total: total, lignes: tranche)
    }

    @Sendable func page(_ request: Request, context: ContexteRequete, identite i: Identite) async throws -> Response {
        let d = try await lire(request, context, i)
        let ecran = try await Self.ecran(
            deps, d.requete, codes: d.codes, query: d.query, identite: i, liste: d.indicateur.libelle,
            perimetre: d.perimetre)
        let vue = ListeNominativeVue.construire(
            ecran, demande: d, contacts: Self.avecContacts(i),
            explication: await compteur(d, i, total: ecran.total, recherche: ecran.recherche),
            lienOrganisme: { id in deps.index.organisme(id).flatMap { Navigation.organisme($0, i) } })
        return try await deps.page(vue, d.titre, request, context)
    }

    @Sendable func telechargement(_ request: Request, context: ContexteRequete, identite: Identite) async throws
        -> Response
    {
        let d = try await lire(request, context, identite)
        let (indicateur, perimetre, r, query, i) = (d.indicateur, d.perimetre, d.requete, d.query, identite)
        let lignes = try await Self.lignes(deps, r, codes: d.codes, recherche: query.first { $0.0 == "q" }?.1)
            .lignes
        let format = query.first { $0.0 == "format" }?.1 ?? "xlsx"
        guard format == "csv" || format == "xlsx" else {
            throw ErreurApi.parametre("format", "Valeur attendue : csv ou xlsx")
        }
        let contacts = Self.avecContacts(i)
        var entetes = [
            "Organisme", "UAI", "SIRET", "Nom", "Prénom", "Date de naissance", "Formation", "CFD", "RNCP",
            "Année scolaire", "Statut au \(Classeur.dateFrancaise(r.filtres.date))", "Date d'entrée", "Date de fin",
            "Dernière transmission",
        ]
        if contacts { entetes += ["Courriel", "Téléphone"] }
        let classeur = Classeur(
            nomFeuille: indicateur.libelle, entetes: entetes,
            lignes: lignes.map { l in
                let e = l.effectif
                var c: [Classeur.Cellule] = [
                    .texte(l.organisme?.nom), .texte(l.organisme?.uai?.rawValue), .texte(l.organisme?.siret.rawValue),
                    .texte(e.nom),
                    .texte(e.prenom), .date(e.dateDeNaissance), .texte(l.formation), .texte(e.cfd), .texte(e.rncp),
                    .texte(e.anneeScolaire.description), .texte(Self.libelleStatut(l.statut).libelle),
                    .date(e.dateEntree),
                    .date(e.dateFin), .date(HeureDeParis.jour(e.transmisLe)),
                ]
                if contacts { c += [.texte(e.courriel), .texte(e.telephone)] }
                return c
            })
        try await deps.comptes.journaliserAccesNominatif(
            i, liste: "\(indicateur.libelle) (téléchargement \(format.uppercased()))",
            perimetre: perimetre, lignes: lignes.count, filtres: query.filter { $0.0 != "format" })
        return try classeur.telechargement(format: format, nom: d.nomFichier(format))
    }
}
