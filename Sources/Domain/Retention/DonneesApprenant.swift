import Foundation
import Outils

/// A learner's data on request (F21, F22): exported as JSON, or erased, by a platform administrator, each time
/// written to the journal. An erased learner leaves only the fingerprint of its key, so that the administrator is
/// told when an ERP sends it again (`surveillerRetours`).
public struct DonneesApprenant: Sendable {
    public let store: any Store
    public let horloge: Horloge
    /// SHA-256 in hexadecimal (given by the edge: `Domain` has no cryptography).
    let hacher: @Sendable (String) -> String

    public init(store: any Store, horloge: Horloge, empreinte: @escaping @Sendable (String) -> String) {
        self.store = store
        self.horloge = horloge
        self.hacher = empreinte
    }

    /// Who asks: the acting administrator (nil for the command line).
    public struct Demandeur: Sendable {
        public let id: UtilisateurID?
        public let email: String?
        public init(id: UtilisateurID?, email: String?) {
            self.id = id
            self.email = email
        }
        public static let ligneDeCommande = Demandeur(id: nil, email: nil)
    }

    /// The fingerprint of a learner's key: what is kept of an erased learner.
    public func empreinte(_ c: CleEffectif) -> String {
        hacher("\(c.organisme.rawValue)|\(c.anneeScolaire.description)|\(c.idErpApprenant)")
    }

    public func rechercher(_ r: RechercheApprenant) async throws -> [EffectifStocke] {
        try await store.effectifs(recherche: r, limite: 50)
    }

    /// Every stored effectif of the search and what was received for each, as one JSON document.
    public func exporter(_ r: RechercheApprenant, par demandeur: Demandeur) async throws -> (json: String, nombre: Int)
    {
        let effectifs = try await rechercher(r)
        var liste: [JSONTexte.Noeud] = []
        for e in effectifs {
            let recus = try await store.transmissions(de: e)
            liste.append(
                .objet([
                    ("effectif_id", .entier(Int(e.id.rawValue))),
                    ("effectif", e.effectif.json),
                    ("parcours", e.parcours.json),
                    (
                        "transmissions",
                        .liste(
                            recus.map { t in
                                .objet([
                                    ("recu_le", .texte(horodatageISO(t.recuLe))), ("accepte", .booleen(t.accepte)),
                                    ("donnees", t.donnees.isEmpty ? .valeur(.null) : .ecrit(Array(t.donnees.utf8))),
                                    (
                                        "erreurs",
                                        .liste(
                                            t.erreurs.map {
                                                .objet([
                                                    ("path", .liste($0.path.map { .texte($0) })),
                                                    ("message", .texte($0.message)),
                                                ])
                                            })
                                    ),
                                ])
                            })
                    ),
                ]))
        }
        let now = horloge.now()
        try await store.journaliser(
            EntreeJournal(
                date: now, acteur: demandeur.id, acteurEmail: demandeur.email, action: "apprenant_export",
                detail: "\(Self.decrire(r)) : \(effectifs.count) effectif(s) exporté(s)"))
        let document = JSONTexte.Noeud.objet([
            ("exporte_le", .texte(horodatageISO(now))), ("effectifs", .liste(liste)),
        ])
        return (JSONTexte.ecrire(document), effectifs.count)
    }

    /// Erases every effectif of the search; returns how many effectifs and transmissions were deleted.
    public func effacer(_ r: RechercheApprenant, par demandeur: Demandeur) async throws -> (
        effectifs: Int, transmissions: Int
    ) {
        let effectifs = try await rechercher(r)
        let now = horloge.now()
        var transmissions = 0
        for e in effectifs {
            transmissions += try await store.effacer(e, empreinte: empreinte(e.effectif.cle), now: now)
        }
        // Which effectif rows, never the names: the journal outlives the erasure.
        try await store.journaliser(
            EntreeJournal(
                date: now, acteur: demandeur.id, acteurEmail: demandeur.email, action: "apprenant_efface",
                detail: effectifs.isEmpty
                    ? "\(Self.decrire(r)) : aucun effectif trouvé, rien d'effacé"
                    : "effectif(s) n° \(effectifs.map { String($0.id.rawValue) }.joined(separator: ", ")) : "
                        + "\(effectifs.count) effectif(s), \(transmissions) transmission(s) effacé(s)"))
        return (effectifs.count, transmissions)
    }

    /// Looks for erased learners sent again since their erasure; notes each one found (journal line, and the
    /// notice of `/admin/apprenants`). Returns how many were found.
    public func surveillerRetours() async throws -> Int {
        var trouves = 0
        for e in try await store.effacementsASurveiller() {
            let ids = try await store.idsErpCrees(organisme: e.organisme, annee: e.anneeScolaire, depuis: e.le)
            let revenu = ids.contains {
                empreinte(CleEffectif(organisme: e.organisme, anneeScolaire: e.anneeScolaire, idErpApprenant: $0))
                    == e.empreinte
            }
            guard revenu else { continue }
            let now = horloge.now()
            try await store.noterRetour(effacement: e.numero, now: now)
            try await store.journaliser(
                EntreeJournal(
                    date: now, acteur: nil, acteurEmail: nil, action: "apprenant_efface_retransmis",
                    detail:
                        "l'apprenant effacé le \(horodatageISO(e.le)) (effectif n° \(e.effectif.rawValue), organisme n° "
                        + "\(e.organisme.rawValue), \(e.anneeScolaire)) a été renvoyé par un ERP et enregistré de nouveau"
                ))
            trouves += 1
        }
        return trouves
    }

    static func decrire(_ r: RechercheApprenant) -> String {
        switch r {
        case .cle(let c): "organisme n° \(c.organisme.rawValue), \(c.anneeScolaire), id ERP \(c.idErpApprenant)"
        // The name is not written: the journal outlives an erasure.
        case .identite(_, _, let naissance): "recherche par nom, né(e) le \(naissance)"
        }
    }
}
