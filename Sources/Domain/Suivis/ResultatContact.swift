import Foundation

/// The outcome a mission locale records after trying to reach a young person (reference-product §2.5).
public enum ResultatContact: Sendable, Equatable, Hashable {
    case joint(SituationJeune)
    case nonJoint(ProblemeContact)

    public enum SituationJeune: String, Sendable, CaseIterable {
        case rendezVousPris = "RENDEZ_VOUS_PRIS"
        case nouveauProjet = "NOUVEAU_PROJET"
        case dejaAccompagne = "DEJA_ACCOMPAGNE"
        case nouveauContrat = "NOUVEAU_CONTRAT"
        case chercheContrat = "CHERCHE_CONTRAT_SANS_AIDE"
        case reoriente = "SE_REORIENTE_SANS_AIDE"
        case pasDAccompagnement = "NE_SOUHAITE_PAS_D_ACCOMPAGNEMENT"
        case autre = "AUTRE"

        public var libelle: String {
            switch self {
            case .rendezVousPris: "Rendez-vous pris"
            case .nouveauProjet: "Nouveau projet"
            case .dejaAccompagne: "Déjà accompagné par la mission locale ou un partenaire"
            case .nouveauContrat: "Nouveau contrat d'apprentissage"
            case .chercheContrat: "Cherche un contrat sans aide"
            case .reoriente: "Se réoriente sans aide"
            case .pasDAccompagnement: "Ne souhaite pas d'accompagnement"
            case .autre: "Autre situation"
            }
        }
    }

    public enum ProblemeContact: String, Sendable, CaseIterable {
        case coordonneesErronees = "COORDONNEES_ERRONEES"
        case injoignable = "INJOIGNABLE"
        case autre = "AUTRE"

        public var libelle: String {
            switch self {
            case .coordonneesErronees: "Coordonnées erronées"
            case .injoignable: "Injoignable"
            case .autre: "Autre raison"
            }
        }
    }

    /// The stored form: `JOINT:RENDEZ_VOUS_PRIS`, `NON_JOINT:INJOIGNABLE`.
    public var code: String {
        switch self {
        case .joint(let s): "JOINT:\(s.rawValue)"
        case .nonJoint(let p): "NON_JOINT:\(p.rawValue)"
        }
    }

    public init?(code: String) {
        let parties = code.split(separator: ":", maxSplits: 1).map(String.init)
        guard parties.count == 2 else { return nil }
        switch parties[0] {
        case "JOINT":
            guard let s = SituationJeune(rawValue: parties[1]) else { return nil }
            self = .joint(s)
        case "NON_JOINT":
            guard let p = ProblemeContact(rawValue: parties[1]) else { return nil }
            self = .nonJoint(p)
        default: return nil
        }
    }

    public var libelle: String {
        switch self {
        case .joint(let s): "Joint — \(s.libelle)"
        case .nonJoint(let p): "Non joint — \(p.libelle)"
        }
    }

    public var estJoint: Bool { if case .joint = self { true } else { false } }
}

/// The three tabs of the work list.
public enum OngletSuivi: String, Sendable, CaseIterable {
    case aTraiter = "a-traiter"
    case aRecontacter = "a-recontacter"
    case dejaTraites = "deja-traites"

    public var libelle: String {
        switch self {
        case .aTraiter: "À traiter"
        case .aRecontacter: "À recontacter"
        case .dejaTraites: "Déjà traités"
        }
    }

    /// Nothing recorded for the current rupture: to process; tried and not reached: to call back; reached: done.
    public init(dernierResultat: ResultatContact?) {
        switch dernierResultat {
        case nil: self = .aTraiter
        case .nonJoint?: self = .aRecontacter
        case .joint?: self = .dejaTraites
        }
    }
}

/// A filled outcome form, checked: each error names its field, in French.
public struct SaisieResultat: Sendable, Equatable {
    public var resultat: ResultatContact
    public var commentaire: String?
    public var dejaConnu: Bool

    public static let longueurMaxCommentaire = 2_000

    public init(resultat: ResultatContact, commentaire: String? = nil, dejaConnu: Bool = false) {
        self.resultat = resultat
        self.commentaire = commentaire
        self.dejaConnu = dejaConnu
    }

    /// Reads the form's fields: `joint` (oui/non), `situation` or `probleme`, `commentaire`, `deja_connu`.
    public static func lire(_ champs: [String: String]) -> Result<SaisieResultat, ErreursDeSaisie> {
        var erreurs: [ErreurSaisie] = []
        func v(_ k: String) -> String? {
            let t = champs[k]?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            return t.isEmpty ? nil : t
        }
        var resultat: ResultatContact?
        switch v("joint") {
        case "oui"?:
            if let s = v("situation") {
                if let s = ResultatContact.SituationJeune(rawValue: s) {
                    resultat = .joint(s)
                } else {
                    erreurs.append(
                        ErreurSaisie("situation", "Situation : valeur inconnue, choisissez-en une dans la liste."))
                }
            } else {
                erreurs.append(ErreurSaisie("situation", "Situation : choisissez la situation du jeune."))
            }
        case "non"?:
            if let p = v("probleme") {
                if let p = ResultatContact.ProblemeContact(rawValue: p) {
                    resultat = .nonJoint(p)
                } else {
                    erreurs.append(
                        ErreurSaisie("probleme", "Raison : valeur inconnue, choisissez-en une dans la liste."))
                }
            } else {
                erreurs.append(ErreurSaisie("probleme", "Raison : indiquez pourquoi le jeune n'a pas pu être joint."))
            }
        case nil:
            erreurs.append(ErreurSaisie("joint", "Avez-vous pu joindre le jeune ? : répondez oui ou non."))
        default:
            erreurs.append(ErreurSaisie("joint", "Avez-vous pu joindre le jeune ? : la réponse doit être oui ou non."))
        }
        let commentaire = v("commentaire")
        if let c = commentaire, c.count > longueurMaxCommentaire {
            erreurs.append(
                ErreurSaisie(
                    "commentaire",
                    "Commentaire : \(c.count) caractères, au plus \(longueurMaxCommentaire) sont acceptés."))
        }
        let connu = v("deja_connu")
        if let c = connu, c != "oui" {
            erreurs.append(
                ErreurSaisie("deja_connu", "Déjà connu de la mission locale : la case cochée doit valoir « oui »."))
        }
        guard erreurs.isEmpty, let resultat else { return .failure(ErreursDeSaisie(liste: erreurs)) }
        return .success(SaisieResultat(resultat: resultat, commentaire: commentaire, dejaConnu: connu == "oui"))
    }
}

/// The errors of a form, each on its field.
public struct ErreursDeSaisie: Error, Sendable, Equatable {
    public let liste: [ErreurSaisie]
    public init(liste: [ErreurSaisie]) { self.liste = liste }
}
