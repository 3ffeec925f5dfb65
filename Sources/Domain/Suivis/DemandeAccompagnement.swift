import Foundation

/// What a CFA says when it asks the mission locale of a young person in rupture to support him or her (F17,
/// reference-product §2.4): the situation at the CFA, the cause, the objectives (each with a comment), who to call
/// back at the CFA, a note, and corrected contacts. Kept whole in the case's history.
public struct DemandeAccompagnement: Sendable, Equatable {
    public enum Objectif: String, Sendable, CaseIterable {
        case trouverEmployeur = "TROUVER_EMPLOYEUR"
        case mobilite = "MOBILITE"
        case logement = "LOGEMENT"
        case sante = "SANTE"
        case finances = "FINANCES"
        case demarches = "DEMARCHES"
        case social = "SOCIAL"
        case reorientation = "REORIENTATION"

        public var libelle: String {
            switch self {
            case .trouverEmployeur: "Trouver un employeur"
            case .mobilite: "Lever un frein : mobilité"
            case .logement: "Lever un frein : logement"
            case .sante: "Lever un frein : santé"
            case .finances: "Lever un frein : finances"
            case .demarches: "Lever un frein : démarches administratives"
            case .social: "Lever un frein : situation sociale"
            case .reorientation: "Réorientation"
            }
        }

        /// The form's field of the objective's comment.
        public var champ: String { "commentaire_\(rawValue.lowercased())" }
    }

    /// Who the mission locale calls back at the CFA: the user who sent the request, or another person.
    public enum Referent: Sendable, Equatable {
        case moi
        case autre(nom: String, email: String?, telephone: String?)
    }

    public var toujoursAuCFA: Bool
    public var maintenuEnFormation: Bool
    public var cause: String
    /// Each chosen objective with its comment ("" when none), in the order of `Objectif.allCases`.
    public var objectifs: [(Objectif, String)]
    public var referent: Referent
    public var note: String?
    /// The young person's contacts as the CFA corrects them (nil: unchanged).
    public var telephone: String?
    public var email: String?
    /// Sent by the service on the CFA's behalf after this many days of rupture (`EnvoiAutomatique`), nil when a
    /// user sent it: its situation fields were not filled and its contacts are the ERP's.
    public var automatique: Int?

    public init(
        toujoursAuCFA: Bool, maintenuEnFormation: Bool, cause: String, objectifs: [(Objectif, String)],
        referent: Referent = .moi, note: String? = nil, telephone: String? = nil, email: String? = nil,
        automatique: Int? = nil
    ) {
        self.automatique = automatique
        self.toujoursAuCFA = toujoursAuCFA
        self.maintenuEnFormation = maintenuEnFormation
        self.cause = cause
        self.objectifs = objectifs
        self.referent = referent
        self.note = note
        self.telephone = telephone
        self.email = email
    }

    public static let longueurMaxTexte = 2_000
    public static let longueurMaxCommentaireObjectif = 500

    public static func == (a: Self, b: Self) -> Bool {
        a.toujoursAuCFA == b.toujoursAuCFA && a.maintenuEnFormation == b.maintenuEnFormation && a.cause == b.cause
            && a.objectifs.map(\.0) == b.objectifs.map(\.0) && a.objectifs.map(\.1) == b.objectifs.map(\.1)
            && a.referent == b.referent && a.note == b.note && a.telephone == b.telephone && a.email == b.email
            && a.automatique == b.automatique
    }

    /// Reads the form: `au_cfa` and `en_formation` (oui/non), `cause`, `objectif` (repeated) with each
    /// `commentaire_<objectif>`, `referent` (moi/autre) with `referent_nom`, `referent_email`,
    /// `referent_telephone`, `note`, `telephone`, `email`. Every error names its field.
    public static func lire(_ champs: [String: String], objectifs choisis: [String]) -> Result<Self, ErreursDeSaisie> {
        var erreurs: [ErreurSaisie] = []
        func v(_ k: String) -> String? {
            let t = champs[k]?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            return t.isEmpty ? nil : t
        }
        func ouiNon(_ k: String, _ question: String) -> Bool {
            switch v(k) {
            case "oui"?: return true
            case "non"?: return false
            default:
                erreurs.append(ErreurSaisie(k, "\(question) : répondez oui ou non."))
                return false
            }
        }
        func texte(_ k: String, _ libelle: String, max: Int) -> String? {
            guard let t = v(k) else { return nil }
            if t.count > max { erreurs.append(ErreurSaisie(k, "\(libelle) : \(max) caractères au plus.")) }
            return t
        }
        let auCFA = ouiNon("au_cfa", "Le jeune est-il toujours au CFA ?")
        let enFormation = ouiNon("en_formation", "Le jeune est-il maintenu en formation ?")
        let cause = texte("cause", "Cause et circonstances de la rupture", max: longueurMaxTexte)
        if cause == nil {
            erreurs.append(
                ErreurSaisie("cause", "Cause et circonstances de la rupture : décrivez-les en quelques mots."))
        }
        var objectifs: [(Objectif, String)] = []
        let inconnus = choisis.filter { Objectif(rawValue: $0) == nil }
        if !inconnus.isEmpty {
            erreurs.append(ErreurSaisie("objectif", "Objectifs : valeur inconnue, choisissez-les dans la liste."))
        }
        for o in Objectif.allCases where choisis.contains(o.rawValue) {
            objectifs.append(
                (o, texte(o.champ, "Commentaire « \(o.libelle) »", max: longueurMaxCommentaireObjectif) ?? ""))
        }
        if objectifs.isEmpty && inconnus.isEmpty {
            erreurs.append(ErreurSaisie("objectif", "Objectifs : cochez au moins un objectif de l'accompagnement."))
        }
        var referent = Referent.moi
        switch v("referent") {
        case "moi"?, nil: break
        case "autre"?:
            let nom = texte("referent_nom", "Nom du référent", max: 200)
            let email = v("referent_email")
            let telephone = v("referent_telephone")
            if nom == nil { erreurs.append(ErreurSaisie("referent_nom", "Nom du référent : indiquez-le.")) }
            if let email, !Self.emailValide(email) {
                erreurs.append(ErreurSaisie("referent_email", "E-mail du référent : adresse invalide."))
            }
            if let telephone, Self.telephone(telephone) == nil {
                erreurs.append(ErreurSaisie("referent_telephone", "Téléphone du référent : numéro français attendu."))
            }
            if email == nil && telephone == nil {
                erreurs.append(
                    ErreurSaisie("referent_email", "Référent : indiquez au moins un e-mail ou un téléphone."))
            }
            referent = .autre(
                nom: nom ?? "", email: email?.lowercased(), telephone: telephone.flatMap(Self.telephone))
        default:
            erreurs.append(ErreurSaisie("referent", "Référent : « moi » ou « autre »."))
        }
        let note = texte("note", "Note à la mission locale", max: longueurMaxTexte)
        let telephone = v("telephone")
        if let telephone, Self.telephone(telephone) == nil {
            erreurs.append(ErreurSaisie("telephone", "Téléphone du jeune : numéro français attendu (10 chiffres)."))
        }
        let email = v("email")
        if let email, !Self.emailValide(email) {
            erreurs.append(ErreurSaisie("email", "E-mail du jeune : adresse invalide."))
        }
        guard erreurs.isEmpty else { return .failure(ErreursDeSaisie(liste: erreurs)) }
        return .success(
            Self(
                toujoursAuCFA: auCFA, maintenuEnFormation: enFormation, cause: cause ?? "", objectifs: objectifs,
                referent: referent, note: note, telephone: telephone.flatMap(Self.telephone),
                email: email?.lowercased()))
    }

    static func emailValide(_ e: String) -> Bool { Email.estValide(e) }

    /// A French phone number as stored (`Telephone`), nil when it is not one.
    static func telephone(_ t: String) -> String? {
        if case .numero(let n) = Telephone.normaliser(t) { n } else { nil }
    }
}

extension DemandeAccompagnement {
    /// The stored form, in the history's `details` column.
    private struct Forme: Codable {
        var auCFA: Bool
        var enFormation: Bool
        var cause: String
        var objectifs: [[String]]
        var referent: [String: String?]?
        var note: String?
        var telephone: String?
        var email: String?
        var automatique: Int?
    }

    public var json: String {
        var referentStocke: [String: String?]?
        if case .autre(let nom, let email, let telephone) = referent {
            referentStocke = ["nom": nom, "email": email, "telephone": telephone]
        }
        let f = Forme(
            auCFA: toujoursAuCFA, enFormation: maintenuEnFormation, cause: cause,
            objectifs: objectifs.map { [$0.0.rawValue, $0.1] }, referent: referentStocke, note: note,
            telephone: telephone, email: email, automatique: automatique)
        let encodeur = JSONEncoder()
        encodeur.outputFormatting = .sortedKeys
        return (try? encodeur.encode(f)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }

    /// Reads the stored form; nil when it is not one.
    public init?(json: String) {
        guard let f = try? JSONDecoder().decode(Forme.self, from: Data(json.utf8)) else { return nil }
        var objectifs: [(Objectif, String)] = []
        for o in f.objectifs {
            guard o.count == 2, let objectif = Objectif(rawValue: o[0]) else { return nil }
            objectifs.append((objectif, o[1]))
        }
        var referent = Referent.moi
        if let r = f.referent {
            referent = .autre(nom: (r["nom"] ?? nil) ?? "", email: r["email"] ?? nil, telephone: r["telephone"] ?? nil)
        }
        self.init(
            toujoursAuCFA: f.auCFA, maintenuEnFormation: f.enFormation, cause: f.cause, objectifs: objectifs,
            referent: referent, note: f.note, telephone: f.telephone, email: f.email, automatique: f.automatique)
    }
}
