import Domain
import Foundation
import Testing

struct LimitesTests {
    let debut = Date(timeIntervalSince1970: 1_735_999_980)  // the start of a minute

    @Test(arguments: [
        (1, 0.0, DecisionLimite.autorisee), (5, 0, .autorisee), (6, 0, .refusee(reessayerDans: 60)),
        (6, 59.2, .refusee(reessayerDans: 1)), (100, 30, .refusee(reessayerDans: 30)),
    ])
    func theDecisionFollowsTheCountAndTheWindowsEnd(nombre: Int, decalage: Double, attendu: DecisionLimite) {
        let regle = RegleLimite(.inscription, .adresse, 5, par: 60)
        #expect(regle.decider(nombre: nombre, now: debut.addingTimeInterval(decalage)) == attendu)
    }

    @Test func windowsAreFixedAndNumbered() {
        let regle = RegleLimite(.apiV3Dossiers, .cle, 600, par: 60)
        let f = regle.fenetreEnCours(debut.addingTimeInterval(59))
        #expect(f.numero == Int64(1_735_999_980 / 60) && f.fin == debut.addingTimeInterval(60))
        #expect(regle.fenetreEnCours(debut.addingTimeInterval(60)).numero == f.numero + 1)
        #expect(regle.genre == "api_v3_dossiers.cle")
    }

    @Test func everyActionIsLimitedAndTheApiLimitIsConfigurable() {
        let reference = ReglesLimites.reference
        for action in ActionLimitee.allCases { #expect(!reference.regles(action).isEmpty, "\(action)") }
        #expect(reference.regles(.apiV3Dossiers).map(\.limite) == [600])
        let autre = reference.avec(limiteApiV3ParMinute: 50)
        #expect(
            autre.regles(.apiV3Effectifs).map(\.limite) == [50] && autre.regles(.apiV3Dossiers).map(\.limite) == [50])
        #expect(autre.regles(.inscription) == reference.regles(.inscription))
    }

    @Test(arguments: [(4, 0.0), (5, 1), (6, 2), (7, 4), (9, 16), (14, 512), (15, 900), (16, 900), (500, 900)])
    func signInDelaysDoubleFromTheFifthFailureUpToFifteenMinutes(echecs: Int, secondes: Double) {
        #expect(TemporisationConnexion.delai(echecs: echecs, seuil: TemporisationConnexion.seuilPaire) == secondes)
    }

    @Test func onlyThePairThatFailedWaits() {
        let echecs = EchecsConnexion(paire: 7, dernierPaire: debut, adresse: 7, dernierAdresse: debut)
        #expect(TemporisationConnexion.attente(echecs, now: debut) == 4)
        #expect(TemporisationConnexion.attente(echecs, now: debut.addingTimeInterval(3.5)) == 1)
        #expect(TemporisationConnexion.attente(echecs, now: debut.addingTimeInterval(4)) == nil)
        // The same account from another address: no failure of that pair, few of that address.
        #expect(TemporisationConnexion.attente(EchecsConnexion(), now: debut) == nil)
        // An address failing on many accounts waits too.
        let balayage = EchecsConnexion(paire: 1, dernierPaire: debut, adresse: 25, dernierAdresse: debut)
        #expect(TemporisationConnexion.attente(balayage, now: debut) == 32)
    }

    @Test(arguments: [
        (1, "1 seconde"), (45, "45 secondes"), (60, "1 minute"), (61, "2 minutes"), (900, "15 minutes"),
        (3600, "1 heure"), (5000, "2 heures"),
    ])
    func waitsAreWrittenInFrench(secondes: Int, texte: String) {
        #expect(dureeFR(secondes) == texte)
    }

    @Test func aRefusalSaysWhatAndWhen() {
        let e = LimiteAtteinte(action: .inscription, cible: .adresse, reessayerDans: 125)
        #expect(e.message == "Trop de demandes de création de compte : réessayez dans 3 minutes")
    }

    @Test func aKeyWritesForItsOrganismeAndItsFormateursOnly() {
        let cfa = OrganismeID(1)
        let antenne = OrganismeID(2)
        let soeur = OrganismeID(3)
        let gestionnaire = OrganismeID(4)
        let autre = OrganismeID(9)
        // cfa is responsable of antenne; gestionnaire is responsable of cfa and of soeur.
        let relations: [(responsable: OrganismeID, formateur: OrganismeID)] = [(cfa, antenne), (gestionnaire, cfa)]
        let p = PerimetreCle(organisme: cfa, relations: relations)
        #expect(p.peutTransmettre(pour: cfa) && p.peutTransmettre(pour: antenne))
        #expect(!p.peutTransmettre(pour: soeur) && !p.peutTransmettre(pour: gestionnaire))
        #expect(p.admet(responsable: cfa, formateur: antenne))
        #expect(p.admet(responsable: gestionnaire, formateur: cfa))  // its own gestionnaire, named on its dossiers
        #expect(!p.admet(responsable: gestionnaire, formateur: antenne))
        #expect(!p.admet(responsable: autre, formateur: cfa))
    }
}
