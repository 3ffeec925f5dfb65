import Domain
import Foundation
import Outils

/// A synthetic country for demonstrations, benchmarks and tests: real organisations (the référentiel), invented
/// relations, catalogue and learners, all plausible and reproducible from a seed. Learners become API v3 items, so
/// they enter through the same ingestion path as real data.
public struct PaysDemo: Sendable {
    public let formations: [FormationCatalogue]

    public init(graine: UInt64) {
        var g = Aleatoire(graine: graine ^ 0xF0F0)
        formations = PaysDemo.catalogue(&g)
    }

    // MARK: - Organismes

    /// Marks about 4 % of organismes non fiable and 2 % closed, and makes responsables of formateurs of the same
    /// département (about one formateur in ten also gets a responsable of another company: partial responsibility).
    public static func preparer(_ organismes: [OrganismeImporte], graine: UInt64)
        -> (organismes: [OrganismeImporte], relations: [(responsable: Int, formateur: Int)])
    {
        var g = Aleatoire(graine: graine ^ 0xA11C)
        var liste = organismes
        for i in liste.indices {
            if g.chance(0.04) { liste[i].fiable = false }
            if g.chance(0.02) { liste[i].ferme = true }
        }
        var parDepartement: [String: (responsables: [Int], formateurs: [Int])] = [:]
        for (i, o) in liste.enumerated() {
            let dep = o.adresse.departement ?? ""
            switch o.nature {
            case .responsable, .responsableFormateur: parDepartement[dep, default: ([], [])].responsables.append(i)
            case .formateur: parDepartement[dep, default: ([], [])].formateurs.append(i)
            case .inconnue: break
            }
        }
        var relations: [(Int, Int)] = []
        for (_, d) in parDepartement.sorted(by: { $0.key < $1.key }) where !d.responsables.isEmpty {
            for f in d.formateurs {
                let r = g.element(d.responsables)
                relations.append((r, f))
                if d.responsables.count > 1, g.chance(0.1) {
                    let autre = g.element(d.responsables)
                    if autre != r { relations.append((autre, f)) }
                }
            }
        }
        return (liste, relations.map { (responsable: $0.0, formateur: $0.1) })
    }

    // MARK: - Catalogue

    static let intitules: [(Int, [String])] = [
        (
            3,
            [
                "CAP Boulanger", "CAP Pâtissier", "CAP Cuisine", "CAP Coiffure", "CAP Électricien", "CAP Maçon",
                "CAP Menuisier fabricant",
                "CAP Équipier polyvalent du commerce", "CAP Maintenance des véhicules",
                "CAP Esthétique cosmétique parfumerie",
                "CAP Accompagnant éducatif petite enfance", "CAP Charcutier-traiteur",
            ]
        ),
        (
            4,
            [
                "Bac pro Métiers du commerce et de la vente", "Bac pro Maintenance des véhicules",
                "Brevet professionnel Boulanger",
                "Brevet professionnel Coiffure", "Bac pro Technicien d'usinage", "Bac pro Cuisine",
                "BP Préparateur en pharmacie",
                "Bac pro Métiers de l'électricité",
            ]
        ),
        (
            5,
            [
                "BTS Management commercial opérationnel", "BTS Négociation et digitalisation de la relation client",
                "BTS Comptabilité et gestion", "BTS Services informatiques aux organisations",
                "BTS Conception des produits industriels",
                "BTS Support à l'action managériale", "BTS Gestion des PME", "BTS Maintenance des systèmes",
            ]
        ),
        (
            6,
            [
                "BUT Gestion des entreprises et des administrations", "Licence professionnelle Métiers du commerce",
                "BUT Génie électrique et informatique industrielle", "Bachelor Responsable de développement commercial",
                "Licence professionnelle Logistique",
            ]
        ),
        (
            7,
            [
                "Master Management", "Titre d'ingénieur Informatique", "Master Ressources humaines",
                "Titre d'ingénieur Génie industriel",
                "Master Droit des affaires", "Manager de la stratégie commerciale",
            ]
        ),
    ]

    /// The trades (ROME codes) each formation of the catalogue prepares for (issue 16).
    static let codesRome: [String: [String]] = [
        "CAP Boulanger": ["D1102"], "CAP Pâtissier": ["D1104", "G1610"], "CAP Cuisine": ["G1609"],
        "CAP Coiffure": ["D1202"], "CAP Électricien": ["F1602"], "CAP Maçon": ["F1703"],
        "CAP Menuisier fabricant": ["H2206"], "CAP Équipier polyvalent du commerce": ["D1507", "D1106"],
        "CAP Maintenance des véhicules": ["I1604"], "CAP Esthétique cosmétique parfumerie": ["D1208"],
        "CAP Accompagnant éducatif petite enfance": ["K1307", "J1304"], "CAP Charcutier-traiteur": ["D1103"],
        "Bac pro Métiers du commerce et de la vente": ["D1214", "D1507", "D1502"],
        "Bac pro Maintenance des véhicules": ["I1604", "I1613"], "Brevet professionnel Boulanger": ["D1102", "D1108"],
        "Brevet professionnel Coiffure": ["D1202", "D1216"], "Bac pro Technicien d'usinage": ["H2903"],
        "Bac pro Cuisine": ["G1609"], "BP Préparateur en pharmacie": ["J1307"],
        "Bac pro Métiers de l'électricité": ["F1602", "I1309"],
        "BTS Management commercial opérationnel": ["D1502", "D1503", "M1506"],
        "BTS Négociation et digitalisation de la relation client": ["D1403", "D1416", "D1408"],
        "BTS Comptabilité et gestion": ["M1203", "M1213"],
        "BTS Services informatiques aux organisations": ["M1805", "M1810", "M1801"],
        "BTS Conception des produits industriels": ["H1235"], "BTS Support à l'action managériale": ["M1604", "M1621"],
        "BTS Gestion des PME": ["M1621", "M1607"], "BTS Maintenance des systèmes": ["I1304", "I1302"],
        "BUT Gestion des entreprises et des administrations": ["M1621", "M1203", "M1501"],
        "Licence professionnelle Métiers du commerce": ["D1416", "D1402"],
        "BUT Génie électrique et informatique industrielle": ["H1209", "I1302"],
        "Bachelor Responsable de développement commercial": ["D1402", "D1416"],
        "Licence professionnelle Logistique": ["N1301", "N1303"], "Master Management": ["M1506", "M1301"],
        "Titre d'ingénieur Informatique": ["M1805", "M1861"],
        "Master Ressources humaines": ["M1501", "M1502", "M1503"],
        "Titre d'ingénieur Génie industriel": ["H1402", "H1238"], "Master Droit des affaires": ["K1903"],
        "Manager de la stratégie commerciale": ["M1707", "D1402"],
    ]

    static func catalogue(_ g: inout Aleatoire) -> [FormationCatalogue] {
        var formations: [FormationCatalogue] = []
        var rncpUtilises = Set<Int>()
        for (niveau, titres) in intitules {
            let prefixe = ["3": "500", "4": "400", "5": "320", "6": "250", "7": "135"]["\(niveau)"]!
            for (k, titre) in titres.enumerated() {
                var rncp = g.entier(30_000...39_999)
                while rncpUtilises.contains(rncp) { rncp += 1 }
                rncpUtilises.insert(rncp)
                formations.append(
                    FormationCatalogue(
                        cfd: CFD(prefixe + String(format: "%05d", 100 + k * 37)), rncp: RNCP(String(rncp)),
                        libelle: titre, niveau: niveau, codesRome: (codesRome[titre] ?? []).compactMap(CodeROME.init)))
            }
        }
        return formations
    }

    // MARK: - Apprenants

    static let prenoms = [
        "Léa", "Lucas", "Emma", "Hugo", "Chloé", "Louis", "Inès", "Nathan", "Manon", "Enzo", "Camille", "Jules",
        "Sarah", "Adam", "Zoé", "Théo", "Lina", "Mathis", "Jade", "Noah", "Yanis", "Maëlys", "Rayan", "Lou",
        "Gabriel", "Anaïs", "Tom", "Clara", "Ethan", "Océane",
    ]
    static let noms = [
        "Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy", "Moreau", "Simon",
        "Laurent", "Lefebvre", "Michel", "Garcia", "David", "Bertrand", "Roux", "Vincent", "Fournier", "Morel",
        "Girard", "André", "Mercier", "Dupont", "Lambert", "Bonnet", "François", "Martinez", "Legrand", "Garnier",
        "Faure", "Rousseau", "Blanc", "Guerin", "Muller", "Henry", "Roussel", "Nicolas", "Perrin", "Diallo", "Nguyen",
    ]

    /// The learners of one organisme for one school year, as API v3 items. `numero` makes ids unique. They live in
    /// the organisme's `departement` (see `Residences`); their contacts, residence and RQTH come from a stream of
    /// their own, so that every other draw stays what it was before they existed.
    public func apprenants(
        organisme o: OrganismeCle, departement: String?, responsable: OrganismeCle, annee: AnneeScolaire,
        nombre: Int, graine: UInt64
    ) -> [JSONValue] {
        var g = Aleatoire(graine: graine)
        var h = Aleatoire(graine: graine ^ 0xC0_4D0E_E5)
        let residences = Residences(organisme: o, departement: departement)
        var items: [JSONValue] = []
        items.reserveCapacity(nombre)
        let rentree = Jour(year: annee.debut, month: 9, day: 1)
        for n in 0..<nombre {
            let formation = g.element(formations)
            let niveau = formation.niveau ?? 3
            let age = max(
                15,
                min(
                    35,
                    (niveau <= 4 ? 16 : niveau == 5 ? 19 : 21) + g.entier(0...3)
                        + (g.chance(0.1) ? g.entier(1...10) : 0)))
            let naissance = Jour(year: annee.debut - age, month: g.entier(1...12), day: g.entier(1...28))
            let entree = rentree.adding(days: g.chance(0.85) ? g.entier(-5...20) : g.entier(21...150))
            let duree = niveau == 3 || niveau == 5 ? 2 : g.chance(0.5) ? 1 : 2
            let fin = Jour(year: entree.year + duree, month: 6, day: g.entier(15...30))
            let nom = g.element(Self.noms)
            let prenom = g.element(Self.prenoms)
            var o: [String: JSONValue] = [
                "nom_apprenant": .string(nom), "prenom_apprenant": .string(prenom),
                "date_de_naissance_apprenant": .string(naissance.description),
                "annee_scolaire": .string(annee.description),
                "id_erp_apprenant": .string("DEMO-\(graine)-\(n)"),
                "date_inscription_formation": .string(entree.adding(days: -g.entier(10...90)).description),
                "date_entree_formation": .string(entree.description), "date_fin_formation": .string(fin.description),
                "formation_cfd": .string(formation.cfd!.rawValue), "formation_rncp": .string(formation.rncp!.rawValue),
                "annee_formation": .number(1), "sexe_apprenant": .string(g.chance(0.5) ? "F" : "M"),
                "etablissement_formateur_uai": .string(o.uai.rawValue),
                "etablissement_formateur_siret": .string(o.siret.rawValue),
                "etablissement_responsable_uai": .string(responsable.uai.rawValue),
                "etablissement_responsable_siret": .string(responsable.siret.rawValue),
            ]
            if g.chance(0.88) {
                let debut = entree.adding(days: g.chance(0.7) ? g.entier(-40...30) : g.entier(31...150))
                o["contrat_date_debut"] = .string(debut.description)
                o["contrat_date_fin"] = .string(fin.adding(days: g.entier(0...60)).description)
                o["siret_employeur"] = .string(
                    String(format: "%09d%05d", g.entier(100_000_000...999_999_999), g.entier(10...99_999)))
                if g.chance(0.25) {
                    let rupture = debut.adding(days: g.entier(30...(max(31, fin - debut - 1))))
                    o["contrat_date_rupture"] = .string(rupture.description)
                    o["cause_rupture_contrat"] = .string(
                        g.element(["démission", "rupture conventionnelle", "licenciement", "fin de période d'essai"]))
                    if g.chance(0.5) {
                        let nouveau = rupture.adding(days: g.entier(10...200))
                        if nouveau < fin {
                            o["contrat_date_debut_2"] = .string(nouveau.description)
                            o["contrat_date_fin_2"] = .string(fin.description)
                        }
                    }
                }
            }
            if g.chance(0.03) {
                o["date_exclusion_formation"] = .string(
                    entree.adding(days: g.entier(20...(max(21, fin - entree)))).description)
            }
            for (champ, valeur) in Self.coordonnees(prenom: prenom, nom: nom, mineur: age < 18, residences, &h) {
                o[champ] = valeur
            }
            items.append(.object(o))
        }
        return items
    }
}
