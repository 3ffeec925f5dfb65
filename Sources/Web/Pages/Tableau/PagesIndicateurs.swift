import Domain
import IndexEffectifs
import Foundation
import Hummingbird

/// The indicator pages: the public national view (F5) and the view of a signed-in user's perimeter (F6).
struct PagesIndicateurs {
    let deps: Dependances

    var aujourdhui: Jour { Jour(deps.horloge.now()) }

    static let indicateursCarte = VueTableau.colonnes.map(\.cle)

    /// The map choices: `carte=departements|regions`, `indicateur=apprentis|…`.
    func choixCarte(_ query: [(String, String)]) throws -> (regions: Bool, indicateur: String) {
        let carte = query.first { $0.0 == "carte" }?.1 ?? "departements"
        let indicateur = query.first { $0.0 == "indicateur" }?.1 ?? "apprentis"
        var erreurs: [ErreurValidation] = []
        if !["departements", "regions"].contains(carte) { erreurs.append(ErreurValidation("carte", "Valeur attendue : departements ou regions")) }
        if !Self.indicateursCarte.contains(indicateur) {
            erreurs.append(ErreurValidation("indicateur", "Valeur attendue : \(Self.indicateursCarte.joined(separator: ", "))"))
        }
        if !erreurs.isEmpty { throw ErreurApi.parametres(erreurs) }
        return (carte == "regions", indicateur)
    }

    /// The map, its legend and its table, for a request.
    func carte(_ r: RequeteIndicateurs, regions: Bool, indicateur: String, query: [(String, String)], chemin: String,
               lien: ((String) -> String)? = nil) async throws -> [String: Any] {
        let lignes = await deps.index.compter(r, par: regions ? .region : .departement)
        let valeurs = Dictionary(lignes.map { ($0.cle, VueTableau.valeur($0.compteurs, indicateur)) }, uniquingKeysWith: { a, _ in a })
        let libelle = VueTableau.colonnes.first { $0.cle == indicateur }?.libelle ?? indicateur
        return [
            "svg": CarteFrance.france.svg(regions: regions, valeurs: valeurs, indicateur: libelle, lien: lien),
            "legende": CarteFrance.france.legende(valeurs: valeurs),
            "indicateur": libelle,
            "choixIndicateurs": VueTableau.colonnes.map { ["cle": $0.cle, "libelle": $0.libelle, "selectionne": $0.cle == indicateur] },
            "parRegion": regions,
            "champsCaches": query.filter { !["carte", "indicateur"].contains($0.0) }.map { ["nom": $0.0, "valeur": $0.1] },
            "tableau": try VueTableau.tableau(lignes, titre: "\(libelle) par \(regions ? "région" : "département")",
                                          premiereColonne: regions ? "Région" : "Département", parametreTri: "tri_territoires",
                                          query: query, chemin: chemin),
        ]
    }

    func evolution(_ r: RequeteIndicateurs) async -> [String: Any] {
        let fin = r.filtres.date
        let debut = Jour(year: fin.year - 2, month: fin.month, day: 1).adding(days: 31)
        return VueTableau.evolution(await deps.index.evolution(r, debut: Jour(year: debut.year, month: debut.month, day: 1), fin: fin))
    }

    /// The organismes of the perimeter with their last transmission, those that need attention first
    /// (`etat=jamais|arretee|…` keeps one state).
    func transmetteurs(_ perimetre: Perimetre, _ f: FiltresIndicateurs, etat: EtatTransmission?) async -> [String: Any] {
        let maintenant = deps.horloge.now()
        // Never transmitted first, then stopped, then late, then recent; by name within a state. Positions are
        // sorted, not the organismes.
        let rang: [EtatTransmission: Int] = [.jamais: 0, .arretee: 1, .unATroisMois: 2, .recente: 3]
        let organismes = await deps.index.organismesCouverts(perimetre: perimetre, filtres: f)
        let etats = organismes.map { EtatTransmission.de($0, maintenant: maintenant) }
        let retenus = organismes.indices.filter { etat == nil || etats[$0] == etat }
            .sorted { i, j in
                let a = rang[etats[i]]!, b = rang[etats[j]]!
                return a != b ? a < b : organismes[i].nom.utf8.lexicographicallyPrecedes(organismes[j].nom.utf8)
            }
        let lignes = retenus.prefix(100).map { (o: organismes[$0], etat: etats[$0]) }
        return [
            "total": nombre(retenus.count),
            "lignes": lignes.map { l in
                ["id": l.o.id.description, "nom": l.o.nom, "uai": l.o.uai?.rawValue ?? "—", "departement": l.o.adresse.departement ?? "—",
                 "derniere": l.o.lastTransmissionDate.map { dateLongue(Jour($0)) } ?? "jamais", "etat": l.etat.libelle,
                 "etatCle": l.etat.rawValue] as [String: Any]
            },
            "tronque": retenus.count > 100 ? "Les 100 premiers organismes sur \(nombre(retenus.count)) sont affichés ; filtrez par territoire ou par état pour voir les autres." : "",
            "etats": EtatTransmission.allCases.map { ["cle": $0.rawValue, "libelle": $0.libelle, "selectionne": $0 == etat] },
        ]
    }

    func couverture(_ perimetre: Perimetre, _ f: FiltresIndicateurs) async -> [String: Any] {
        let c = await deps.index.couverture(perimetre: perimetre, filtres: f, maintenant: deps.horloge.now())
        let total = c.reduce(0) { $0 + $1.totalOrganismes.total }
        let transmetteurs = c.reduce(0) { $0 + $1.organismesTransmetteurs.total }
        return [
            "total": nombre(total), "transmetteurs": nombre(transmetteurs), "nonTransmetteurs": nombre(total - transmetteurs),
            "taux": total == 0 ? "–" : String(format: "%.0f %%", Double(transmetteurs) * 100 / Double(total)),
            "recents": nombre(c.reduce(0) { $0 + $1.transmissionRecente }),
            "unATrois": nombre(c.reduce(0) { $0 + $1.transmission1a3Mois }),
            "arretes": nombre(c.reduce(0) { $0 + $1.transmissionArretee }),
            "jamais": nombre(c.reduce(0) { $0 + $1.jamaisTransmis }),
        ]
    }

    /// `GET /indicateurs/national`: anyone, national perimeter, date and territory filters.
    @Sendable func national(_ request: Request, context: ContexteRequete) async throws -> Response {
        let query = VueTableau.requete(request)
        let f = try VueTableau.filtres(query, aujourdhui: aujourdhui,
                                       autorises: ["date", "organisme_regions", "organisme_departements", "organisme_academies"],
                                       autres: ["carte", "indicateur", "tri_territoires"])
        let (regions, indicateur) = try choixCarte(query)
        let r = RequeteIndicateurs(perimetre: .national, filtres: f, aujourdhui: aujourdhui)
        return try await deps.pagePublique("national", "Indicateurs nationaux", request, context) {
            [
                "date": f.date.description, "dateLongue": dateLongue(f.date),
                "compteurs": VueTableau.compteurs(await deps.index.compter(r)),
                "carte": try await carte(r, regions: regions, indicateur: indicateur, query: query, chemin: "/indicateurs/national"),
                "evolution": await evolution(r),
                "couverture": await couverture(.national, f),
                "filtres": VueTableau.formulaireFiltres(f, perimetre: .national, complets: false),
            ]
        }
    }

    /// `GET /indicateurs`: the signed-in user's perimeter, every filter, tables by territory, organisme, formation.
    @Sendable func perimetre(_ request: Request, context: ContexteRequete, identite i: Identite) async throws -> Response {
        let perimetre = i.droits.perimetre(.voirIndicateurs)
        let query = VueTableau.requete(request)
        let f = try VueTableau.filtres(query, aujourdhui: aujourdhui,
                                       autres: ["carte", "indicateur", "tri_territoires", "tri_organismes", "tri_formations", "etat"])
        let (regions, indicateur) = try choixCarte(query)
        let etatTexte = query.first { $0.0 == "etat" }?.1
        let etat = etatTexte.flatMap(EtatTransmission.init(rawValue:))
        if etatTexte != nil && etat == nil {
            throw ErreurApi.parametre("etat", "Valeur attendue : \(EtatTransmission.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let r = RequeteIndicateurs(perimetre: perimetre, filtres: f, aujourdhui: aujourdhui)
        let listes = IndicateurListe.allCases.filter { i.droits.peut($0.capacite) }
        let parametresListe = query.filter { FiltresIndicateurs.parametres.contains($0.0) }
        return try await deps.page("indicateurs", "Indicateurs", request, context, [
            "date": f.date.description, "dateLongue": dateLongue(f.date), "perimetre": perimetre.libelle,
            "compteurs": VueTableau.compteurs(await deps.index.compter(r)),
            "carte": try await carte(r, regions: regions, indicateur: indicateur, query: query, chemin: "/indicateurs"),
            "evolution": await evolution(r),
            "organismes": try VueTableau.tableau(await deps.index.compter(r, par: .organisme), titre: "Par organisme",
                                             premiereColonne: "Organisme", parametreTri: "tri_organismes", query: query,
                                             chemin: "/indicateurs", lien: { "/organismes/\($0.cle)" }, limite: 100),
            "formations": try VueTableau.tableau(await deps.index.compter(r, par: .formation), titre: "Par formation",
                                             premiereColonne: "Formation", parametreTri: "tri_formations", query: query,
                                             chemin: "/indicateurs", limite: 100),
            "couverture": i.droits.peut(.voirTransmissions) ? await couverture(i.droits.perimetre(.voirTransmissions), f) : false,
            "transmetteurs": i.droits.peut(.voirTransmissions) ? await transmetteurs(i.droits.perimetre(.voirTransmissions), f, etat: etat) : false,
            "champsEtat": query.filter { $0.0 != "etat" }.map { ["nom": $0.0, "valeur": $0.1] },
            "listes": listes.map { ["libelle": $0.libelle, "lien": VueTableau.adresse("/listes/\($0.rawValue)", parametresListe)] },
            "filtres": VueTableau.formulaireFiltres(f, perimetre: perimetre),
        ])
    }
}
