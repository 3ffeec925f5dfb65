import Foundation
import Testing

@testable import Domain

/// Issue 15: the young person's form, the invitation e-mail, and what an answer does to the work list.
struct InvitationsJeunesTests {
    func erreurs(_ champs: [String: String]) -> [ErreurSaisie] {
        if case .failure(let e) = SaisieReponseJeune.lire(champs) { return e.liste }
        return []
    }

    @Test(arguments: [
        ("06 12 34 56 78", "0612345678"), ("+33 6 12 34 56 78", "0612345678"), ("01.99.00.00.42", "0199000042"),
        ("0690 12 34 56", "+590690123456"), ("0262 12 34 56", "+262262123456"),
    ])
    func frenchNumbersAreAcceptedAndNormalised(saisi: String, attendu: String) throws {
        let (reponse, telephone) = try SaisieReponseJeune.lire(["reponse": "rappel", "telephone": saisi]).get()
        #expect(reponse == .rappel && telephone == attendu)
    }

    @Test(arguments: [
        ("+44 20 7946 0958", "Numéro de téléphone : un numéro français est attendu (exemple : 06 12 34 56 78)."),
        ("12", "Numéro de téléphone : ce n'est pas un numéro français valide (exemple : 06 12 34 56 78)."),
        ("08 99 12 34 56", "Numéro de téléphone : ce n'est pas un numéro français valide (exemple : 06 12 34 56 78)."),
        (
            "06 12 34 56 78 <b>",
            "Numéro de téléphone : ce n'est pas un numéro français valide (exemple : 06 12 34 56 78)."
        ),
        (String(repeating: "0", count: 31), "Numéro de téléphone : 30 caractères au plus (exemple : 06 12 34 56 78)."),
    ])
    func otherNumbersAreRefusedNamingTheField(saisi: String, message: String) {
        #expect(erreurs(["reponse": "oui", "telephone": saisi]) == [ErreurSaisie("telephone", message)])
    }

    @Test func theAnswerIsRequiredAndOneOfThree() throws {
        #expect(try SaisieReponseJeune.lire(["reponse": "non-merci", "telephone": " "]).get() == (.nonMerci, nil))
        #expect(
            erreurs([:]) == [
                ErreurSaisie(
                    "reponse",
                    "Souhaitez-vous être accompagné ? : choisissez une réponse (oui, rappelez-moi ou non merci).")
            ])
        #expect(erreurs(["reponse": "peut-être"]).map(\.champ) == ["reponse"])
    }

    @Test func theEmailLinksToThePersonalPageAndGivesTheContacts() {
        let ml = MissionLocale(
            code: "ML-1", nom: "Mission locale d'Amiens", email: "ml@example.org", telephone: "01 99 00 00 42",
            adresse: "3 rue X", codePostal: "80000", commune: "Amiens")
        let c = InvitationsJeunes.courriel(
            prenom: "Léa", missionLocale: ml, rdvUrl: "https://rdv.example.org",
            lien: "https://tdb.example.org/jeunes/abc", expireLe: Date(timeIntervalSince1970: 1_746_057_600))
        #expect(c.sujet == "Mission locale d'Amiens : souhaitez-vous être accompagné ?")
        #expect(c.corps.hasPrefix("Bonjour Léa,"))
        #expect(
            c.corps.contains("(valable jusqu'au 01/05/2025) :\nhttps://tdb.example.org/jeunes/abc\n\nVous pouvez aussi")
        )
        #expect(
            c.corps.contains("Téléphone : 01 99 00 00 42\nCourriel : ml@example.org\nAdresse : 3 rue X, 80000 Amiens"))
        #expect(c.corps.contains("Prendre rendez-vous en ligne : https://rdv.example.org"))
        // Once sent, and on the administrators' page, the personal link is masked.
        let retire = LiensCourriel.retirer(c.corps)
        #expect(!retire.contains("/jeunes/abc") && retire.contains(LiensCourriel.marqueur))
        #expect(retire.contains("https://rdv.example.org"))
    }

    @Test func anAnswerMakesTheCaseAPriorityUntilAnOutcomeIsRecorded() throws {
        let aujourdhui = Jour(year: 2025, month: 6, day: 1)
        let ligne = LigneSuivi(
            effectif: EffectifID(1), missionLocale: "ML-1", organisme: OrganismeID(1),
            rupture: Jour(year: 2025, month: 1, day: 10), nom: "N", prenom: "P",
            dateDeNaissance: Jour(year: 2003, month: 1, day: 1), rqth: false, communeInsee: "80021", codePostal: nil,
            cfd: nil, rncp: nil,
            parcours: Parcours([
                EtapeParcours(date: Jour(year: 2024, month: 9, day: 1), valeur: .apprenti),
                EtapeParcours(date: Jour(year: 2025, month: 1, day: 10), valeur: .rupturant),
            ]))
        var s = SuiviStocke(id: SuiviID(1), ligne: ligne, version: 0, creeLe: Date(timeIntervalSince1970: 0))
        func priorites() -> [PrioriteSuivi] {
            ListeSuivis.cas(s, regles: ReglesSuivi(), aujourdhui: aujourdhui)?.priorites ?? [.mineur]
        }
        #expect(priorites().isEmpty)
        s.reponseJeune = .nonMerci
        s.reponseJeuneLe = Date(timeIntervalSince1970: 1_748_000_000)
        #expect(priorites() == [.reponseJeune])
        s.resultatLe = Date(timeIntervalSince1970: 1_748_000_100)
        #expect(priorites().isEmpty)
    }
}
