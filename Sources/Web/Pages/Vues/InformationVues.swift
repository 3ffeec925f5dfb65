import Domain

/// `GET /accessibilite` (`accessibilite`): the accessibility statement, its figures from `AuditAccessibilite`.
struct AccessibiliteVue: VuePage {
    static let gabarit = "accessibilite"

    struct Impact: Sendable {
        let libelle: String
        let nombre: String
    }

    let statut: String
    let date: String?
    let pages: String
    let largeurs: String
    let impacts: [Impact]
    let contact: String

    static func construire(contact: String) -> AccessibiliteVue {
        let a = AuditAccessibilite.self
        let mesures: [(String, Int?)] = [
            ("critiques", a.critiques), ("graves", a.graves), ("modérées", a.moderees), ("mineures", a.mineures),
        ]
        return AccessibiliteVue(
            statut: a.statut, date: a.date, pages: a.pages.joined(separator: ", "), largeurs: a.largeurs,
            impacts: mesures.compactMap { m in m.1.map { Impact(libelle: m.0, nombre: nombre($0)) } },
            contact: contact)
    }
}

/// `GET /mentions-legales` (`mentions-legales`).
struct MentionsLegalesVue: VuePage {
    static let gabarit = "mentions-legales"
    let contact: String
}

/// `GET /donnees-personnelles` (`donnees-personnelles`): what is collected, why, and for how long — the durations
/// read from the retention policy the service applies (`PolitiqueRetention.defaut`).
struct DonneesPersonnellesVue: VuePage {
    static let gabarit = "donnees-personnelles"

    struct Conservation: Sendable {
        let donnees: String
        let depart: String
        let duree: String
        let action: String
        let applicable: Bool
    }

    let conservation: [Conservation]
    let effectifs: String
    let journal: String
    let moisInactivite: String
    let contact: String

    static func construire(_ p: PolitiqueRetention, contact: String) -> DonneesPersonnellesVue {
        DonneesPersonnellesVue(
            conservation: p.regles.map {
                Conservation(
                    donnees: $0.donnees, depart: $0.depart, duree: $0.libelleDuree, action: $0.action.rawValue,
                    applicable: $0.applicable)
            },
            effectifs: p.regle(.effectifsNominatifs)?.libelleDuree ?? "—",
            journal: p.regle(.journal)?.libelleDuree ?? "—",
            moisInactivite: String(Inactivite.moisAvantSuspension), contact: contact)
    }
}

/// `GET /contact` (`contact`).
struct ContactVue: VuePage {
    static let gabarit = "contact"
    let contact: String
    /// Signed in: the administrators of the account's organisation, who validate its members.
    let administrateurs: [String]
    let organisation: String?
}
