import Foundation

/// A CFA's choice to have its requests for support sent for it (issue 15, F17): off by default; when on, each young
/// person in rupture in a mission locale's scope whom the CFA did not send is sent after `jours` days of rupture.
public struct ParametresEnvoiAutomatique: Sendable, Equatable {
    public var actif: Bool
    public var jours: Int

    public static let joursParDefaut = 45
    public static let bornes = 1...365

    public init(actif: Bool = false, jours: Int = ParametresEnvoiAutomatique.joursParDefaut) {
        self.actif = actif
        self.jours = jours
    }

    /// Reads the form: `actif` ("oui" when ticked) and `jours` (1 to 365; 45 when empty). Errors name their field.
    public static func lire(_ champs: [String: String]) -> Result<Self, ErreursDeSaisie> {
        var erreurs: [ErreurSaisie] = []
        let actif: Bool
        switch champs["actif"]?.trimmingCharacters(in: .whitespaces) ?? "" {
        case "oui": actif = true
        case "", "non": actif = false
        default:
            actif = false
            erreurs.append(ErreurSaisie("actif", "Envoi automatique : la case cochée doit valoir « oui »."))
        }
        var jours = joursParDefaut
        let texte = champs["jours"]?.trimmingCharacters(in: .whitespaces) ?? ""
        if !texte.isEmpty {
            if let n = Int(texte), bornes.contains(n) {
                jours = n
            } else {
                erreurs.append(
                    ErreurSaisie(
                        "jours",
                        "Nombre de jours après la rupture : un nombre entier de \(bornes.lowerBound) à "
                            + "\(bornes.upperBound) est attendu (« \(texte.prefix(20)) » saisi)."))
            }
        }
        guard erreurs.isEmpty else { return .failure(ErreursDeSaisie(liste: erreurs)) }
        return .success(Self(actif: actif, jours: jours))
    }

    /// What changed, for the journal.
    public func modifications(depuis avant: Self) -> [String] {
        var m: [String] = []
        if avant.actif != actif { m.append("envoi automatique : \(actif ? "activé" : "désactivé")") }
        if avant.jours != jours { m.append("délai : \(avant.jours) → \(jours) jours") }
        return m
    }
}

/// The daily job that sends the requests of the CFAs that chose it (`ParametresEnvoiAutomatique`): through the same
/// path as a user's request (a `demandeCFA` event on the case), built from what is known — the ERP's contacts, no
/// objective, a note saying it was sent automatically, the organisme's contact for the missions locales as referent.
/// A case sent (by anyone) is never sent again: a run started again sends nothing twice.
public enum EnvoiAutomatique {
    public static let nom = "envoi-automatique-demandes"

    /// The cases to send today: in a mission locale's list (age, residence covered, rupture qualifying), rupture at
    /// least `jours` days old, never sent by the CFA and no outcome ever recorded (not contacted outside the
    /// collaboration).
    public static func choisis(_ suivis: [SuiviStocke], jours: Int, regles: ReglesSuivi, aujourdhui: Jour)
        -> [CasSuivi]
    {
        suivis.compactMap { s -> CasSuivi? in
            guard s.demandeCFALe == nil, s.dernierResultat == nil,
                let c = ListeSuivis.cas(s, regles: regles, aujourdhui: aujourdhui), aujourdhui - c.rupture >= jours
            else { return nil }
            return c
        }.sorted { $0.suivi.id.rawValue < $1.suivi.id.rawValue }
    }

    /// The request sent on the CFA's behalf: the young person's phone and e-mail as the ERP sent them (left out when
    /// not valid), the organisme's contact for the missions locales as referent.
    public static func demande(jours: Int, telephone: String?, courriel: String?, contact: ContactOrganisme?)
        -> DemandeAccompagnement
    {
        let telephone = telephone.flatMap(DemandeAccompagnement.telephone)
        let email = courriel.flatMap { Email.estValide($0) ? $0.lowercased() : nil }
        return DemandeAccompagnement(
            toujoursAuCFA: false, maintenuEnFormation: false, cause: "", objectifs: [],
            referent: contact.map { .autre(nom: $0.nom, email: $0.email.lowercased(), telephone: nil) } ?? .moi,
            note: "Demande envoyée automatiquement après \(jours) jours de rupture, selon le réglage du CFA : "
                + "la situation du jeune et les objectifs n'ont pas été renseignés.",
            telephone: telephone, email: email, automatique: jours)
    }

    /// The case's history line.
    public static func evenement(
        _ c: CasSuivi, jours: Int, nomOrganisme: String, apprenant: Effectif.Apprenant?, contact: ContactOrganisme?,
        now: Date
    ) -> EvenementSuivi {
        EvenementSuivi(
            le: now, genre: .demandeCFA, auteur: EvenementSuivi.auteurService, organisation: nomOrganisme,
            rupture: c.rupture,
            demande: demande(
                jours: jours, telephone: apprenant?.telephone, courriel: apprenant?.courriel, contact: contact))
    }

    /// The job: for each organisme whose setting is on, its cases due today are sent. A case written since it was
    /// read (the CFA sent it meanwhile) is left alone.
    public static func executer(_ ctx: ContexteTache, regles: ReglesSuivi) async throws -> BilanTache {
        let store = ctx.store
        let reglages = try await store.organismesEnEnvoiAutomatique()
        let aujourdhui = HeureDeParis.jour(ctx.now)
        var (envoyees, organismes) = (0, 0)
        let parOrganisme = Dictionary(
            grouping: try await store.suivisSansDemande(organismes: reglages.keys.sorted { $0.rawValue < $1.rawValue }),
            by: \.ligne.organisme)
        for (id, jours) in reglages.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            let cas = choisis(parOrganisme[id] ?? [], jours: jours, regles: regles, aujourdhui: aujourdhui)
            guard !cas.isEmpty, let organisme = try await store.organisme(id: id) else { continue }
            let contact = try await store.contactsPourMissionsLocales(organisme: id).first
            let apprenants = Dictionary(
                try await store.effectifsStockes(ids: cas.map(\.suivi.ligne.effectif)).map {
                    ($0.id, $0.effectif.apprenant)
                }, uniquingKeysWith: { a, _ in a })
            var n = 0
            for c in cas {
                let e = evenement(
                    c, jours: jours, nomOrganisme: organisme.nom, apprenant: apprenants[c.suivi.ligne.effectif],
                    contact: contact, now: ctx.now)
                if case .fait = try await store.ajouter(e, a: c.suivi.id, versionLue: c.suivi.version) { n += 1 }
            }
            envoyees += n
            if n > 0 { organismes += 1 }
        }
        return BilanTache(
            comptes: ["organismes_actifs": reglages.count, "organismes": organismes, "demandes": envoyees],
            message: "\(envoyees) demande(s) envoyée(s) automatiquement pour \(organismes) organisme(s) "
                + "(\(reglages.count) avec l'envoi automatique)")
    }
}
