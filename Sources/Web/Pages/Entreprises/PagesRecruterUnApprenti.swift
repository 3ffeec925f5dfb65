import Domain
import Foundation
import Hummingbird

/// `/recruter-un-apprenti` (issue 16, no account): a company finds the reliable, open CFAs training for a trade
/// around a territory, with the band of their learners still without an employer and their public contact. Each
/// search made is counted, anonymously (month, trade, territory). `…/metiers?q=` suggests trades as one types.
struct PagesRecruterUnApprenti {
    let deps: Dependances

    static let titre = "Recruter un apprenti"
    static let longueurMaximale = 100
    /// The nearest CFAs shown (a whole région can hold hundreds).
    static let resultatsAffiches = 50

    /// What the words typed designate.
    enum Designation: Equatable {
        case metier(CodeROME)
        case choix([Metier])
        case aucun
    }

    /// A trade from what was typed: a suggestion ("Maçon / Maçonne (F1703)"), a ROME code, the only trade (or the
    /// only code) matching the words, a name matching exactly; else the trades to choose from.
    static func designer(_ texte: String, arbre: ArbreMetiers = .rome) -> Designation {
        let t = texte.trimmingSpaces()
        if t.hasSuffix(")"), let ouverture = t.lastIndex(of: "("),
            let code = CodeROME(String(t[t.index(after: ouverture)..<t.index(before: t.endIndex)])), arbre.connait(code)
        {
            return .metier(code)
        }
        if let code = CodeROME(t), arbre.connait(code) { return .metier(code) }
        let trouves = RechercheMetiers.chercher(t, dans: arbre, limite: 60)
        guard let premier = trouves.first else { return .aucun }
        if Set(trouves.map(\.code)).count == 1 { return .metier(premier.code) }
        let replie = RechercheMetiers.mots(t)
        if let exact = trouves.first(where: { RechercheMetiers.mots($0.libelle) == replie }) {
            return .metier(exact.code)
        }
        return .choix(Array(trouves.prefix(20)))
    }

    static func mois(_ jour: Jour) -> String {
        let (y, m, _) = jour.components
        return String(format: "%04d-%02d", y, m)
    }

    @Sendable func page(_ request: Request, context: ContexteRequete) async throws -> Response {
        let p = Dictionary(
            request.uri.queryParameters.map { (String($0.key), String($0.value)) }, uniquingKeysWith: { a, _ in a })
        let arbre = ArbreMetiers.rome
        let q = String((p["q"] ?? "").trimmingSpaces().prefix(Self.longueurMaximale))
        let ouTexte = (p["ou"] ?? "").trimmingSpaces()
        var erreurs: [ErreurSaisie] = []
        var messages: [(String, String)] = []
        var rome: CodeROME?
        var choix: [Metier] = []
        if let r = p["rome"]?.trimmingSpaces(), !r.isEmpty {
            if let c = CodeROME(r), arbre.connait(c) {
                rome = c
            } else {
                erreurs.append(
                    ErreurSaisie(
                        "q",
                        "Quel métier ? : le code ROME « \(r.prefix(20)) » n'existe pas (une lettre et 4 chiffres, "
                            + "par exemple F1703 pour maçon)."))
            }
        } else if !q.isEmpty {
            switch Self.designer(q, arbre: arbre) {
            case .metier(let c): rome = c
            case .choix(let liste): choix = liste
            case .aucun:
                messages.append(
                    ("info", "Aucun métier ne correspond à « \(q) » : essayez un autre mot, ou parcourez les secteurs.")
                )
            }
        }
        var territoire: TerritoireRecherche?
        if !ouTexte.isEmpty {
            territoire = TerritoireRecherche(ouTexte)
            if territoire == nil {
                erreurs.append(
                    ErreurSaisie(
                        "ou",
                        "Où ? : ce territoire n'existe pas ; choisissez un département, une zone "
                            + "d'emploi ou une commune dans la liste."))
            }
        }
        var secteur: SecteurActivite?
        if let s = p["secteur"], !s.isEmpty {
            secteur = Int(s).flatMap(arbre.secteur)
            if secteur == nil {
                erreurs.append(ErreurSaisie("secteur", "Secteur d'activité : ce secteur n'existe pas."))
            }
        }
        if rome != nil, territoire == nil, erreurs.isEmpty {
            messages.append(
                (
                    "info",
                    "Choisissez maintenant où vous cherchez : un département, une zone d'emploi ou "
                        + "une commune."
                ))
        }
        let communes = await deps.index.communesDesOrganismes()
        let ou = territoire?.valeur ?? ouTexte
        let jour = HeureDeParis.jour(deps.horloge.now())

        var groupes: [RecruterUnApprentiVue.GroupeResultats] = []
        var nombre: String?
        var pourquoi: String?
        var elargirTerritoire: [LienVue] = []
        var elargirMetier: [LienVue] = []
        if let rome, let territoire, erreurs.isEmpty {
            let donnees = await deps.index.effectifsMetier(rome, au: jour)
            let trouves = RechercheCFA.chercher(
                metier: rome, territoire: territoire, organismes: donnees.organismes, catalogue: donnees.catalogue,
                effectifs: donnees.effectifs, contacts: try await deps.store.contactsPublics())
            let (type, code) = territoire.typeEtCode
            try await deps.store.compterRecherche(
                RechercheComptee(mois: Self.mois(jour), codeRome: rome, typeTerritoire: type, codeTerritoire: code))
            groupes = RecruterUnApprentiVue.groupes(Array(trouves.prefix(Self.resultatsAffiches)), rome: rome)
            nombre =
                trouves.isEmpty
                ? "Aucun CFA trouvé" : trouves.count == 1 ? "1 CFA trouvé" : "\(trouves.count) CFA trouvés"
            if trouves.count > Self.resultatsAffiches {
                nombre = (nombre ?? "") + " ; les \(Self.resultatsAffiches) plus proches sont affichés"
            }
            if trouves.isEmpty {
                let nomMetier = arbre.libelle(rome) ?? rome.rawValue
                let ailleurs = !donnees.effectifs.isEmpty
                pourquoi =
                    ailleurs
                    ? "Aucun CFA formant au métier « \(nomMetier) » n'accueille aujourd'hui d'apprenants dans "
                        + "\(RecruterUnApprentiVue.libelle(territoire, communes: communes)) ni autour. Il y en a "
                        + "ailleurs : élargissez la zone de recherche."
                    : "Aucun CFA n'accueille aujourd'hui d'apprenants dans une formation préparant au métier "
                        + "« \(nomMetier) », nulle part en France. Essayez un métier proche."
                if ailleurs {
                    elargirTerritoire = territoire.elargissements().map {
                        LienVue(
                            url: RecruterUnApprentiVue.url(rome: rome.rawValue, ou: $0.valeur),
                            libelle: "Chercher dans " + RecruterUnApprentiVue.libelle($0, communes: communes))
                    }
                }
                let enseignes = await deps.index.codesRomeEnseignes(au: jour)
                elargirMetier = arbre.voisins(rome).filter(enseignes.contains).prefix(8).map { c in
                    LienVue(
                        url: RecruterUnApprentiVue.url(rome: c.rawValue, ou: territoire.valeur),
                        libelle: arbre.libelle(c) ?? c.rawValue)
                }
            }
        }
        let vue = RecruterUnApprentiVue(
            q: rome == nil ? q : "", rome: rome?.rawValue ?? "",
            metierChoisi: rome.map { "\(arbre.libelle($0) ?? $0.rawValue) (\($0))" }, ou: ou,
            franceChoisie: ou == "france",
            territoires: RecruterUnApprentiVue.territoires(choisi: ou, communes: communes),
            choixMetiers: choix.map { RecruterUnApprentiVue.metier($0, ou: ou) },
            secteurs: arbre.secteurs.map {
                .init(libelle: $0.libelle, url: RecruterUnApprentiVue.url(ou: ou, secteur: $0.code) + "#secteur")
            },
            secteurOuvert: secteur?.libelle, urlTousSecteurs: RecruterUnApprentiVue.url(ou: ou) + "#secteur",
            sousSecteurs: secteur.map { s in
                s.sousSecteurs.isEmpty
                    ? [.init(libelle: s.libelle, metiers: s.metiers.map { RecruterUnApprentiVue.metier($0, ou: ou) })]
                    : s.sousSecteurs.map { ss in
                        .init(libelle: ss.libelle, metiers: ss.metiers.map { RecruterUnApprentiVue.metier($0, ou: ou) })
                    }
            } ?? [],
            recherche: nombre != nil,
            territoireChoisi: territoire.map { RecruterUnApprentiVue.libelle($0, communes: communes) },
            nombreResultats: nombre, groupes: groupes, pourquoiAucun: pourquoi, elargirTerritoire: elargirTerritoire,
            elargirMetier: elargirMetier)
        return try await deps.page(vue, Self.titre, request, context, erreurs: erreurs, messages: messages)
    }

    /// `GET /recruter-un-apprenti/metiers?q=`: up to 10 trades for the words typed, as JSON
    /// (`{"metiers": [{"code": "F1703", "libelle": "Maçon / Maçonne"}]}`).
    @Sendable func metiers(_ request: Request, context: ContexteRequete) async throws -> Response {
        struct Suggestion: Encodable {
            let code: String
            let libelle: String
        }
        struct Reponse: Encodable {
            let metiers: [Suggestion]
        }
        let q = String((request.uri.queryParameters["q"].map(String.init) ?? "").prefix(Self.longueurMaximale))
        let trouves = q.trimmingSpaces().count < 2 ? [] : RechercheMetiers.chercher(q, limite: 10)
        var r = try Response.json(
            Reponse(metiers: trouves.map { Suggestion(code: $0.code.rawValue, libelle: $0.libelle) }))
        r.headers[.cacheControl] = "public, max-age=3600"
        return r
    }

    /// The script that fills the suggestions as one types (the page works without it).
    static let script: String = {
        guard let racine = Bundle.module.url(forResource: "Resources", withExtension: nil),
            let texte = try? String(
                contentsOf: racine.appendingPathComponent("public/recherche-metiers.js"), encoding: .utf8)
        else { preconditionFailure("ressource manquante : recherche-metiers.js") }
        return texte
    }()

    @Sendable func fichierScript(_ request: Request, context: ContexteRequete) async throws -> Response {
        Response(
            status: .ok,
            headers: [.contentType: "text/javascript; charset=utf-8", .cacheControl: "public, max-age=3600"],
            body: .init(byteBuffer: ByteBuffer(string: Self.script)))
    }
}
