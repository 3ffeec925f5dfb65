import Domain
import Foundation
import Testing

/// The transmission alert's rules and its e-mail (text and HTML, only the organisme concerned, the preferences link).
struct AlerteTransmissionTests {
    let now = PlanificationTests.utc("2026-11-30", 7, 0)

    func organisme(_ id: Int64, nom: String, derniere: Date?, ferme: Bool = false) -> Organisme {
        Organisme(
            id: OrganismeID(id), uai: UAI("0802004U"), siret: SIRET("77937827200016")!, nom: nom, ferme: ferme,
            lastTransmissionDate: derniere)
    }

    func jours(_ n: Double) -> Date { now.addingTimeInterval(-n * 86_400) }

    @Test func organismesSilentForThirtyDaysAreConcerned() {
        let a = AlerteTransmission()
        let o = [
            organisme(1, nom: "jamais transmis", derniere: nil),
            organisme(2, nom: "29 jours", derniere: jours(29)),
            organisme(3, nom: "30 jours", derniere: jours(30)),
            organisme(4, nom: "200 jours", derniere: jours(200)),
            organisme(5, nom: "fermé", derniere: jours(60), ferme: true),
        ]
        #expect(a.concernes(o, now: now).map(\.id.rawValue) == [3, 4])
    }

    @Test func repeatedAtMostEveryThirtyDaysButCompletedWithinTheSameOccurrence() {
        let a = AlerteTransmission()
        let occurrence = Occurrence(tache: AlerteTransmission.nom, instant: now)
        let avant = Occurrence(tache: AlerteTransmission.nom, instant: jours(29))
        let id = OrganismeID(7)
        #expect(!a.dejaAlerte([], occurrence: occurrence, now: now))
        let recente = (cle: AlerteTransmission.cle(id, avant, "x@cfa.fr"), creeLe: jours(29))
        let ancienne = (cle: AlerteTransmission.cle(id, avant, "x@cfa.fr"), creeLe: jours(30))
        #expect(a.dejaAlerte([recente], occurrence: occurrence, now: now))
        #expect(!a.dejaAlerte([ancienne], occurrence: occurrence, now: now))
        // A run started again after a crash finds its own occurrence's keys: it goes on (adding them is a no-op).
        let memeOccurrence = (cle: AlerteTransmission.cle(id, occurrence, "x@cfa.fr"), creeLe: now)
        #expect(!a.dejaAlerte([memeOccurrence], occurrence: occurrence, now: now))
        #expect(AlerteTransmission.cle(id, occurrence, "X@CFA.fr").hasPrefix(AlerteTransmission.prefixe(id)))
        #expect(
            AlerteTransmission.cle(id, occurrence, "X@CFA.fr")
                == "alerte-transmission/organisme-7/alerte-transmission@2026-11-30T07:00:00.000Z/x@cfa.fr")
    }

    @Test func theMailNamesTheOrganismeInTextAndHTMLWithThePreferencesLink() {
        let o = organisme(3, nom: "CFA <Les Compagnons> & fils", derniere: jours(45))
        let u = Utilisateur(
            id: UtilisateurID(1), email: "admin@cfa.fr", nom: "Martin", prenom: "Léa", organisation: OrganisationID(1),
            role: .administrateur, statut: .actif, hashMotDePasse: "", createdAt: now)
        let c = AlerteTransmission().courriel(o, a: u, now: now, urlPublique: "https://tdb.example/")
        let m = c.nouveauCourriel(a: u.email, urlPublique: "https://tdb.example/", cle: "k")
        #expect(m.sujet == "CFA <Les Compagnons> & fils : aucune transmission d'effectifs depuis 45 jours")
        #expect(m.corps.hasPrefix("Bonjour Léa,"))
        #expect(m.corps.contains("depuis le 16 octobre 2026, soit 45 jours"))
        #expect(m.corps.contains("UAI 0802004U, SIRET 77937827200016"))
        #expect(m.corps.contains("Choisir les e-mails que vous recevez : https://tdb.example/mon-compte/notifications"))
        let html = m.html ?? ""
        #expect(html.contains("CFA &lt;Les Compagnons&gt; &amp; fils") && !html.contains("<Les Compagnons>"))
        #expect(html.contains("<a href=\"https://tdb.example/mon-compte/notifications\">"))
        #expect(html.contains("<a href=\"https://tdb.example/ma-structure\">"))
        #expect(html.hasPrefix("<!DOCTYPE html>") && html.contains("<html lang=\"fr\">"))
        #expect(m.cle == "k")
    }

    @Test func kindsShownFollowTheOrganisationTypeAndRole() {
        #expect(
            GenreNotification.pertinents(pour: .missionLocale, role: .membre) == [
                .resumeQuotidienMissionLocale, .recapitulatifHebdomadaireMissionLocale,
            ])
        #expect(GenreNotification.pertinents(pour: .organismeFormation, role: .membre) == [.resumeQuotidienCFA])
        #expect(
            GenreNotification.pertinents(pour: .organismeFormation, role: .administrateur) == [
                .resumeQuotidienCFA, .alerteTransmission,
            ])
        #expect(GenreNotification.pertinents(pour: .dreets, role: .administrateur).isEmpty)
    }
}
