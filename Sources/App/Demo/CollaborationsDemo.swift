import Domain
import Foundation

/// Collaborations in every state for the demo CFA (`organisme-formation@demo.tdb`): requests sent and waiting,
/// requests the mission locale answered (outcome and comment), young people the mission locale reached without a
/// request, the rest to report. Made once: a base whose CFA already asked is left as it is.
enum CollaborationsDemo {
    static let auteurCFA = "Démo Organisme de formation (organisme-formation@demo.tdb)"
    static let auteurML = "Démo Mission locale (mission-locale@demo.tdb)"

    /// Returns how many cases were given a request, an outcome or a comment.
    @discardableResult
    static func creer(store: any Store, organismes: Set<OrganismeID>, nomCFA: String, now: Date) async throws -> Int {
        let regles = ReglesSuivi()
        let jour = HeureDeParis.jour(now)
        let cas = try await store.suivis(missionsLocales: nil)
            .filter { organismes.contains($0.ligne.organisme) }
            .filter { ListeSuivis.cas($0, regles: regles, aujourdhui: jour) != nil }
            .sorted { $0.id.rawValue < $1.id.rawValue }
        guard !cas.contains(where: { $0.demandeCFALe != nil }) else { return 0 }
        let demande = DemandeAccompagnement(
            toujoursAuCFA: true, maintenuEnFormation: true, cause: "Désaccord avec l'employeur sur les horaires.",
            objectifs: [(.trouverEmployeur, "Dans le même secteur, à moins de 30 minutes"), (.mobilite, "")],
            note: "Jeune motivé, à rappeler en fin de journée (démonstration).")
        var n = 0
        for (k, s) in cas.prefix(8).enumerated() {
            let il = now.addingTimeInterval(Double(-86_400 * (8 - k)))
            if k < 5 {
                _ = try await store.ajouter(
                    EvenementSuivi(
                        le: il, genre: .demandeCFA, auteur: auteurCFA, organisation: nomCFA,
                        rupture: s.ligne.rupture, demande: demande), a: s.id)
            }
            if k >= 3 {
                let version = try await store.suivi(id: s.id)?.version ?? s.version
                _ = try await store.ajouter(
                    EvenementSuivi(
                        le: il.addingTimeInterval(3_600), genre: .resultat, auteur: auteurML,
                        organisation: "Mission locale (démo)", rupture: s.ligne.rupture,
                        resultat: k % 2 == 0 ? .joint(.rendezVousPris) : .nonJoint(.injoignable)),
                    a: s.id, versionLue: version)
                _ = try await store.ajouter(
                    EvenementSuivi(
                        le: il.addingTimeInterval(3_700), genre: .commentaire, auteur: auteurML,
                        organisation: "Mission locale (démo)",
                        commentaire: "Jeune contacté : nous vous tenons informés (démonstration)."), a: s.id)
            }
            n += 1
        }
        return n
    }
}
