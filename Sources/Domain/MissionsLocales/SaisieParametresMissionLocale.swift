import Foundation

/// The settings form of a mission locale (`/mission-locale/parametres`), checked: each error names its field, in
/// French. An empty field clears the setting.
public enum SaisieParametresMissionLocale {
    public static let longueurMaxUrl = 500

    /// Reads the fields `rdv_url` and `email_notifications`.
    public static func lire(_ champs: [String: String]) -> Result<ParametresMissionLocale, ErreursDeSaisie> {
        var erreurs: [ErreurSaisie] = []
        func v(_ k: String) -> String? {
            let t = champs[k]?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            return t.isEmpty ? nil : t
        }
        let url = v("rdv_url")
        if let url, let probleme = problemeUrl(url) {
            erreurs.append(ErreurSaisie("rdv_url", "Adresse de prise de rendez-vous : \(probleme)."))
        }
        var email = v("email_notifications")
        if let e = email {
            switch ReglesSaisie.email(e) {
            case .success(let e): email = e
            case .failure:
                let longueur = e.count > ReglesSaisie.longueurMaximaleEmail
                erreurs.append(
                    ErreurSaisie(
                        "email_notifications",
                        longueur
                            ? "Adresse des notifications : \(ReglesSaisie.longueurMaximaleEmail) caractères au plus."
                            : "Adresse des notifications : adresse e-mail invalide (exemple : contact@mission-locale.fr)."
                    ))
            }
        }
        guard erreurs.isEmpty else { return .failure(ErreursDeSaisie(liste: erreurs)) }
        return .success(ParametresMissionLocale(rdvUrl: url, emailNotifications: email))
    }

    /// The checkbox `inviter_jeunes` ("oui" when ticked): since when new cases' young people are invited — kept when
    /// it was already on, `now` when it is turned on, nil when off.
    public static func inviterJeunesDepuis(_ champs: [String: String], avant: ParametresMissionLocale, now: Date)
        -> Date?
    {
        champs["inviter_jeunes"] == "oui" ? (avant.inviterJeunesDepuis ?? now) : nil
    }

    /// Why an appointment-booking address is refused, nil when it is acceptable: http(s), a host, no space, at most
    /// `longueurMaxUrl` characters.
    static func problemeUrl(_ url: String) -> String? {
        if url.count > longueurMaxUrl { return "\(url.count) caractères, au plus \(longueurMaxUrl) sont acceptés" }
        let minuscule = url.lowercased()
        guard minuscule.hasPrefix("https://") || minuscule.hasPrefix("http://") else {
            return "elle doit commencer par https:// ou http://"
        }
        guard !url.contains(where: { $0.isWhitespace }), let c = URLComponents(string: url), let hote = c.host,
            !hote.isEmpty, hote.contains(".") || hote == "localhost"
        else { return "adresse web invalide (exemple : https://www.mission-locale.fr/rendez-vous)" }
        return nil
    }

    /// What changed, for the journal ("adresse de rendez-vous : … → …").
    public static func modifications(avant: ParametresMissionLocale, apres: ParametresMissionLocale) -> [String] {
        func t(_ v: String?) -> String { v ?? "(aucune)" }
        var m: [String] = []
        if avant.rdvUrl != apres.rdvUrl { m.append("adresse de rendez-vous : \(t(avant.rdvUrl)) → \(t(apres.rdvUrl))") }
        if avant.emailNotifications != apres.emailNotifications {
            m.append(
                "adresse des notifications : \(t(avant.emailNotifications)) → \(t(apres.emailNotifications))")
        }
        if avant.inviterJeunes != apres.inviterJeunes {
            m.append("invitation automatique des nouveaux jeunes : \(apres.inviterJeunes ? "activée" : "désactivée")")
        }
        return m
    }
}
