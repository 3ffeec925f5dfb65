import Domain
import Foundation

/// What a list or a table holds, in words, from its filters: the title of the page ("Rupturants —
/// Auvergne-Rhône-Alpes, niveau 4, au 15 mars 2025") and the name of its downloads
/// (`rupturants-auvergne-rhone-alpes-niveau-4-2025-03-15.csv`).
enum IntituleFiltres {
    /// The territory (filtered, else `lieu` or the perimeter), then every other active filter, in words. `lieu`: the
    /// organisme a list is narrowed to, or the organisation of a CFA (whose perimeter is a set of organismes).
    static func criteres(
        _ f: FiltresIndicateurs, perimetre: Perimetre, lieu: String? = nil, statut: String? = nil
    ) -> [String] {
        let t = Territoires.france
        var c: [String] = []
        if let lieu {
            c.append(lieu)
        } else if f.regions.isEmpty && f.departements.isEmpty && f.academies.isEmpty {
            c.append(nom(perimetre))
        }
        c += f.regions.sorted().map { t.region($0)?.nom ?? $0 }
        c += f.departements.sorted().map { code in t.departement(code).map { "\($0.nom) (\(code))" } ?? code }
        c += f.academies.sorted().map { code in "académie de \(t.academie(code)?.nom ?? code)" }
        c += f.reseaux.sorted().map { "réseau \(Reseau.nomme($0)?.nom ?? $0)" }
        if let q = f.organismeRecherche { c.append("organisme « \(q) »") }
        if !f.niveaux.isEmpty { c.append("niveau " + f.niveaux.sorted().map(String.init).joined(separator: " ou ")) }
        if !f.anneesFormation.isEmpty {
            c.append("année " + f.anneesFormation.sorted().map(String.init).joined(separator: " ou "))
        }
        if !f.cfds.isEmpty { c.append("CFD " + f.cfds.sorted().joined(separator: ", ")) }
        c += f.tranchesAge.map { VueTableau.libelle($0).lowercased() }
        if let statut { c.append(statut.lowercased()) }
        return c
    }

    /// "Rupturants — Auvergne-Rhône-Alpes, niveau 4, au 15 mars 2025".
    static func titre(
        _ quoi: String, _ f: FiltresIndicateurs, perimetre: Perimetre, lieu: String? = nil,
        statut: String? = nil
    ) -> String {
        let c = criteres(f, perimetre: perimetre, lieu: lieu, statut: statut)
        return "\(quoi) — \(c.joined(separator: ", ")), au \(dateLongue(f.date))"
    }

    /// "rupturants-auvergne-rhone-alpes-niveau-4-2025-03-15.csv": the title's words, lower case, ASCII, the date as
    /// AAAA-MM-JJ; at most 120 characters before the date.
    static func nomFichier(
        _ quoi: String, _ f: FiltresIndicateurs, perimetre: Perimetre, lieu: String? = nil,
        statut: String? = nil, extension ext: String
    ) -> String {
        let mots = [quoi] + criteres(f, perimetre: perimetre, lieu: lieu, statut: statut)
        var base = slug(mots.joined(separator: " "))
        if base.count > 120 { base = String(base.prefix(120)).trimmingCharacters(in: CharacterSet(charactersIn: "-")) }
        return "\(base)-\(f.date.description).\(ext)"
    }

    /// Lower-case ASCII letters and digits, runs of anything else as one `-`.
    static func slug(_ s: String) -> String {
        let ascii = s.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: Locale(identifier: "fr_FR"))
            .lowercased()
        var r = ""
        for ch in ascii.unicodeScalars {
            if ("a"..."z").contains(ch) || ("0"..."9").contains(ch) {
                r.unicodeScalars.append(ch)
            } else if !r.isEmpty && !r.hasSuffix("-") {
                r += "-"
            }
        }
        while r.hasSuffix("-") { r.removeLast() }
        return r
    }

    /// A perimeter by its name alone ("Auvergne-Rhône-Alpes", "Rhône (69)", "France entière").
    static func nom(_ p: Perimetre) -> String {
        let t = Territoires.france
        switch p {
        case .national: return "France entière"
        case .region(let r): return t.region(r)?.nom ?? r
        case .departement(let d): return t.departement(d).map { "\($0.nom) (\(d))" } ?? d
        case .academie(let a): return "académie de \(t.academie(a)?.nom ?? a)"
        case .reseau(let r): return "réseau \(Reseau.nomme(r)?.nom ?? r)"
        case .organismes, .missionLocale, .aucun: return p.libelle
        }
    }
}
