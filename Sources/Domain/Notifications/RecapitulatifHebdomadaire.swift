import Foundation

/// What waits on a mission locale's list, for its weekly recap (issue 15): the cases in the list today that no one
/// has acted on — nothing recorded for the current rupture, tried in vain at least `joursAvantNouvelEssai` days ago,
/// a CFA's request or a young person's answer not followed by an outcome — with the oldest one and counts per
/// priority. Counts only: the e-mail names no one.
public struct AttenteMissionLocale: Sendable, Equatable {
    /// Nothing recorded for the current rupture.
    public var aTraiter = 0
    /// Tried and not reached, the last attempt `joursAvantNouvelEssai` days ago or more: time to call again.
    public var aRecontacter = 0
    /// A CFA's request no outcome followed.
    public var demandesCFA = 0
    /// A young person's answer on their page no outcome followed.
    public var reponsesJeunes = 0
    /// Every waiting case, each counted once.
    public var total = 0
    /// How many waiting cases carry each priority (a case may carry several).
    public var parPriorite: [PrioriteSuivi: Int] = [:]
    /// The waiting case whose rupture is the oldest (the smallest id among equals).
    public var plusAncien: (suivi: SuiviID, rupture: Jour)?

    public init() {}

    public static func == (a: Self, b: Self) -> Bool {
        a.aTraiter == b.aTraiter && a.aRecontacter == b.aRecontacter && a.demandesCFA == b.demandesCFA
            && a.reponsesJeunes == b.reponsesJeunes && a.total == b.total && a.parPriorite == b.parPriorite
            && a.plusAncien?.suivi == b.plusAncien?.suivi && a.plusAncien?.rupture == b.plusAncien?.rupture
    }
}

/// The mission locales' weekly recap (issue 15, F19): every Monday, to each user of a mission locale who wants it,
/// what waits on its list. One outbox key per occurrence and recipient: never sent twice, even when run again.
public enum RecapitulatifHebdomadaire {
    public static let nom = "recapitulatif-hebdomadaire-mission-locale"
    /// A case tried in vain is due again this many days after the attempt.
    public static let joursAvantNouvelEssai = 7

    public static func cle(_ occurrence: Occurrence, _ email: String) -> String {
        "\(nom)/\(occurrence.cle)/\(email.lowercased())"
    }

    /// Whether a case in the list today waits for the mission locale, and why.
    static func motifs(_ c: CasSuivi, now: Date) -> (aTraiter: Bool, aRecontacter: Bool, demande: Bool, reponse: Bool) {
        let s = c.suivi
        let aTraiter = c.onglet == .aTraiter
        let aRecontacter =
            c.onglet == .aRecontacter
            && (s.resultatLe.map { now.timeIntervalSince($0) >= Double(joursAvantNouvelEssai) * 86_400 } ?? true)
        let demande = s.demandeCFALe.map { d in s.resultatLe.map { $0 < d } ?? true } ?? false
        return (aTraiter, aRecontacter, demande, s.reponseJeuneEnAttente)
    }

    /// What waits on each mission locale's list at `now` (Paris day), from its cases (any superset of the waiting
    /// ones: the others are left out here).
    public static func attente(_ suivis: [SuiviStocke], regles: ReglesSuivi, now: Date) -> [String:
        AttenteMissionLocale]
    {
        let aujourdhui = HeureDeParis.jour(now)
        var parCode: [String: AttenteMissionLocale] = [:]
        for s in suivis {
            guard let code = s.ligne.missionLocale, let c = ListeSuivis.cas(s, regles: regles, aujourdhui: aujourdhui)
            else { continue }
            let m = motifs(c, now: now)
            guard m.aTraiter || m.aRecontacter || m.demande || m.reponse else { continue }
            var a = parCode[code] ?? AttenteMissionLocale()
            a.total += 1
            if m.aTraiter { a.aTraiter += 1 }
            if m.aRecontacter { a.aRecontacter += 1 }
            if m.demande { a.demandesCFA += 1 }
            if m.reponse { a.reponsesJeunes += 1 }
            for p in c.priorites { a.parPriorite[p, default: 0] += 1 }
            if a.plusAncien.map({ (c.rupture, s.id.rawValue) < ($0.rupture, $0.suivi.rawValue) }) ?? true {
                a.plusAncien = (s.id, c.rupture)
            }
            parCode[code] = a
        }
        return parCode
    }

    /// The recap of one user of a mission locale: nil when nothing waits on its list.
    public static func courriel(
        _ d: DestinataireResume, attente: AttenteMissionLocale?, now: Date, urlPublique: String
    ) -> CourrielNotification? {
        guard d.missionLocale != nil, let a = attente, a.total > 0 else { return nil }
        let base = CourrielNotification.sansBarreFinale(urlPublique)
        var paragraphes = ["\(a.total) dossier(s) attendent une action de votre mission locale cette semaine :"]
        var lignes: [String] = []
        if a.aTraiter > 0 { lignes.append("\(a.aTraiter) sans aucun retour enregistré pour la rupture en cours") }
        if a.aRecontacter > 0 {
            lignes.append(
                "\(a.aRecontacter) à recontacter (dernier essai il y a \(joursAvantNouvelEssai) jours ou plus)")
        }
        if a.demandesCFA > 0 { lignes.append("\(a.demandesCFA) demande(s) d'accompagnement d'un CFA sans retour") }
        if a.reponsesJeunes > 0 {
            lignes.append("\(a.reponsesJeunes) jeune(s) ayant répondu sur leur page personnelle, sans retour depuis")
        }
        paragraphes += lignes.map { "– \($0)." }
        let priorites = PrioriteSuivi.allCases.compactMap { p in
            a.parPriorite[p].map { "\(p.libelle) : \($0)" }
        }
        if !priorites.isEmpty {
            paragraphes.append("Parmi eux, par priorité : " + priorites.joined(separator: " ; ") + ".")
        }
        var liens: [(libelle: String, url: String)] = [("Votre liste de jeunes en rupture", "\(base)/mission-locale")]
        if let p = a.plusAncien {
            let jours = HeureDeParis.jour(now) - p.rupture
            paragraphes.append(
                "Le plus ancien attend depuis une rupture du \(CourrielNotification.dateLongue(p.rupture)) "
                    + "(\(jours) jours).")
            liens.append(
                (
                    "Le dossier le plus ancien (n° \(p.suivi.rawValue))",
                    "\(base)/mission-locale/suivis/\(p.suivi.rawValue)"
                ))
        }
        if a.aRecontacter > 0 {
            liens.append(("Les jeunes à recontacter", "\(base)/mission-locale?onglet=a-recontacter"))
        }
        return CourrielNotification(
            prenom: d.prenom, sujet: "Jeunes en rupture : \(a.total) dossier(s) en attente cette semaine",
            paragraphes: paragraphes, liens: liens, genre: .recapitulatifHebdomadaireMissionLocale)
    }

    /// The job: the waiting cases of every mission locale, one recap per user who wants it, once per occurrence.
    public static func executer(_ ctx: ContexteTache, regles: ReglesSuivi) async throws -> BilanTache {
        let attente = attente(try await ctx.store.suivisEnAttente(), regles: regles, now: ctx.now)
        var courriels = 0
        for d in try await ctx.store.destinatairesResumes() {
            guard let code = d.missionLocale,
                let c = courriel(d, attente: attente[code], now: ctx.now, urlPublique: ctx.urlPublique),
                try await ctx.store.veutNotification(
                    .recapitulatifHebdomadaireMissionLocale, utilisateur: d.utilisateur)
            else { continue }
            let nouveau = c.nouveauCourriel(a: d.email, urlPublique: ctx.urlPublique, cle: cle(ctx.occurrence, d.email))
            if try await ctx.store.ajouterCourriel(nouveau, now: ctx.now) { courriels += 1 }
        }
        let enAttente = attente.values.reduce(0) { $0 + $1.total }
        return BilanTache(
            comptes: ["missions_locales": attente.count, "dossiers_en_attente": enAttente, "courriels": courriels],
            message: "\(enAttente) dossier(s) en attente dans \(attente.count) mission(s) locale(s), "
                + "\(courriels) e-mail(s) ajouté(s)")
    }
}
