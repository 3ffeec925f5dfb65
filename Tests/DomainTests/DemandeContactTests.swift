import Domain
import Foundation
import TestSupport
import Testing

/// A company's contact request (issue 16): every field's problem is named in French on that field; a valid form
/// reads into the request; the honeypot; the statistics by month.
struct DemandeContactTests {
    static let aujourdhui = j("2026-11-30")

    static let valide: [String: String] = [
        "entreprise": "Maçonnerie Dubois", "siret": "732 829 320 00074", "contact": "Paul Dubois",
        "email": " Paul.Dubois@Exemple.fr ", "telephone": "04 78 12 34 56", "rome": "f1703", "metier": "Maçon",
        "postes": "2", "debut": "2027-01-04", "message": "Chantiers autour de Lyon.", "consentement": "oui",
    ]

    @Test func aValidFormReadsIntoTheRequest() throws {
        let d = try DemandeContact.lire(Self.valide, aujourdhui: Self.aujourdhui).get()
        #expect(d.entreprise == "Maçonnerie Dubois" && d.siret.rawValue == "73282932000074")
        #expect(d.email == "paul.dubois@exemple.fr" && d.telephone == "0478123456")
        #expect(d.rome == "F1703" && d.metier == "Maçon" && d.postes == 2 && d.debut == j("2027-01-04"))
        // Optional message; no ROME code when the trade was typed.
        var sansMessage = Self.valide
        sansMessage["message"] = ""
        sansMessage["rome"] = ""
        let s = try DemandeContact.lire(sansMessage, aujourdhui: Self.aujourdhui).get()
        #expect(s.message.isEmpty && s.rome == nil)
        // Today and the last day 18 months ahead are accepted.
        for debut in ["2026-11-30", "2028-05-30"] {
            var f = Self.valide
            f["debut"] = debut
            #expect((try? DemandeContact.lire(f, aujourdhui: Self.aujourdhui).get()) != nil, "\(debut)")
        }
        #expect(DemandeContact.dernierDebut(j("2026-08-31")) == j("2028-02-29"))
    }

    @Test(arguments: [
        ("entreprise", "", "Nom de l'entreprise : indiquez la raison sociale"),
        ("entreprise", String(repeating: "a", count: 101), "Nom de l'entreprise : 100 caractères au plus (101)"),
        ("siret", "", "SIRET : indiquez les 14 chiffres"),
        ("siret", "7328293200007", "SIRET : 14 chiffres attendus"),
        ("siret", "7328293200007A", "SIRET : 14 chiffres attendus"),
        ("siret", "73282932000075", "SIRET : ce numéro n'existe pas (sa clé de contrôle ne correspond pas)"),
        ("contact", " ", "Nom de la personne à contacter : indiquez vos prénom et nom"),
        ("email", "", "Adresse e-mail : indiquez-la"),
        ("email", "paul@", "Adresse e-mail : adresse invalide"),
        ("email", String(repeating: "a", count: 250) + "@x.fr", "Adresse e-mail : 254 caractères au plus"),
        ("telephone", "", "Téléphone : indiquez un numéro"),
        ("telephone", "12", "Téléphone : format attendu"),
        ("telephone", "0899123456", "Téléphone : les numéros spéciaux (surtaxés) ne sont pas acceptés"),
        ("telephone", String(repeating: "1", count: 31), "Téléphone : 30 caractères au plus"),
        ("metier", "", "Métier : indiquez le métier"),
        ("metier", String(repeating: "m", count: 151), "Métier : 150 caractères au plus"),
        ("rome", "F17", "Métier : le code ROME « F17 » est invalide"),
        ("postes", "", "Nombre de postes : indiquez combien"),
        ("postes", "0", "Nombre de postes : un nombre entier de 1 à 50"),
        ("postes", "51", "Nombre de postes : un nombre entier de 1 à 50"),
        ("postes", "2,5", "Nombre de postes : un nombre entier de 1 à 50"),
        ("debut", "", "Date de début souhaitée : indiquez-la"),
        ("debut", "04/01/2027", "Date de début souhaitée : format attendu AAAA-MM-JJ"),
        ("debut", "2026-11-29", "Date de début souhaitée : elle est passée, choisissez aujourd'hui (30 novembre 2026)"),
        ("debut", "2028-05-31", "Date de début souhaitée : au plus 18 mois à l'avance (jusqu'au 30 mai 2028)"),
        ("message", String(repeating: "é", count: 2_001), "Message : 2000 caractères au plus (2001)"),
        ("consentement", "", "Accord : cochez la case"),
    ])
    func eachBadFieldIsNamed(_ champ: String, _ valeur: String, _ debutMessage: String) {
        var f = Self.valide
        f[champ] = valeur
        guard case .failure(let e) = DemandeContact.lire(f, aujourdhui: Self.aujourdhui) else {
            Issue.record("accepted: \(champ)=\(valeur)")
            return
        }
        #expect(e.liste.count == 1, "\(e.liste)")
        let attendu = champ == "rome" ? "metier" : champ
        #expect(e.liste.first?.champ == attendu)
        #expect(e.liste.first?.message.hasPrefix(debutMessage) == true, "\(e.liste.first?.message ?? "")")
    }

    @Test func anEmptyFormNamesEveryRequiredField() {
        guard case .failure(let e) = DemandeContact.lire([:], aujourdhui: Self.aujourdhui) else {
            Issue.record("accepted")
            return
        }
        #expect(
            e.liste.map(\.champ) == [
                "entreprise", "siret", "contact", "email", "telephone", "metier", "postes", "debut", "consentement",
            ])
    }

    @Test func theHoneypotIsAnyTextInTheHiddenField() {
        #expect(!DemandeContact.estPiege(Self.valide))
        #expect(!DemandeContact.estPiege(["site_web": "  "]))
        #expect(DemandeContact.estPiege(["site_web": "http://spam.example"]))
    }

    @Test func organismesThatTakeNoRequestAreToldWhy() throws {
        #expect(DemandesEntreprises.refus(nil)?.contains("introuvable") == true)
        let o = Organisme(
            id: OrganismeID(1), uai: nil, siret: try #require(SIRET("73282932000074")), nom: "CFA du Rhône",
            nature: .responsableFormateur, adresse: AdresseOrganisme(), reseaux: [], fiable: true, ferme: false)
        #expect(DemandesEntreprises.refus(o) == nil)
        var ferme = o
        ferme.ferme = true
        #expect(DemandesEntreprises.refus(ferme)?.hasPrefix("Le CFA CFA du Rhône est fermé") == true)
        var nonFiable = o
        nonFiable.fiable = false
        #expect(DemandesEntreprises.refus(nonFiable)?.contains("pas encore vérifiées") == true)
    }

    @Test func theConfirmationLinkLeavesTheOutboxOnceSent() throws {
        let d = try DemandeContact.lire(Self.valide, aujourdhui: Self.aujourdhui).get()
        let jeton = String(repeating: "ab", count: 32)
        let c = CourrielsDemandes.confirmation(
            d, nomCFA: "CFA du Rhône", lien: "https://tdb.test\(DemandesEntreprises.cheminConfirmation)\(jeton)",
            expireLe: Date(timeIntervalSince1970: 1_796_000_000))
        #expect(c.corps.contains(jeton) && c.html?.contains(jeton) == true)
        #expect(!LiensCourriel.retirer(c.corps).contains(jeton))
        #expect(LiensCourriel.contientSecret(c.html ?? ""))
        #expect(c.corps.contains("Bonjour Paul Dubois,") && c.corps.contains("Nombre de postes : 2"))
    }

    @Test func statisticsCountEachEventInItsOwnParisMonth() {
        func d(_ s: String) -> Date { ISO8601DateFormatter().date(from: s) ?? .distantPast }
        let o = OrganismeID(1)
        let faits = [
            // Confirmed 31 October 23:30 UTC = 1 November in Paris; answered 2 hours later.
            FaitsDemande(
                organisme: o, confirmeeLe: d("2026-10-31T23:30:00Z"), premiereReponseLe: d("2026-11-01T01:30:00Z"),
                pourvueLe: d("2026-12-02T10:00:00Z")),
            FaitsDemande(
                organisme: o, confirmeeLe: d("2026-11-10T08:00:00Z"), premiereReponseLe: d("2026-11-12T08:00:00Z"),
                pourvueLe: nil),
            FaitsDemande(
                organisme: o, confirmeeLe: d("2026-11-20T08:00:00Z"), premiereReponseLe: d("2026-11-20T14:00:00Z"),
                pourvueLe: nil),
            FaitsDemande(organisme: o, confirmeeLe: d("2026-10-05T08:00:00Z"), premiereReponseLe: nil, pourvueLe: nil),
        ]
        #expect(
            StatistiquesDemandes.parMois(faits) == [
                StatistiqueMoisDemandes(mois: "2026-10", envoyees: 1),
                StatistiqueMoisDemandes(
                    mois: "2026-11", envoyees: 3, repondues: 3, delaiMedianPremiereReponse: 6 * 3_600),
                StatistiqueMoisDemandes(mois: "2026-12", pourvues: 1),
            ])
        #expect(StatistiquesDemandes.parMois([]).isEmpty)
    }
}
