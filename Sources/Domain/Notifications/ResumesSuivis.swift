import Foundation

/// What happened on a case, for the digests: which case, of which mission locale and organisme, which side wrote what.
public struct NouvelleSuivi: Sendable, Equatable {
    public let suivi: SuiviID
    public let effectif: EffectifID
    public let missionLocale: String?
    public let organisme: OrganismeID
    public let genre: EvenementSuivi.Genre
    public let cote: EvenementSuivi.Cote
    public let le: Date

    public init(
        suivi: SuiviID, effectif: EffectifID, missionLocale: String?, organisme: OrganismeID,
        genre: EvenementSuivi.Genre, cote: EvenementSuivi.Cote, le: Date
    ) {
        self.suivi = suivi
        self.effectif = effectif
        self.missionLocale = missionLocale
        self.organisme = organisme
        self.genre = genre
        self.cote = cote
        self.le = le
    }
}

/// A user a digest may go to: a mission locale's (its code) or a training organisation's (its organisme).
public struct DestinataireResume: Sendable, Equatable {
    public let utilisateur: UtilisateurID
    public let email: String
    public let prenom: String
    public let missionLocale: String?
    public let organisme: OrganismeID?

    public init(
        utilisateur: UtilisateurID, email: String, prenom: String, missionLocale: String?, organisme: OrganismeID?
    ) {
        self.utilisateur = utilisateur
        self.email = email
        self.prenom = prenom
        self.missionLocale = missionLocale
        self.organisme = organisme
    }
}

/// The daily digests of the case work (issue 15, F19), read from the histories of the last day (so they can be
/// built again, and are never sent twice: one outbox key per occurrence and recipient). To a mission locale's
/// users: the CFA requests and comments on its cases and the young people's answers; to a training organisation's users: what the mission locale
/// recorded and wrote about its young people. Each lists only the recipient's own cases, without any name: counts
/// and links to the case pages, which ask to sign in.
public enum ResumesSuivis {
    public static let missionLocale = "resume-quotidien-mission-locale"
    public static let cfa = "resume-quotidien-cfa"

    /// The news of the last 24 hours before the occurrence.
    public static func periode(_ occurrence: Date) -> (depuis: Date, jusqua: Date) {
        (occurrence.addingTimeInterval(-86_400), occurrence)
    }

    public static func cle(_ nom: String, _ occurrence: Occurrence, _ email: String) -> String {
        "\(nom)/\(occurrence.cle)/\(email.lowercased())"
    }

    /// The mission locale's digest: nil when nothing concerns it.
    public static func pourMissionLocale(
        _ d: DestinataireResume, nouvelles: [NouvelleSuivi], urlPublique: String
    ) -> CourrielNotification? {
        guard let code = d.missionLocale else { return nil }
        // The CFAs' requests and comments, and the young people's answers on their personal page.
        let siennes = nouvelles.filter {
            $0.missionLocale == code && ($0.cote == .cfa || ($0.cote == .jeune && $0.genre == .reponseJeune))
        }
        guard !siennes.isEmpty else { return nil }
        let base = CourrielNotification.sansBarreFinale(urlPublique)
        let demandes = Set(siennes.filter { $0.genre == .demandeCFA }.map(\.suivi))
        let commentaires = Set(siennes.filter { $0.genre == .commentaire }.map(\.suivi))
        let reponses = Set(siennes.filter { $0.genre == .reponseJeune }.map(\.suivi))
        let declarations = Set(siennes.filter { $0.genre == .declarationRupture }.map(\.suivi))
        var paragraphes: [String] = []
        if !declarations.isEmpty {
            paragraphes.append(
                "\(declarations.count) rupture(s) déclarée(s) par un CFA avant que son logiciel ne la transmette : ces "
                    + "jeunes sont dans votre liste, marqués « Rupture déclarée par le CFA ».")
        }
        if !demandes.isEmpty {
            paragraphes.append(
                "\(demandes.count) nouvelle(s) demande(s) d'accompagnement d'un CFA : ces jeunes sont en tête de votre "
                    + "liste, avec la priorité « Demande du CFA ».")
        }
        if !commentaires.isEmpty {
            paragraphes.append("Des CFA ont écrit sur \(commentaires.count) dossier(s).")
        }
        if !reponses.isEmpty {
            paragraphes.append(
                "\(reponses.count) jeune(s) ont répondu sur leur page personnelle : leur réponse est sur leur fiche, "
                    + "avec la priorité « Le jeune a répondu ».")
        }
        let suivis = demandes.union(commentaires).union(reponses).union(declarations).sorted {
            $0.rawValue < $1.rawValue
        }
        // A withdrawn declaration alone is no news.
        guard !suivis.isEmpty else { return nil }
        return CourrielNotification(
            prenom: d.prenom, sujet: "Jeunes en rupture : \(suivis.count) dossier(s) avec du nouveau",
            paragraphes: paragraphes,
            liens: [("Votre liste de jeunes en rupture", "\(base)/mission-locale")]
                + suivis.prefix(20).map {
                    ("Dossier n° \($0.rawValue)", "\(base)/mission-locale/suivis/\($0.rawValue)")
                },
            genre: .resumeQuotidienMissionLocale)
    }

    /// The training organisation's digest: nil when nothing concerns it.
    public static func pourCFA(
        _ d: DestinataireResume, nouvelles: [NouvelleSuivi], urlPublique: String
    ) -> CourrielNotification? {
        guard let organisme = d.organisme else { return nil }
        let siennes = nouvelles.filter { $0.organisme == organisme && $0.cote == .missionLocale }
        guard !siennes.isEmpty else { return nil }
        let base = CourrielNotification.sansBarreFinale(urlPublique)
        let effectifs = Set(siennes.map(\.effectif)).sorted { $0.rawValue < $1.rawValue }
        let resultats = Set(siennes.filter { $0.genre == .resultat }.map(\.effectif)).count
        let commentaires = Set(siennes.filter { $0.genre == .commentaire }.map(\.effectif)).count
        var paragraphes = ["La mission locale a des nouvelles de \(effectifs.count) de vos jeunes en rupture."]
        if resultats > 0 { paragraphes.append("\(resultats) ont un nouveau retour de la mission locale.") }
        if commentaires > 0 { paragraphes.append("\(commentaires) ont un nouveau message de la mission locale.") }
        return CourrielNotification(
            prenom: d.prenom,
            sujet: "Vos jeunes en rupture : \(effectifs.count) avec des nouvelles de la mission locale",
            paragraphes: paragraphes,
            liens: [("Vos jeunes en rupture", "\(base)/cfa/ruptures")]
                + effectifs.prefix(20).map { ("Jeune n° \($0.rawValue)", "\(base)/cfa/ruptures/\($0.rawValue)") },
            genre: .resumeQuotidienCFA)
    }

    /// One digest job: the news of the period, each recipient who wants this kind gets its own, once per occurrence.
    public static func executer(_ nom: String, _ ctx: ContexteTache) async throws -> BilanTache {
        let (depuis, jusqua) = periode(ctx.occurrence.instant)
        let nouvelles = try await ctx.store.nouvellesSuivis(depuis: depuis, jusqua: jusqua)
        let genre: GenreNotification = nom == missionLocale ? .resumeQuotidienMissionLocale : .resumeQuotidienCFA
        // Each recipient reads only its mission locale's or organisme's news (grouped once: thousands of recipients).
        let parMissionLocale = Dictionary(grouping: nouvelles, by: { $0.missionLocale ?? "" })
        let parOrganisme = Dictionary(grouping: nouvelles, by: \.organisme)
        var courriels = 0
        for d in try await ctx.store.destinatairesResumes() {
            let c =
                nom == missionLocale
                ? pourMissionLocale(
                    d, nouvelles: d.missionLocale.flatMap { parMissionLocale[$0] } ?? [], urlPublique: ctx.urlPublique)
                : pourCFA(d, nouvelles: d.organisme.flatMap { parOrganisme[$0] } ?? [], urlPublique: ctx.urlPublique)
            guard let c, try await ctx.store.veutNotification(genre, utilisateur: d.utilisateur) else { continue }
            let nouveau = c.nouveauCourriel(
                a: d.email, urlPublique: ctx.urlPublique, cle: cle(nom, ctx.occurrence, d.email))
            if try await ctx.store.ajouterCourriel(nouveau, now: ctx.now) { courriels += 1 }
        }
        return BilanTache(
            comptes: ["nouvelles": nouvelles.count, "courriels": courriels],
            message: "\(nouvelles.count) événement(s) de suivi, \(courriels) e-mail(s) ajouté(s)")
    }
}
