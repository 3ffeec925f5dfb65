import Foundation

/// A rupture that a CFA declares before its ERP sends it (issue 15, reference-product §2.4 "Declare a rupture"):
/// the first day without the contract and its cause. Until the ERP's data shows a rupture of that contract, the
/// young person's case follows the declared timeline: it is in the mission locale's list at once, marked « rupture
/// déclarée par le CFA ». Once the ERP sends a rupture, the case follows the ERP's data again; the declaration stays
/// in the history, and a different date is shown to both sides.
public struct DeclarationRupture: Sendable, Equatable {
    /// The first day without the contract (as `contrat_date_rupture`).
    public var date: Jour
    public var cause: String

    public static let longueurMaxCause = 200
    /// Suggestions of the form: the causes the national API documents (`causes_rupture.csv`); any text is accepted.
    public static let causesSuggerees = [
        "Rupture d'un commun accord entre l'apprenti et l'employeur", "Démission", "Résiliation", "Force majeure",
        "Faute lourde", "Inaptitude constatée par la médecine du travail", "Période d'essai",
    ]

    public init(date: Jour, cause: String) {
        self.date = date
        self.cause = cause
    }

    /// The form's fields `date` (AAAA-MM-JJ) and `cause`, checked against the learner's contracts as its ERP sent
    /// them: the date is not in the future and falls within a contract that is running and not yet broken.
    public static func lire(_ champs: [String: String], effectif: Effectif, aujourdhui: Jour) -> Result<
        DeclarationRupture, ErreursDeSaisie
    > {
        var erreurs: [ErreurSaisie] = []
        let texteDate = champs["date", default: ""].trimmingCharacters(in: .whitespaces)
        var date: Jour?
        if texteDate.isEmpty {
            erreurs.append(ErreurSaisie("date", "Date de rupture : indiquez le premier jour sans contrat."))
        } else if let d = Jour(iso: texteDate), Jour.plausibles.contains(d) {
            if d > aujourdhui {
                erreurs.append(
                    ErreurSaisie(
                        "date", "Date de rupture : elle ne peut pas être après aujourd'hui (\(longue(aujourdhui))).")
                )
            } else if contratRompu(effectif.entreeParcours, le: d) == nil {
                erreurs.append(ErreurSaisie("date", messageSansContrat(effectif, le: d)))
            } else {
                date = d
            }
        } else {
            erreurs.append(ErreurSaisie("date", "Date de rupture : format attendu AAAA-MM-JJ."))
        }
        let cause = champs["cause", default: ""].trimmingCharacters(in: .whitespacesAndNewlines)
        if cause.isEmpty {
            erreurs.append(ErreurSaisie("cause", "Cause de la rupture : indiquez-la (par exemple « Démission »)."))
        } else if cause.count > longueurMaxCause {
            erreurs.append(
                ErreurSaisie("cause", "Cause de la rupture : \(longueurMaxCause) caractères au plus (\(cause.count))."))
        }
        guard erreurs.isEmpty, let date else { return .failure(ErreursDeSaisie(liste: erreurs)) }
        return .success(DeclarationRupture(date: date, cause: cause))
    }

    static func messageSansContrat(_ e: Effectif, le d: Jour) -> String {
        let contrats = e.contrats.compactMap { c -> String? in
            guard let debut = c.dateDebut else { return nil }
            let fin =
                c.dateRupture.map { "rompu le \(longue($0))" } ?? c.dateFin.map { "jusqu'au \(longue($0))" }
                ?? "sans fin connue"
            return "du \(longue(debut)) \(fin)"
        }
        return "Date de rupture : aucun contrat en cours et non rompu le \(longue(d)) dans les données de l'ERP"
            + (contrats.isEmpty ? " (aucun contrat transmis)." : " (contrats : \(contrats.joined(separator: " ; "))).")
    }

    static func longue(_ j: Jour) -> String { CourrielNotification.dateLongue(j) }

    /// The contract that a rupture on `d` breaks: started before `d`, not broken, still running on `d` (the last
    /// of the contracts starting the same day, as the status builder keeps it). Nil when there is none.
    public static func contratRompu(_ entree: EntreeParcours, le d: Jour) -> Int? {
        var retenus: [Jour: Int] = [:]
        for (i, c) in entree.contrats.enumerated() { retenus[c.debut ?? .epoch] = i }
        return retenus.values.sorted().last { i in
            let c = entree.contrats[i]
            return (c.debut ?? .epoch) < d && c.rupture == nil && (c.fin ?? entree.finSession) >= d
        }
    }

    /// The timeline with the declared rupture applied to the ERP's data; nil when the ERP's data no longer has a
    /// running contract to break on that day (it sent the rupture, or other dates): the ERP's timeline then rules.
    public static func parcours(_ e: Effectif, declaree d: Jour) -> Parcours? {
        var entree = e.entreeParcours
        guard let i = contratRompu(entree, le: d) else { return nil }
        entree.contrats[i].rupture = d
        return ConstructeurParcours.construire(entree)
    }
}

/// Where a declaration stands against the ERP's data, as both sides read it on the case page.
public enum EtatDeclaration: Sendable, Equatable {
    /// The ERP has sent nothing that says otherwise since the declaration.
    case enAttente
    /// The ERP's data has a rupture of the contract on the declared day.
    case confirmee
    /// The ERP's data differs: what it says, in French.
    case contredite(String)

    /// `transmisLe`: the last transmission of the learner by its ERP.
    public static func etat(
        declaree d: Jour, le declareeLe: Date, effectif e: Effectif, transmisLe: Date?
    ) -> EtatDeclaration {
        let entree = e.entreeParcours
        if DeclarationRupture.contratRompu(entree, le: d) != nil {
            guard let t = transmisLe, t > declareeLe else { return .enAttente }
            return .contredite(
                "Le contrat est toujours en cours dans les données transmises par l'ERP le "
                    + "\(DeclarationRupture.longue(HeureDeParis.jour(t))), "
                    + "après la déclaration.")
        }
        let ruptures = entree.contrats.compactMap(\.rupture)
        if ruptures.contains(d) { return .confirmee }
        if let r = ruptures.min(by: { abs($0 - d) < abs($1 - d) }) {
            return .contredite(
                "L'ERP indique une rupture le \(DeclarationRupture.longue(r)), le CFA l'avait déclarée le "
                    + "\(DeclarationRupture.longue(d)).")
        }
        return .contredite("L'ERP n'indique plus de contrat en cours le \(DeclarationRupture.longue(d)).")
    }

    public var libelle: String {
        switch self {
        case .enAttente: "En attente des données de l'ERP"
        case .confirmee: "Confirmée par les données de l'ERP"
        case .contredite(let pourquoi): "Contradiction avec l'ERP : \(pourquoi)"
        }
    }

    public var estContredite: Bool {
        if case .contredite = self { return true }
        return false
    }
}

extension EvenementSuivi {
    /// The CFA's declaration, as the history keeps it (the cause in `commentaire`).
    public static func declaration(_ d: DeclarationRupture, auteur: String, organisation: String?, le: Date)
        -> EvenementSuivi
    {
        EvenementSuivi(
            le: le, genre: .declarationRupture, auteur: auteur, organisation: organisation, rupture: d.date,
            commentaire: d.cause, organisationCFA: true)
    }

    /// Written when the ERP's data takes over from a declaration: its rupture, and how it compares.
    public static func rapprochementERP(declaree d: Jour, effectif e: Effectif, rupture: Jour?, le: Date)
        -> EvenementSuivi
    {
        EvenementSuivi(
            le: le, genre: .rapprochementERP, auteur: auteurService, rupture: rupture,
            commentaire: EtatDeclaration.etat(declaree: d, le: .distantPast, effectif: e, transmisLe: nil).libelle)
    }
}
