import Foundation

/// A company's request to a CFA (issue 16), as read from the public form `/recruter-un-apprenti/contact`: who the
/// company is, whom to answer, the trade and the positions. Nothing of it is stored until the form is valid.
public struct DemandeContact: Sendable, Equatable {
    public var entreprise: String
    public var siret: SIRET
    public var contact: String
    public var email: String
    public var telephone: String
    /// The ROME code the search gave (`F1703`), when there was one.
    public var rome: String?
    /// The trade as given or typed (« Maçon »).
    public var metier: String
    public var postes: Int
    public var debut: Jour
    public var message: String

    public init(
        entreprise: String, siret: SIRET, contact: String, email: String, telephone: String, rome: String?,
        metier: String, postes: Int, debut: Jour, message: String
    ) {
        self.entreprise = entreprise
        self.siret = siret
        self.contact = contact
        self.email = email
        self.telephone = telephone
        self.rome = rome
        self.metier = metier
        self.postes = postes
        self.debut = debut
        self.message = message
    }

    public static let longueurMaxTexte = 100
    public static let longueurMaxMetier = 150
    public static let longueurMaxMessage = 2_000
    public static let postesMax = 50
    /// The desired start is at most this many months ahead.
    public static let moisMaxDebut = 18
    /// The field a person leaves empty (hidden from them, visible to robots that fill every field).
    public static let champPiege = "site_web"

    /// Whether the hidden field is filled: the form then gets a neutral answer and nothing is stored.
    public static func estPiege(_ champs: [String: String]) -> Bool {
        !(champs[champPiege] ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
    }

    /// A ROME code: one capital letter and four digits.
    public static func estCodeRome(_ s: String) -> Bool {
        let b = Array(s.utf8)
        return b.count == 5 && (65...90).contains(b[0]) && b.dropFirst().allSatisfy { (48...57).contains($0) }
    }

    /// The last day a start may be asked for: `moisMaxDebut` months after `aujourdhui` (the end of the month when
    /// that day does not exist).
    public static func dernierDebut(_ aujourdhui: Jour) -> Jour {
        let (a, m, j) = aujourdhui.components
        let total = a * 12 + (m - 1) + moisMaxDebut
        let (annee, mois) = (total / 12, total % 12 + 1)
        var jour = j
        while jour > 28, Jour(year: annee, month: mois, day: jour).components.month != mois { jour -= 1 }
        return Jour(year: annee, month: mois, day: jour)
    }

    /// Reads the form's fields: `entreprise`, `siret`, `contact`, `email`, `telephone`, `rome`, `metier`, `postes`,
    /// `debut` (AAAA-MM-JJ), `message`, `consentement`. Every problem is named with its field.
    public static func lire(_ champs: [String: String], aujourdhui: Jour) -> Result<DemandeContact, ErreursDeSaisie> {
        var erreurs: [ErreurSaisie] = []
        func texte(_ nom: String) -> String {
            (champs[nom] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        }
        func obligatoire(_ nom: String, _ libelle: String, _ vide: String, max: Int) -> String? {
            let v = texte(nom)
            if v.isEmpty {
                erreurs.append(ErreurSaisie(nom, "\(libelle) : \(vide)."))
                return nil
            }
            if v.count > max {
                erreurs.append(ErreurSaisie(nom, "\(libelle) : \(max) caractères au plus (\(v.count))."))
                return nil
            }
            return v
        }
        let entreprise = obligatoire(
            "entreprise", "Nom de l'entreprise", "indiquez la raison sociale ou le nom commercial",
            max: longueurMaxTexte)
        let siret = lireSiret(texte("siret"), &erreurs)
        let contact = obligatoire(
            "contact", "Nom de la personne à contacter", "indiquez vos prénom et nom", max: longueurMaxTexte)
        var email: String?
        switch ReglesSaisie.email(texte("email")) {
        case .success(let e): email = e
        case .failure:
            let v = texte("email")
            let raison =
                v.isEmpty
                ? "indiquez-la, le lien de confirmation de votre demande y est envoyé"
                : v.count > ReglesSaisie.longueurMaximaleEmail
                    ? "\(ReglesSaisie.longueurMaximaleEmail) caractères au plus"
                    : "adresse invalide (exemple : prenom.nom@entreprise.fr)"
            erreurs.append(ErreurSaisie("email", "Adresse e-mail : \(raison)."))
        }
        let telephone = lireTelephone(texte("telephone"), &erreurs)
        let rome = texte("rome").uppercased()
        if !rome.isEmpty && !estCodeRome(rome) {
            erreurs.append(
                ErreurSaisie("metier", "Métier : le code ROME « \(rome.prefix(20)) » est invalide (ex. F1703)."))
        }
        let metier = obligatoire(
            "metier", "Métier", "indiquez le métier de l'apprenti recherché", max: longueurMaxMetier)
        let postes = lirePostes(texte("postes"), &erreurs)
        let debut = lireDebut(texte("debut"), aujourdhui: aujourdhui, &erreurs)
        let message = texte("message")
        if message.count > longueurMaxMessage {
            erreurs.append(
                ErreurSaisie("message", "Message : \(longueurMaxMessage) caractères au plus (\(message.count))."))
        }
        if texte("consentement").isEmpty {
            erreurs.append(
                ErreurSaisie(
                    "consentement",
                    "Accord : cochez la case pour que vos coordonnées soient transmises au CFA, sans quoi il ne "
                        + "peut pas vous répondre."))
        }
        guard erreurs.isEmpty, let entreprise, let siret, let contact, let email, let telephone, let metier,
            let postes, let debut
        else { return .failure(ErreursDeSaisie(liste: erreurs)) }
        return .success(
            DemandeContact(
                entreprise: entreprise, siret: siret, contact: contact, email: email, telephone: telephone,
                rome: rome.isEmpty ? nil : rome, metier: metier, postes: postes, debut: debut, message: message))
    }

    static func lireSiret(_ v: String, _ erreurs: inout [ErreurSaisie]) -> SIRET? {
        guard !v.isEmpty else {
            erreurs.append(ErreurSaisie("siret", "SIRET : indiquez les 14 chiffres du SIRET de votre établissement."))
            return nil
        }
        guard let s = SIRET(v) else {
            erreurs.append(ErreurSaisie("siret", "SIRET : 14 chiffres attendus (les espaces sont permis)."))
            return nil
        }
        guard s.cleValide else {
            erreurs.append(
                ErreurSaisie(
                    "siret", "SIRET : ce numéro n'existe pas (sa clé de contrôle ne correspond pas), vérifiez-le."))
            return nil
        }
        return s
    }

    static func lireTelephone(_ v: String, _ erreurs: inout [ErreurSaisie]) -> String? {
        guard !v.isEmpty else {
            erreurs.append(ErreurSaisie("telephone", "Téléphone : indiquez un numéro où le CFA peut vous joindre."))
            return nil
        }
        guard v.count <= 30 else {
            erreurs.append(ErreurSaisie("telephone", "Téléphone : 30 caractères au plus."))
            return nil
        }
        switch Telephone.normaliser(v) {
        case .numero(let n): return n
        case .erreur(let m):
            let raison =
                m == Message.telephoneSpecial
                ? "les numéros spéciaux (surtaxés) ne sont pas acceptés"
                : m == Message.telephoneInvalide
                    ? "ce numéro n'est pas attribué" : "format attendu 01 23 45 67 89 ou +33 1 23 45 67 89"
            erreurs.append(ErreurSaisie("telephone", "Téléphone : \(raison)."))
            return nil
        }
    }

    static func lirePostes(_ v: String, _ erreurs: inout [ErreurSaisie]) -> Int? {
        guard let n = Int(v), (1...postesMax).contains(n) else {
            erreurs.append(
                ErreurSaisie(
                    "postes",
                    v.isEmpty
                        ? "Nombre de postes : indiquez combien d'apprentis vous souhaitez accueillir."
                        : "Nombre de postes : un nombre entier de 1 à \(postesMax) est attendu."))
            return nil
        }
        return n
    }

    static func lireDebut(_ v: String, aujourdhui: Jour, _ erreurs: inout [ErreurSaisie]) -> Jour? {
        guard !v.isEmpty else {
            erreurs.append(ErreurSaisie("debut", "Date de début souhaitée : indiquez-la."))
            return nil
        }
        guard let d = Jour(iso: v), Jour.plausibles.contains(d) else {
            erreurs.append(ErreurSaisie("debut", "Date de début souhaitée : format attendu AAAA-MM-JJ."))
            return nil
        }
        if d < aujourdhui {
            erreurs.append(
                ErreurSaisie(
                    "debut",
                    "Date de début souhaitée : elle est passée, choisissez aujourd'hui "
                        + "(\(CourrielNotification.dateLongue(aujourdhui))) ou plus tard."))
            return nil
        }
        let fin = dernierDebut(aujourdhui)
        if d > fin {
            erreurs.append(
                ErreurSaisie(
                    "debut",
                    "Date de début souhaitée : au plus \(moisMaxDebut) mois à l'avance (jusqu'au "
                        + "\(CourrielNotification.dateLongue(fin)))."))
            return nil
        }
        return d
    }
}
