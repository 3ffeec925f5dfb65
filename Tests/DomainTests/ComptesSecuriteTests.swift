import Domain
import Foundation
import Testing

/// Issue 11, accounts: the password rules, the inactivity rule and the removal of links from e-mails.
struct ReglesMotDePasseTests {
    static let trop = "Le mot de passe est trop long"
    static let courant = "Ce mot de passe est trop courant"
    static let court = "au moins 12 caractères"

    /// (password, the problems expected among the messages — empty means accepted)
    static let cas: [(String, [String])] = [
        ("Abcdefgh12!", [court]),  // 11 characters
        ("Abcdefgh123!", []),  // 12 characters
        ("Élève-Cfa-2026!", []),  // accents count as one character each for the minimum
        ("Password2024!", [courant]),  // "password" is in the list, whatever the case and the digits around it
        ("PASSWORD2024!", [courant]),
        ("pAsSwOrD-2024!", [courant]),
        ("Sunshine!2025", [courant]),
        ("2025!Butterfly", [courant]),
        ("Passwords-are-long-1!", []),  // a listed word inside a longer phrase is fine
        ("Aa1!" + String(repeating: "x", count: 68), []),  // 72 bytes
        ("Aa1!" + String(repeating: "x", count: 69), [trop]),  // 73 bytes
        ("Aa1!" + String(repeating: "é", count: 34), []),  // 4 + 34 × 2 = 72 bytes, 38 characters
        ("Aa1!" + String(repeating: "é", count: 34) + "x", [trop]),  // 73 bytes for 39 characters
    ]

    @Test(arguments: cas) func passwordRules(_ motDePasse: String, _ attendus: [String]) {
        let problemes = ReglesSaisie.motDePasse(motDePasse)
        if attendus.isEmpty {
            #expect(problemes.isEmpty, "\(motDePasse) : \(problemes)")
        }
        for a in attendus {
            #expect(problemes.contains { $0.contains(a) }, "\(motDePasse) devait être refusé : \(a) — \(problemes)")
        }
    }

    @Test func theShippedListIsLargeAndLowerCased() {
        #expect(MotsDePasseCourants.liste.count >= 10_000)
        #expect(MotsDePasseCourants.liste.allSatisfy { $0 == $0.lowercased() && !$0.hasPrefix("#") })
        #expect(MotsDePasseCourants.contient("PaSsWoRd") && MotsDePasseCourants.contient("!!BaseBall2024"))
        #expect(!MotsDePasseCourants.contient("Tableau-de-bord-2026!"))
    }
}

struct InactiviteTests {
    static let now = Date(timeIntervalSince1970: 1_780_000_000)  // 2026-05-28
    static let jour: TimeInterval = 86_400

    func compte(
        _ id: Int64, cree: Date, connexion: Date? = nil, reactive: Date? = nil, averti: Date? = nil,
        statut: StatutCompte = .actif
    ) -> Utilisateur {
        Utilisateur(
            id: UtilisateurID(id), email: "u\(id)@test.fr", nom: "N", prenom: "P", organisation: OrganisationID(1),
            role: .membre, statut: statut, hashMotDePasse: "", createdAt: cree, derniereConnexion: connexion,
            reactiveLe: reactive, inactiviteAvertieLe: averti)
    }

    func ilYa(mois: Int, jours: Int = 0) -> Date {
        var c = Calendar(identifier: .gregorian)
        c.timeZone = TimeZone(identifier: "UTC")!
        return c.date(byAdding: DateComponents(month: -mois, day: -jours), to: Self.now)!
    }

    @Test func warnsAtElevenMonthsAndSuspendsAtTwelveAfterAMonthsNotice() {
        let comptes = [
            compte(1, cree: ilYa(mois: 30), connexion: ilYa(mois: 10, jours: 29)),  // active recently enough
            compte(2, cree: ilYa(mois: 30), connexion: ilYa(mois: 11)),  // 11 months: warned
            compte(3, cree: ilYa(mois: 11, jours: 1)),  // never signed in, created 11 months ago: warned
            compte(4, cree: ilYa(mois: 30), connexion: ilYa(mois: 12), averti: ilYa(mois: 1, jours: 1)),  // warned a month ago: suspended
            compte(
                5, cree: ilYa(mois: 30), connexion: ilYa(mois: 14), averti: Self.now.addingTimeInterval(-10 * Self.jour)
            ),  // notice too short
            compte(6, cree: ilYa(mois: 30), connexion: ilYa(mois: 13)),  // never warned (job down): warned first, not suspended
            compte(7, cree: ilYa(mois: 30), connexion: ilYa(mois: 2), averti: ilYa(mois: 3)),  // signed in after the warning
            compte(8, cree: ilYa(mois: 30), connexion: ilYa(mois: 20), reactive: ilYa(mois: 1)),  // reactivated a month ago
            compte(9, cree: ilYa(mois: 30), connexion: ilYa(mois: 20), statut: .suspendu),  // already suspended
            compte(10, cree: ilYa(mois: 30), connexion: ilYa(mois: 11), averti: ilYa(mois: 0, jours: 3)),  // warned already
        ]
        let d = Inactivite.decider(comptes, now: Self.now)
        #expect(d.avertir.map(\.rawValue) == [2, 3, 6])
        #expect(d.suspendre.map(\.rawValue) == [4])
    }
}

struct LiensCourrielTests {
    @Test func linksWithASecretAreReplacedAndTheRestKept() {
        let corps = """
            Bonjour Léa,

            Pour choisir un nouveau mot de passe, ouvrez ce lien (valable une heure) :
            https://tdb.example/reinitialisation?jeton=0123abcd
            Ou celui-ci : http://x/invitation?jeton=ff00. Merci
            Pour vous connecter : https://tdb.example/connexion
            """
        let sans = LiensCourriel.retirer(corps)
        #expect(!sans.contains("jeton") && !sans.contains("0123abcd") && !sans.contains("ff00"))
        #expect(sans.contains("[lien retiré après envoi]\nOu celui-ci : [lien retiré après envoi] Merci"))
        #expect(sans.contains("Bonjour Léa,\n\nPour choisir") && sans.contains("https://tdb.example/connexion"))
        #expect(LiensCourriel.retirer("rien à retirer") == "rien à retirer")
    }
}
