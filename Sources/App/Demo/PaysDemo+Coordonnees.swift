import Domain
import Foundation
import Outils

extension PaysDemo {
    /// Where the learners of one organisme live: communes of its département, two thirds in its "home" zone
    /// d'emploi (drawn once per organisme from its SIRET, a zone weighted by its communes in the département), the
    /// rest in the département's other zones.
    struct Residences: Sendable {
        let domicile: [String]
        let ailleurs: [[String]]

        init(organisme: OrganismeCle, departement: String?, zones: CommunesZonesEmploi = .france) {
            let duDepartement = departement.flatMap { zones.zonesDuDepartement[$0] } ?? []
            let total = duDepartement.reduce(0) { $0 + $1.communes.count }
            guard total > 0 else {
                domicile = []
                ailleurs = []
                return
            }
            // FNV-1a: the same organisme gets the same home zone on every run (Swift's `Hasher` is seeded per run).
            var empreinte: UInt64 = 0xCBF2_9CE4_8422_2325
            for octet in organisme.siret.rawValue.utf8 { empreinte = (empreinte ^ UInt64(octet)) &* 0x100_0000_01B3 }
            var rang = Int(empreinte % UInt64(total))
            var k = 0
            while rang >= duDepartement[k].communes.count {
                rang -= duDepartement[k].communes.count
                k += 1
            }
            domicile = duDepartement[k].communes
            ailleurs = duDepartement.indices.filter { $0 != k }.map { duDepartement[$0].communes }
        }

        /// A commune of residence: in the home zone with probability 2/3 (always when the département has one zone).
        func commune(_ h: inout Aleatoire) -> String? {
            guard !domicile.isEmpty else { return nil }
            if ailleurs.isEmpty || h.entier(0...2) < 2 { return h.element(domicile) }
            return h.element(h.element(ailleurs))
        }
    }

    /// What the demo adds to a learner beyond its schooling: commune of residence, fictional phone number
    /// (`01 99 00 xx xx`, a range kept for fiction) and e-mail (`@example.org`), a parent's e-mail for a minor,
    /// RQTH for about 3 %.
    static func coordonnees(
        prenom: String, nom: String, mineur: Bool, _ residences: Residences, _ h: inout Aleatoire
    ) -> [(String, JSONValue)] {
        var champs: [(String, JSONValue)] = []
        if let commune = residences.commune(&h) { champs.append(("code_commune_insee_apprenant", .string(commune))) }
        champs.append(
            ("tel_apprenant", .string(String(format: "01 99 00 %02d %02d", h.entier(0...99), h.entier(0...99)))))
        let numero = h.entier(1...9_999)
        champs.append(("email_contact", .string("\(adresse(prenom)).\(adresse(nom)).\(numero)@example.org")))
        if mineur {
            champs.append(("responsable_apprenant_mail1", .string("parent.\(adresse(nom)).\(numero)@example.org")))
        }
        if h.chance(0.03) { champs.append(("rqth_apprenant", .bool(true))) }
        return champs
    }

    /// « Maëlys » → « maelys », « François » → « francois »: the local part of a fictional address (the names of
    /// the demo are folded once, not for each of millions of learners).
    static func adresse(_ s: String) -> String { adresses[s] ?? plier(s) }

    private static let adresses: [String: String] = Dictionary(
        (prenoms + noms).map { ($0, plier($0)) }, uniquingKeysWith: { a, _ in a })

    private static func plier(_ s: String) -> String {
        s.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: Locale(identifier: "fr_FR"))
            .lowercased().filter { $0.isASCII && ($0.isLetter || $0 == "-") }
    }
}
