import ArgumentParser
import Domain
import Foundation

struct Demo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Remplit la base avec un pays de démonstration (organismes réels, apprenants fictifs) et crée un "
            + "compte de démonstration par type d'organisation (mot de passe : TDB_PASSWORD, sinon "
            + "\(ComptesDemo.motDePasseParDefaut)).")
    @OptionGroup var base: OptionBase
    @Option(help: "Nombre d'effectifs à créer.") var effectifs = 200_000
    @Option(help: "Graine (même graine, même pays).") var seed: UInt64 = 42
    @Flag(help: "Crée seulement les comptes de démonstration qui manquent (la base peut contenir des effectifs).")
    var comptes = false

    func run() async throws {
        let config = try base.config()
        let motDePasse = ProcessInfo.processInfo.environment["TDB_PASSWORD"] ?? ComptesDemo.motDePasseParDefaut
        try await base.avecStore { store in
            if !comptes {
                guard try await store.nombreEffectifs() == 0 else {
                    throw ValidationError(
                        "la base contient déjà des effectifs : utilisez une base vide (--database), ou --comptes pour "
                            + "créer seulement les comptes de démonstration")
                }
                let bilan = try await RemplissageDemo(store: store, graine: seed).remplir(effectifs: effectifs) { n in
                    erreur("  \(n) dossiers envoyés…")
                }
                print(
                    "démonstration : \(bilan.organismes) organismes (\(bilan.transmetteurs) transmettent), \(bilan.effectifs) effectifs, "
                        + "\(bilan.rejetes) dossiers rejetés, \(bilan.missionsLocales) missions locales et \(bilan.arml) ARML "
                        + "de démonstration, en \(bilan.duree)")
            }
            do {
                let crees = try await ComptesDemo(store: store, coutBcrypt: config.coutBcrypt).creer(
                    motDePasse: motDePasse)
                for c in crees {
                    print(
                        "compte \(c.cree ? "créé" : "déjà présent") : \(c.email) — \(c.type.libelle), \(c.organisation)"
                    )
                }
            } catch let e as ErreurComptes {
                throw ValidationError(e.message)
            }
            let cfa = try await ComptesDemo(store: store, coutBcrypt: config.coutBcrypt).organisation(
                .organismeFormation)
            if let organisme = cfa.organisme, let o = try await store.organisme(id: organisme) {
                if !comptes { try await CollaborationsDemo.jeunes(store: store, organisme: o, now: Date()) }
                let n = try await CollaborationsDemo.creer(
                    store: store, organismes: [organisme], nomCFA: cfa.nom, now: Date())
                print(
                    "démonstration : \(n) jeunes en rupture du CFA de démonstration en collaboration avec une mission locale"
                )
                let auto = try await CollaborationsDemo.envoiAutomatique(
                    store: store, organisme: organisme, now: Date())
                print(
                    "démonstration : envoi automatique après 45 jours activé pour ce CFA, \(auto) demande(s) envoyée(s)"
                )
                if !comptes {
                    let d = try await DeclarationsRuptureDemo.creer(
                        store: store, organisme: o, nomCFA: cfa.nom, now: Date())
                    print("démonstration : \(d) ruptures déclarées par le CFA de démonstration avant son ERP")
                }
                let e = try await DemandesEntreprisesDemo.creer(
                    store: store, organisme: organisme, now: Date())
                print("démonstration : \(e) demandes d'entreprises au CFA de démonstration (/cfa/entreprises)")
            }
            if let o = try await AlerteTransmissionDemo(store: store, coutBcrypt: config.coutBcrypt).creer(
                motDePasse: motDePasse)
            {
                let derniere = o.lastTransmissionDate.map { HeureDeParis.jour($0).description } ?? "?"
                print(
                    "compte \(AlerteTransmissionDemo.email) — administrateur de \(o.nom), sans transmission depuis le "
                        + "\(derniere) (alerte de transmission : tdb jobs run alerte-transmission)")
            }
            let demandes = try await DemandesDemo(store: store, motDePasse: motDePasse).creer()
            print("démonstration : \(demandes) demandes de compte à valider (…@demande.demo.tdb)")
            if !comptes {
                let j = try await InvitationsJeunesDemo.creer(
                    store: store, urlPublique: config.urlPublique, now: Date())
                print(
                    "démonstration : \(j.invites) jeunes invités à répondre sur leur page personnelle, \(j.reponses) "
                        + "réponses (liens : tdb emails)")
            }
        }
    }
}
