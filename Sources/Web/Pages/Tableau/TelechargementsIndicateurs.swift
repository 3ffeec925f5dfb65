import Domain
import Foundation
import Hummingbird
import IndexEffectifs
import NIOCore

/// `GET /indicateurs/csv/:tableau`: each table of `/indicateurs` as CSV, with the page's filters (checked against
/// the perimeter as the page does) and a file name that says them.
extension PagesIndicateurs {
    /// The tables that can be downloaded, with what their file is called.
    static let tableaux: [String: String] = [
        "territoires": "Indicateurs par territoire", "evolution": "Évolution des indicateurs",
        "organismes": "Indicateurs par organisme", "formations": "Indicateurs par formation",
        "sites": "Sites et organismes formateurs", "couverture": "Couverture des organismes",
        "transmetteurs": "Dernière transmission des organismes",
    ]

    @Sendable func csv(_ request: Request, context: ContexteRequete, identite i: Identite) async throws -> Response {
        guard let tableau = context.parameters.get("tableau"), let titre = Self.tableaux[tableau] else {
            throw ErreurComptes.introuvable
        }
        let e = try await etat(request, i)
        let r = e.requete
        let compteurs = VueTableau.colonnes.map(\.libelle)
        func chiffres(_ c: Compteurs) -> [Classeur.Cellule] { VueTableau.colonnes.map { .nombre($0.valeur(c)) } }
        let classeur: Classeur
        switch tableau {
        case "territoires":
            let lignes = await deps.index.compter(r, par: e.regions ? .region : .departement)
            classeur = Classeur(
                nomFeuille: "Territoires", entetes: [e.regions ? "Région" : "Département", "Code"] + compteurs,
                lignes: lignes.map { [.texte($0.libelle), .texte($0.cle)] + chiffres($0.compteurs) })
        case "evolution":
            let points = await evolution(r)
            classeur = Classeur(
                nomFeuille: "Évolution", entetes: ["Mois", "Date"] + compteurs,
                lignes: points.map { [.texte($0.mois), .date($0.date)] + chiffres($0.compteurs) })
        case "organismes":
            let lignes = await deps.index.compter(r, par: .organisme)
            classeur = Classeur(
                nomFeuille: "Organismes", entetes: ["Organisme", "UAI", "SIRET", "Département"] + compteurs,
                lignes: lignes.map { l in
                    [
                        .texte(l.libelle), .texte(l.organisme?.uai?.rawValue), .texte(l.organisme?.siret.rawValue),
                        .texte(l.organisme?.adresse.departement),
                    ] + chiffres(l.compteurs)
                })
        case "formations":
            let lignes = await deps.index.compter(r, par: .formation)
            classeur = Classeur(
                nomFeuille: "Formations", entetes: ["Formation", "CFD", "RNCP", "Niveau"] + compteurs,
                lignes: lignes.map { l in
                    [.texte(l.libelle), .texte(l.cfd), .texte(l.rncp), .texte(l.niveau.map(String.init))]
                        + chiffres(l.compteurs)
                })
        case "sites":
            guard let vue = sites(e, i, parOrganisme: await deps.index.compter(r, par: .organisme)) else {
                throw ErreurComptes.introuvable  // only an organisme de formation has sites
            }
            classeur = Classeur(
                nomFeuille: "Sites", entetes: ["Type", "Organisme", "UAI", "SIRET", "Commune", "Nature"] + compteurs,
                lignes: vue.toutes.map { g in
                    let l = g.ligne
                    return [.texte(g.genre), .texte(l.nom), .texte(l.uai), .texte(l.siret), .texte(l.commune)]
                        + [.texte(l.nature)] + chiffres(l.compteurs)
                })
        default:
            guard i.droits.peut(.voirTransmissions) else { throw ErreurComptes.introuvable }
            let p = i.droits.perimetre(.voirTransmissions)
            let maintenant = deps.horloge.now()
            if tableau == "couverture" {
                let c = await deps.index.couverture(perimetre: p, filtres: r.filtres, maintenant: maintenant)
                classeur = Classeur(
                    nomFeuille: "Couverture",
                    entetes: [
                        "Département", "Organismes fiables", "Transmettent", "Ne transmettent pas",
                        "Moins d'un mois", "1 à 3 mois", "Plus de 3 mois", "Jamais",
                    ],
                    lignes: c.map { d in
                        [
                            .texte(d.departement), .nombre(d.totalOrganismes.total),
                            .nombre(d.organismesTransmetteurs.total), .nombre(d.organismesNonTransmetteurs),
                            .nombre(d.transmissionRecente), .nombre(d.transmission1a3Mois),
                            .nombre(d.transmissionArretee), .nombre(d.jamaisTransmis),
                        ]
                    })
            } else {
                let organismes = await deps.index.organismesCouverts(perimetre: p, filtres: r.filtres)
                let lignes = organismes.map { ($0, EtatTransmission.de($0, maintenant: maintenant)) }
                    .filter { e.etat == nil || $0.1 == e.etat }
                classeur = Classeur(
                    nomFeuille: "Transmissions",
                    entetes: ["Organisme", "UAI", "SIRET", "Département", "Dernière transmission", "État"],
                    lignes: lignes.map { o, etat in
                        [
                            .texte(o.nom), .texte(o.uai?.rawValue), .texte(o.siret.rawValue),
                            .texte(o.adresse.departement), .date(o.lastTransmissionDate.map { Jour($0) }),
                            .texte(etat.libelle),
                        ]
                    })
            }
        }
        let lieu: String? = e.sites != nil ? i.organisation.nom : nil
        let nom = IntituleFiltres.nomFichier(
            titre, r.filtres, perimetre: r.perimetre, lieu: lieu, extension: "csv")
        return Response(
            status: .ok,
            headers: [
                .contentType: "text/csv; charset=utf-8", .contentDisposition: "attachment; filename=\"\(nom)\"",
                .cacheControl: "no-store",
            ], body: .init(byteBuffer: ByteBuffer(bytes: classeur.csv())))
    }
}
