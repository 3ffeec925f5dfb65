import Domain

/// Short ways to write days, steps, timelines and contracts in tests.

public func j(_ s: String) -> Jour {
    guard let d = Jour(iso: s) else { fatalError("bad test date \(s)") }
    return d
}

/// `"2024-09-02 INSCRIT, 2024-12-01 ABANDON"` → steps.
public func etapes(_ s: String) -> [EtapeParcours] {
    s.split(separator: ",").map { part in
        let words = part.split(separator: " ")
        return EtapeParcours(date: j(String(words[0])), valeur: StatutApprenant(rawValue: String(words[1]))!)
    }
}

public func parcours(_ session: (String, String), _ contrats: [EntreeParcours.Contrat] = [], exclusion: String? = nil)
    -> Parcours
{
    ConstructeurParcours.construire(
        EntreeParcours(
            debutSession: j(session.0), finSession: j(session.1), contrats: contrats,
            exclusion: exclusion.map(j)))
}

public func contrat(_ debut: String?, _ fin: String? = nil, rupture: String? = nil) -> EntreeParcours.Contrat {
    EntreeParcours.Contrat(debut: debut.map(j), fin: fin.map(j), rupture: rupture.map(j))
}
