import Domain
import Foundation
import TestSupport
import Testing

/// Issue 15: the mission locales' weekly recap (what waits on each list), the young people's answers in the daily
/// digest, and the CFAs' automatic requests (who is sent, with what).
struct RappelsTests {
    static let regles = ReglesSuivi()  // follow-up since 2025-01-01
    /// Monday 16 June 2025, 08:45 in Paris.
    static let now = StatistiquesSuivisTests.instant("2025-06-16T06:45:00Z")

    static func instant(_ s: String) -> Date { StatistiquesSuivisTests.instant(s) }

    /// A case of `ml` broken on `rupture`, born in 2005 unless said, with what was recorded on it.
    static func cas(
        _ id: Int64, _ ml: String = "A", rupture: String, naissance: String = "2005-01-01", organisme: Int64 = 1,
        resultat: ResultatContact? = nil, resultatLe: String? = nil, demande: String? = nil,
        reponse: (ReponseJeune, String)? = nil, nouveauContrat: String? = nil
    ) -> SuiviStocke {
        let p = Parcours(
            etapes(
                "2024-09-01 APPRENTI, \(rupture) RUPTURANT" + (nouveauContrat.map { ", \($0) APPRENTI" } ?? "")))
        let ligne = LigneSuivi(
            effectif: EffectifID(100 + id), missionLocale: ml, organisme: OrganismeID(organisme), rupture: j(rupture),
            nom: "NOM\(id)", prenom: "Prénom\(id)", dateDeNaissance: j(naissance), rqth: false, communeInsee: "69123",
            codePostal: nil, cfd: nil, rncp: nil, parcours: p)
        return SuiviStocke(
            id: SuiviID(id), ligne: ligne, version: 3, creeLe: instant("2025-01-01T00:00:00Z"),
            dernierResultat: resultat, ruptureDuResultat: resultat == nil ? nil : j(rupture),
            resultatLe: resultatLe.map(instant), premierResultatLe: resultatLe.map(instant),
            prisEnCharge: resultat != nil || demande != nil, demandeCFALe: demande.map(instant),
            reponseJeune: reponse?.0, reponseJeuneLe: reponse.map { instant($0.1) })
    }

    // MARK: Weekly recap

    @Test func theRecapCountsWhatWaitsOnEachListAndNothingElse() {
        let suivis = [
            // Waiting: nothing recorded (the oldest rupture of A).
            Self.cas(1, rupture: "2025-02-10"),
            // Waiting: nothing recorded, a minor, a recent rupture.
            Self.cas(2, rupture: "2025-06-01", naissance: "2009-01-01"),
            // Not reached 10 days ago: due again. Not reached 3 days ago: not yet.
            Self.cas(3, rupture: "2025-05-01", resultat: .nonJoint(.injoignable), resultatLe: "2025-06-06T10:00:00Z"),
            Self.cas(4, rupture: "2025-05-01", resultat: .nonJoint(.injoignable), resultatLe: "2025-06-13T10:00:00Z"),
            // Reached: done. Reached, then the CFA asked: waits (request without outcome after it).
            Self.cas(5, rupture: "2025-04-01", resultat: .joint(.rendezVousPris), resultatLe: "2025-04-03T10:00:00Z"),
            Self.cas(
                6, rupture: "2025-04-01", resultat: .joint(.chercheContrat), resultatLe: "2025-04-03T10:00:00Z",
                demande: "2025-06-10T10:00:00Z"),
            // The CFA asked, nothing recorded: waits, counted once but under both reasons.
            Self.cas(7, rupture: "2025-03-01", demande: "2025-06-12T10:00:00Z"),
            // The CFA asked and the mission locale answered after: done.
            Self.cas(
                8, rupture: "2025-03-01", resultat: .joint(.rendezVousPris), resultatLe: "2025-06-13T10:00:00Z",
                demande: "2025-06-12T10:00:00Z"),
            // The young person answered after the last outcome: waits.
            Self.cas(
                9, rupture: "2025-04-01", resultat: .joint(.chercheContrat), resultatLe: "2025-04-03T10:00:00Z",
                reponse: (.oui, "2025-06-14T10:00:00Z")),
            // Back in contract without being handled: in no list.
            Self.cas(10, rupture: "2025-03-01", nouveauContrat: "2025-05-01"),
            // Rupture before the start of follow-up: in no list.
            Self.cas(11, rupture: "2024-12-01"),
            // Another mission locale.
            Self.cas(12, "B", rupture: "2025-05-20"),
        ]
        let attente = RecapitulatifHebdomadaire.attente(suivis, regles: Self.regles, now: Self.now)
        #expect(Set(attente.keys) == ["A", "B"])
        let a = try! #require(attente["A"])
        #expect(a.total == 6)  // 1, 2, 3, 6, 7, 9
        #expect(a.aTraiter == 3)  // 1, 2, 7
        #expect(a.aRecontacter == 1)  // 3
        #expect(a.demandesCFA == 2)  // 6, 7
        #expect(a.reponsesJeunes == 1)  // 9
        #expect(a.parPriorite[.demandeCFA] == 2 && a.parPriorite[.mineur] == 1 && a.parPriorite[.reponseJeune] == 1)
        #expect(a.parPriorite[.ruptureRecente] == 1)  // 2 (1 June)
        #expect(a.plusAncien?.suivi == SuiviID(1) && a.plusAncien?.rupture == j("2025-02-10"))
        #expect(attente["B"]?.total == 1 && attente["B"]?.aTraiter == 1)
        // Nothing waits: no entry.
        #expect(RecapitulatifHebdomadaire.attente([suivis[4], suivis[7]], regles: Self.regles, now: Self.now).isEmpty)
    }

    @Test func theRecapMailHasCountsAndLinksButNoName() throws {
        let suivis =
            (1...4).map { Self.cas(Int64($0), rupture: "2025-0\($0 + 1)-10", demande: nil) }
            + [Self.cas(5, rupture: "2025-03-01", demande: "2025-06-12T10:00:00Z")]
        let attente = RecapitulatifHebdomadaire.attente(suivis, regles: Self.regles, now: Self.now)
        let agent = DestinataireResume(
            utilisateur: UtilisateurID(7), email: "agent@ml.test", prenom: "Léa", missionLocale: "A", organisme: nil)
        let c = try #require(
            RecapitulatifHebdomadaire.courriel(
                agent, attente: attente["A"], now: Self.now, urlPublique: "https://tdb.test/"))
        #expect(c.sujet == "Jeunes en rupture : 5 dossier(s) en attente cette semaine")
        #expect(c.genre == .recapitulatifHebdomadaireMissionLocale)
        let texte = c.texte(urlPublique: "https://tdb.test")
        for attendu in [
            "5 sans aucun retour enregistré", "1 demande(s) d'accompagnement d'un CFA sans retour",
            "Demande du CFA : 1", "rupture du 10 février 2025 (126 jours)", "https://tdb.test/mission-locale\n",
            "https://tdb.test/mission-locale/suivis/1", "https://tdb.test/mon-compte/notifications",
        ] { #expect(texte.contains(attendu), "\(attendu)") }
        for nom in ["NOM", "Prénom"] { #expect(!texte.contains(nom)) }
        #expect(!texte.contains("à recontacter"))
        // Nothing waits, or a CFA's user: no mail.
        #expect(
            RecapitulatifHebdomadaire.courriel(agent, attente: nil, now: Self.now, urlPublique: "https://tdb.test")
                == nil)
        let cfa = DestinataireResume(
            utilisateur: UtilisateurID(8), email: "cfa@cfa.test", prenom: "Jo", missionLocale: nil,
            organisme: OrganismeID(1))
        #expect(
            RecapitulatifHebdomadaire.courriel(
                cfa, attente: attente["A"], now: Self.now, urlPublique: "https://tdb.test") == nil)
    }

    // MARK: Daily digest

    @Test func theMissionLocalesDigestTellsOfTheYoungPeopleWhoAnswered() throws {
        let d = DestinataireResume(
            utilisateur: UtilisateurID(7), email: "agent@ml.test", prenom: "Léa", missionLocale: "A", organisme: nil)
        func nouvelle(_ suivi: Int64, _ genre: EvenementSuivi.Genre, _ cote: EvenementSuivi.Cote, ml: String = "A")
            -> NouvelleSuivi
        {
            NouvelleSuivi(
                suivi: SuiviID(suivi), effectif: EffectifID(suivi), missionLocale: ml, organisme: OrganismeID(1),
                genre: genre, cote: cote, le: Self.now)
        }
        let reponses = [nouvelle(1, .reponseJeune, .jeune), nouvelle(2, .reponseJeune, .jeune)]
        let c = try #require(ResumesSuivis.pourMissionLocale(d, nouvelles: reponses, urlPublique: "https://tdb.test"))
        let texte = c.texte(urlPublique: "https://tdb.test")
        #expect(c.sujet == "Jeunes en rupture : 2 dossier(s) avec du nouveau")
        #expect(texte.contains("2 jeune(s) ont répondu sur leur page personnelle"))
        #expect(texte.contains("https://tdb.test/mission-locale/suivis/2"))
        #expect(!texte.contains("demande(s) d'accompagnement"))
        // With a request on another case: both told, each case linked once.
        let mixte = try #require(
            ResumesSuivis.pourMissionLocale(
                d, nouvelles: reponses + [nouvelle(3, .demandeCFA, .cfa), nouvelle(1, .commentaire, .cfa)],
                urlPublique: "https://tdb.test"))
        #expect(mixte.sujet == "Jeunes en rupture : 3 dossier(s) avec du nouveau")
        // What the mission locale itself did, and another mission locale's answers, are no news for it.
        #expect(
            ResumesSuivis.pourMissionLocale(
                d,
                nouvelles: [
                    nouvelle(1, .resultat, .missionLocale), nouvelle(4, .invitationJeune, .missionLocale),
                    nouvelle(5, .reponseJeune, .jeune, ml: "B"),
                ], urlPublique: "https://tdb.test") == nil)
        // A rupture a CFA declared is news; a withdrawn declaration alone is not.
        let declaree = try #require(
            ResumesSuivis.pourMissionLocale(
                d, nouvelles: [nouvelle(6, .declarationRupture, .cfa)], urlPublique: "https://tdb.test"))
        #expect(declaree.texte(urlPublique: "https://tdb.test").contains("1 rupture(s) déclarée(s) par un CFA"))
        #expect(
            ResumesSuivis.pourMissionLocale(
                d, nouvelles: [nouvelle(6, .declarationRetiree, .cfa)], urlPublique: "https://tdb.test") == nil)
    }

    // MARK: Automatic requests

    @Test func theSettingIsReadFieldByField() {
        func lire(_ champs: [String: String]) -> ParametresEnvoiAutomatique? {
            try? ParametresEnvoiAutomatique.lire(champs).get()
        }
        #expect(lire([:]) == ParametresEnvoiAutomatique(actif: false, jours: 45))
        #expect(lire(["actif": "oui", "jours": ""]) == ParametresEnvoiAutomatique(actif: true, jours: 45))
        #expect(lire(["actif": "oui", "jours": " 30 "]) == ParametresEnvoiAutomatique(actif: true, jours: 30))
        #expect(lire(["jours": "1"])?.jours == 1)
        #expect(lire(["jours": "365"])?.jours == 365)
        for mauvais in ["0", "366", "-3", "douze", "4.5"] {
            guard case .failure(let e) = ParametresEnvoiAutomatique.lire(["actif": "oui", "jours": mauvais]) else {
                Issue.record("\(mauvais) accepted")
                continue
            }
            #expect(e.liste.map(\.champ) == ["jours"])
            #expect(
                e.liste.first?.message.contains("Nombre de jours après la rupture : un nombre entier de 1 à 365")
                    == true)
        }
        guard case .failure(let e) = ParametresEnvoiAutomatique.lire(["actif": "peut-etre"]) else {
            Issue.record("actif accepted")
            return
        }
        #expect(e.liste.map(\.champ) == ["actif"])
        #expect(
            ParametresEnvoiAutomatique(actif: true, jours: 30).modifications(depuis: ParametresEnvoiAutomatique())
                == ["envoi automatique : activé", "délai : 45 → 30 jours"])
    }

    @Test func automaticSendingPicksOnlyInScopeUnsentUntouchedCasesOldEnough() {
        let aujourdhui = HeureDeParis.jour(Self.now)  // 2025-06-16
        let table: [(SuiviStocke, Bool, String)] = [
            (Self.cas(1, rupture: "2025-05-02"), true, "45 days exactly"),
            (Self.cas(2, rupture: "2025-05-03"), false, "44 days"),
            (Self.cas(3, rupture: "2025-02-01"), true, "long ago"),
            (Self.cas(4, rupture: "2025-02-01", demande: "2025-03-01T10:00:00Z"), false, "already sent"),
            (
                Self.cas(
                    5, rupture: "2025-02-01", resultat: .nonJoint(.injoignable), resultatLe: "2025-03-01T10:00:00Z"),
                false, "contacted outside the collaboration"
            ),
            (Self.cas(6, rupture: "2025-02-01", naissance: "1990-01-01"), false, "too old (no RQTH)"),
            (Self.cas(7, rupture: "2025-02-01", nouveauContrat: "2025-04-01"), false, "back in contract"),
            (Self.cas(8, rupture: "2024-11-01"), false, "rupture before the follow-up"),
        ]
        let choisis = EnvoiAutomatique.choisis(
            table.map(\.0), jours: 45, regles: Self.regles, aujourdhui: aujourdhui)
        for (s, attendu, pourquoi) in table {
            #expect(choisis.contains { $0.suivi.id == s.id } == attendu, "\(pourquoi)")
        }
        #expect(
            EnvoiAutomatique.choisis(table.map(\.0), jours: 1, regles: Self.regles, aujourdhui: aujourdhui).count == 3)
        // A case of no mission locale (residence not covered) is never picked.
        var horsTerritoire = Self.cas(9, rupture: "2025-02-01")
        horsTerritoire.ligne.missionLocale = nil
        #expect(
            EnvoiAutomatique.choisis([horsTerritoire], jours: 1, regles: Self.regles, aujourdhui: aujourdhui).isEmpty)
    }

    @Test func theAutomaticRequestSaysSoAndCarriesTheERPsContactsAndTheOrganismesReferent() throws {
        let d = EnvoiAutomatique.demande(
            jours: 45, telephone: "06 12 34 56 78", courriel: "Lea.Durand@Example.org",
            contact: ContactOrganisme(nom: "Jo Martin", email: "JO@cfa.test"))
        #expect(d.automatique == 45 && d.objectifs.isEmpty && d.cause.isEmpty)
        #expect(d.telephone == "0612345678" && d.email == "lea.durand@example.org")
        #expect(d.referent == .autre(nom: "Jo Martin", email: "jo@cfa.test", telephone: nil))
        #expect(d.note?.contains("envoyée automatiquement après 45 jours de rupture") == true)
        // Kept whole in the history.
        #expect(DemandeAccompagnement(json: d.json) == d)
        // Without a contact, nor usable contacts: the referent is the CFA, nothing made up.
        let sans = EnvoiAutomatique.demande(jours: 30, telephone: "12", courriel: "pas-une-adresse", contact: nil)
        #expect(sans.referent == .moi && sans.telephone == nil && sans.email == nil && sans.automatique == 30)
        // A request a user sent, stored before this field existed, reads back as not automatic.
        let ancienne = try #require(
            DemandeAccompagnement(json: #"{"auCFA":true,"cause":"x","enFormation":false,"objectifs":[]}"#))
        #expect(ancienne.automatique == nil)
    }
}
