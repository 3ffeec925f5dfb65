import Foundation
import Outils

/// The stored form of an effectif: a JSON document with the reference's snake_case names, written and read by
/// hand (Foundation's `JSONEncoder` took most of the time of a batch).
extension Effectif {
    public var json: JSONTexte.Noeud {
        var o = ChampsJSON()
        o["organisme_id"] = .entier(Int(organismeId.rawValue))
        o["organisme_responsable_id"] = .entier(Int(organismeResponsableId.rawValue))
        o["id_erp_apprenant"] = .texte(idErpApprenant)
        o["annee_scolaire"] = .texte(anneeScolaire.description)
        o["source"] = .texte(source.rawValue)
        o["source_organisme_id"] = .entier(Int(sourceOrganismeId.rawValue))
        o["apprenant"] = apprenant.json
        o["formation"] = formation.json
        o["contrats"] = .liste(contrats.map(\.json))
        o["lieu_de_formation"] = lieuDeFormation.json
        o["created_at"] = .instant(createdAt)
        o["updated_at"] = .instant(updatedAt)
        o["transmitted_at"] = .instant(transmittedAt)
        return o.noeud
    }

    public init(json v: JSONValue) throws {
        let o = try LectureJSON(v)
        self.init(
            organismeId: OrganismeID(Int64(try o.entier("organisme_id"))),
            organismeResponsableId: OrganismeID(Int64(try o.entier("organisme_responsable_id"))),
            idErpApprenant: try o.texte("id_erp_apprenant"),
            anneeScolaire: try o.requis("annee_scolaire", AnneeScolaire.init),
            source: try o.requis("source", SourceEffectif.init(rawValue:)),
            sourceOrganismeId: OrganismeID(Int64(try o.entier("source_organisme_id"))),
            apprenant: try Apprenant(json: o.valeur("apprenant")),
            formation: try Formation(json: o.valeur("formation")),
            contrats: try o.liste("contrats").map(Contrat.init(json:)),
            lieuDeFormation: try LieuDeFormation(json: o.valeur("lieu_de_formation")),
            createdAt: try o.instant("created_at"), updatedAt: try o.instant("updated_at"),
            transmittedAt: try o.instant("transmitted_at"))
    }
}

extension Effectif.Apprenant {
    var json: JSONTexte.Noeud {
        var o = ChampsJSON()
        o["ine"] = .texte(ine)
        o["nom"] = .texte(nom)
        o["prenom"] = .texte(prenom)
        o["date_de_naissance"] = .jour(dateDeNaissance)
        o["courriel"] = .texte(courriel)
        o["telephone"] = .texte(telephone)
        o["sexe"] = .texte(sexe)
        o["rqth"] = .booleen(rqth)
        o["date_rqth"] = .jour(dateRqth)
        o["has_nir"] = .booleen(hasNir)
        o["responsable_mail1"] = .texte(responsableMail1)
        o["responsable_mail2"] = .texte(responsableMail2)
        o["adresse"] = adresse?.json
        o["adresse_naissance"] = adresseNaissance?.json
        o["derniere_situation"] = .entier(derniereSituation)
        o["dernier_organisme_uai"] = .texte(dernierOrganismeUai)
        o["type_cfa"] = .texte(typeCfa)
        o["custom_statut_apprenant"] = .texte(customStatutApprenant)
        o["historique_statut"] = .liste(
            historiqueStatut.map { h in
                .objet([
                    ("valeur_statut", .entier(h.valeurStatut)), ("date_statut", .jour(h.dateStatut)),
                    ("date_reception", .instant(h.dateReception)),
                ])
            })
        return o.noeud
    }

    init(json v: JSONValue) throws {
        let o = try LectureJSON(v)
        self.init(
            ine: o.optionnel("ine"), nom: try o.texte("nom"), prenom: try o.texte("prenom"),
            dateDeNaissance: try o.jour("date_de_naissance"), courriel: o.optionnel("courriel"),
            telephone: o.optionnel("telephone"), sexe: o.optionnel("sexe"), rqth: o.booleen("rqth"),
            dateRqth: o.jourOptionnel("date_rqth"), hasNir: o.booleen("has_nir") ?? false,
            responsableMail1: o.optionnel("responsable_mail1"), responsableMail2: o.optionnel("responsable_mail2"),
            adresse: try o.objetOptionnel("adresse").map(Effectif.Adresse.init(json:)),
            adresseNaissance: try o.objetOptionnel("adresse_naissance").map(Effectif.Adresse.init(json:)),
            derniereSituation: o.entierOptionnel("derniere_situation"),
            dernierOrganismeUai: o.optionnel("dernier_organisme_uai"), typeCfa: o.optionnel("type_cfa"),
            customStatutApprenant: o.optionnel("custom_statut_apprenant"),
            historiqueStatut: try o.liste("historique_statut").map { h in
                let l = try LectureJSON(h)
                return Effectif.StatutHistorique(
                    valeurStatut: try l.entier("valeur_statut"), dateStatut: try l.jour("date_statut"),
                    dateReception: try l.instant("date_reception"))
            })
    }
}

extension Effectif.Adresse {
    var json: JSONTexte.Noeud {
        var o = ChampsJSON()
        o["complete"] = .texte(complete)
        o["code_postal"] = .texte(codePostal)
        o["code_insee"] = .texte(codeInsee)
        return o.noeud
    }

    init(json v: JSONValue) throws {
        let o = try LectureJSON(v)
        self.init(
            complete: o.optionnel("complete"), codePostal: o.optionnel("code_postal"),
            codeInsee: o.optionnel("code_insee"))
    }
}

extension Effectif.Formation {
    var json: JSONTexte.Noeud {
        var o = ChampsJSON()
        o["cfd"] = .texte(cfd)
        o["rncp"] = .texte(rncp)
        o["annee"] = .entier(annee)
        o["obtention_diplome"] = .booleen(obtentionDiplome)
        o["date_obtention_diplome"] = .jour(dateObtentionDiplome)
        o["date_exclusion"] = .jour(dateExclusion)
        o["cause_exclusion"] = .texte(causeExclusion)
        if let r = referentHandicap {
            var ref = ChampsJSON()
            ref["nom"] = .texte(r.nom)
            ref["prenom"] = .texte(r.prenom)
            ref["email"] = .texte(r.email)
            o["referent_handicap"] = ref.noeud
        }
        o["date_inscription"] = .jour(dateInscription)
        o["duree_theorique_mois"] = .entier(dureeTheoriqueMois)
        o["duree_formation_relle"] = .entier(dureeFormationRelle)
        o["formation_presentielle"] = .booleen(formationPresentielle)
        o["date_entree"] = .jour(dateEntree)
        o["date_fin"] = .jour(dateFin)
        return o.noeud
    }

    init(json v: JSONValue) throws {
        let o = try LectureJSON(v)
        self.init(
            cfd: o.optionnel("cfd"), rncp: o.optionnel("rncp"), annee: o.entierOptionnel("annee"),
            obtentionDiplome: o.booleen("obtention_diplome"),
            dateObtentionDiplome: o.jourOptionnel("date_obtention_diplome"),
            dateExclusion: o.jourOptionnel("date_exclusion"), causeExclusion: o.optionnel("cause_exclusion"),
            referentHandicap: try o.objetOptionnel("referent_handicap").map { r in
                let l = try LectureJSON(r)
                return Effectif.ReferentHandicap(
                    nom: l.optionnel("nom"), prenom: l.optionnel("prenom"), email: l.optionnel("email"))
            },
            dateInscription: try o.jour("date_inscription"),
            dureeTheoriqueMois: o.entierOptionnel("duree_theorique_mois"),
            dureeFormationRelle: o.entierOptionnel("duree_formation_relle"),
            formationPresentielle: o.booleen("formation_presentielle"), dateEntree: try o.jour("date_entree"),
            dateFin: try o.jour("date_fin"))
    }
}

extension Effectif.Contrat {
    var json: JSONTexte.Noeud {
        var o = ChampsJSON()
        o["date_debut"] = .jour(dateDebut)
        o["date_fin"] = .jour(dateFin)
        o["date_rupture"] = .jour(dateRupture)
        o["cause_rupture"] = .texte(causeRupture)
        o["siret"] = .texte(siret)
        return o.noeud
    }

    init(json v: JSONValue) throws {
        let o = try LectureJSON(v)
        self.init(
            dateDebut: o.jourOptionnel("date_debut"), dateFin: o.jourOptionnel("date_fin"),
            dateRupture: o.jourOptionnel("date_rupture"), causeRupture: o.optionnel("cause_rupture"),
            siret: o.optionnel("siret"))
    }
}

extension Effectif.LieuDeFormation {
    var json: JSONTexte.Noeud {
        var o = ChampsJSON()
        o["uai"] = .texte(uai)
        o["siret"] = .texte(siret)
        o["adresse"] = .texte(adresse)
        o["code_postal"] = .texte(codePostal)
        return o.noeud
    }

    init(json v: JSONValue) throws {
        let o = try LectureJSON(v)
        self.init(
            uai: o.optionnel("uai"), siret: o.optionnel("siret"), adresse: o.optionnel("adresse"),
            codePostal: o.optionnel("code_postal"))
    }
}

extension Parcours {
    /// `[{"date":"YYYY-MM-DD","valeur":"APPRENTI"}, …]`, as the API shows it.
    public var json: JSONTexte.Noeud {
        .liste(etapes.map { .objet([("date", .jour($0.date)), ("valeur", .texte($0.valeur.rawValue))]) })
    }

    /// Reads the stored form written by `json` directly from its bytes (the index reads millions at start-up);
    /// anything unexpected falls back to the general JSON reader.
    public init(texte: String) throws {
        var etapes: [EtapeParcours] = []
        var ok = true
        var t = texte
        t.withUTF8 { b in
            let date = Array(#""date":""#.utf8)
            let valeur = Array(#""valeur":""#.utf8)
            var i = 0
            func trouve(_ motif: [UInt8], _ depuis: Int) -> Int? {
                var k = depuis
                while k + motif.count <= b.count {
                    if b[k] == motif[0] && b[k + 1] == motif[1] && Array(b[k..<(k + motif.count)]) == motif {
                        return k + motif.count
                    }
                    k += 1
                }
                return nil
            }
            while let d = trouve(date, i) {
                guard d + 10 <= b.count, let jour = Jour.parsePrefix(Array(b[d..<(d + 10)])),
                    let v = trouve(valeur, d + 10)
                else {
                    ok = false
                    return
                }
                var f = v
                while f < b.count && b[f] != UInt8(ascii: "\"") { f += 1 }
                guard let s = StatutApprenant(rawValue: String(decoding: b[v..<f], as: UTF8.self)) else {
                    ok = false
                    return
                }
                etapes.append(EtapeParcours(date: jour, valeur: s))
                i = f
            }
        }
        if ok { self.init(etapes) } else { try self.init(json: AnalyseurJSON.analyser(texte)) }
    }

    public init(json v: JSONValue) throws {
        guard case .array(let items) = v else { throw ErreurLectureJSON(champ: "parcours") }
        self.init(
            try items.map { item in
                let o = try LectureJSON(item)
                return EtapeParcours(
                    date: try o.jour("date"), valeur: try o.requis("valeur", StatutApprenant.init(rawValue:)))
            })
    }
}
