import Domain
import Foundation

extension IndexIndicateurs {
    /// By organisme and formation, at `jour`, for the formations of the catalogue `retenue` keeps (issue 16: those
    /// preparing for a trade): the learners and those without an employer, counted as the indicators count (the
    /// school and calendar years of that day). Only reliable, open organismes with at least one learner there. Read
    /// from the columns every batch updates, so an answer is never behind the last accepted batch.
    public func effectifsParOrganismeEtFormation(
        au jour: Jour, formations retenue: @escaping @Sendable (FormationCatalogue) -> Bool
    ) async -> [EffectifsFormation] {
        await lecture { c in c.effectifsParOrganismeEtFormation(au: jour, retenue: retenue) }
    }
}

extension Colonnes {
    func effectifsParOrganismeEtFormation(au jour: Jour, retenue: (FormationCatalogue) -> Bool)
        -> [EffectifsFormation]
    {
        let gardees = formations.map { f -> Bool in
            guard let entree = catalogue.formation(cfd: f.cfd, rncp: f.rncp) else { return false }
            return retenue(entree)
        }
        guard gardees.contains(true) else { return [] }
        let d = jour.rawValue
        // (organisme rank << 32 | formation rank) → (learners, without an employer)
        var comptes: [Int64: (Int, Int)] = [:]
        for annee in AnneeScolaire.annees(pourIndicateursA: jour) {
            guard let lignes = lignesParAnnee[Self.cleAnnee(annee)] else { continue }
            for r in lignes {
                let i = Int(r)
                let f = Int(formation[i])
                guard f >= 0, f < gardees.count, gardees[f] else { continue }
                let o = org[i]
                guard o >= 0, compteOrg[Int(o)] else { continue }
                var s: UInt8 = CodeStatut.aucun
                var k = Int(debutEtapes[i])
                let fin = k + Int(nbEtapes[i])
                while k < fin && jours[k] <= d {
                    s = statuts[k]
                    k += 1
                }
                guard s == CodeStatut.inscrit || s == CodeStatut.apprenti || s == CodeStatut.rupturant else {
                    continue
                }
                let cle = Int64(o) << 32 | Int64(f)
                let (n, sans) = comptes[cle] ?? (0, 0)
                comptes[cle] = (n + 1, sans + (s == CodeStatut.inscrit ? 1 : 0))
            }
        }
        return comptes.sorted { $0.key < $1.key }.map { cle, v in
            let f = formations[Int(cle & 0xFFFF_FFFF)]
            return EffectifsFormation(
                organisme: organismes[Int(cle >> 32)].id, cfd: f.cfd, rncp: f.rncp, apprenants: v.0, sansContrat: v.1)
        }
    }
}

/// What the public search of CFAs by trade reads from the index in one go: the learners by organisme and formation
/// for the trade, the organismes they are in, the catalogue that names the formations.
public struct EffectifsMetier: Sendable {
    public let effectifs: [EffectifsFormation]
    public let organismes: [OrganismeID: Organisme]
    public let catalogue: Catalogue
}

extension IndexIndicateurs {
    /// The learners by organisme and formation at `jour` in the formations preparing for `metier`.
    public func effectifsMetier(_ metier: CodeROME, au jour: Jour) async -> EffectifsMetier {
        await lecture { c in
            let effectifs = c.effectifsParOrganismeEtFormation(au: jour) { $0.codesRome.contains(metier) }
            var organismes: [OrganismeID: Organisme] = [:]
            for e in effectifs where organismes[e.organisme] == nil {
                if let r = c.rangOrganisme[e.organisme] { organismes[e.organisme] = c.organismes[Int(r)] }
            }
            return EffectifsMetier(effectifs: effectifs, organismes: organismes, catalogue: c.catalogue)
        }
    }

    /// The ROME codes for which some reliable, open organisme has learners at `jour` (to offer neighbouring trades
    /// that find something).
    public func codesRomeEnseignes(au jour: Jour) async -> Set<CodeROME> {
        await lecture { c in
            Set(
                c.effectifsParOrganismeEtFormation(au: jour) { !$0.codesRome.isEmpty }.flatMap { e in
                    c.catalogue.formation(cfd: e.cfd, rncp: e.rncp)?.codesRome ?? []
                })
        }
    }

    /// The communes (INSEE code, name) of the reliable, open organismes, by name.
    public func communesDesOrganismes() async -> [(code: String, nom: String)] {
        await lecture { c in
            var vues: [String: String] = [:]
            for (i, o) in c.organismes.enumerated() where c.compteOrg[i] {
                if let code = o.adresse.codeCommuneInsee, let nom = o.adresse.commune, !nom.isEmpty { vues[code] = nom }
            }
            return vues.map { (code: $0.key, nom: $0.value) }.sorted { ($0.nom, $0.code) < ($1.nom, $1.code) }
        }
    }
}
