/// The rules of what people type in account forms, checked on the server on every path (deliberate
/// difference #5). Each returns the French problems found, empty when the value is acceptable.
public enum ReglesSaisie {
    public static let longueurMinimaleMotDePasse = 12
    /// What a sign-in form accepts (older passwords); new passwords are held to `octetsMaximauxMotDePasse`.
    public static let longueurMaximaleMotDePasse = 128
    /// bcrypt only reads the first 72 bytes: a longer password would be silently cut.
    public static let octetsMaximauxMotDePasse = 72
    public static let longueurMaximaleTexte = 100
    public static let longueurMaximaleEmail = 254

    public static func motDePasse(_ m: String) -> [String] {
        var problemes: [String] = []
        if m.count < longueurMinimaleMotDePasse {
            problemes.append("Le mot de passe doit contenir au moins \(longueurMinimaleMotDePasse) caractères")
        }
        if m.utf8.count > octetsMaximauxMotDePasse {
            problemes.append(
                "Le mot de passe est trop long : \(octetsMaximauxMotDePasse) octets au plus (un caractère accentué ou spécial en compte plusieurs), il en fait \(m.utf8.count)"
            )
        }
        if MotsDePasseCourants.contient(m) {
            problemes.append(
                "Ce mot de passe est trop courant (il figure dans une liste de mots de passe connus des attaquants) : choisissez-en un autre"
            )
        }
        if !m.contains(where: \.isLowercase) { problemes.append("Le mot de passe doit contenir une lettre minuscule") }
        if !m.contains(where: \.isUppercase) { problemes.append("Le mot de passe doit contenir une lettre majuscule") }
        if !m.contains(where: \.isNumber) { problemes.append("Le mot de passe doit contenir un chiffre") }
        if !m.contains(where: { !$0.isLetter && !$0.isNumber && !$0.isWhitespace }) {
            problemes.append("Le mot de passe doit contenir un symbole (par exemple ! ? @ # %)")
        }
        return problemes
    }

    /// An e-mail address, lower-cased and trimmed, or the problem.
    public static func email(_ e: String) -> Result<String, ErreurSaisie> {
        let v = e.trimmingSpaces().lowercased()
        if v.isEmpty { return .failure(ErreurSaisie("email", "L'adresse e-mail est obligatoire")) }
        if v.count > longueurMaximaleEmail {
            return .failure(
                ErreurSaisie("email", "L'adresse e-mail est trop longue (\(longueurMaximaleEmail) caractères au plus)"))
        }
        guard Email.estValide(v) else {
            return .failure(
                ErreurSaisie("email", "L'adresse e-mail n'est pas valide (exemple : prenom.nom@exemple.fr)"))
        }
        return .success(v)
    }

    /// A short name (nom, prénom): trimmed, required, at most 100 characters.
    public static func texte(_ champ: String, _ libelle: String, _ v: String) -> Result<String, ErreurSaisie> {
        let t = v.trimmingSpaces()
        if t.isEmpty { return .failure(ErreurSaisie(champ, "\(libelle) est obligatoire")) }
        if t.count > longueurMaximaleTexte {
            return .failure(
                ErreurSaisie(champ, "\(libelle) est trop long (\(longueurMaximaleTexte) caractères au plus)"))
        }
        return .success(t)
    }
}

/// A problem with one field of a form, in French.
public struct ErreurSaisie: Error, Sendable, Equatable {
    public let champ: String
    public let message: String
    public init(_ champ: String, _ message: String) {
        self.champ = champ
        self.message = message
    }
}
