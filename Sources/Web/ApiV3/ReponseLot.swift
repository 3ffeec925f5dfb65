import Domain
import Foundation

/// The response to a batch, in the shape of the national API (domain §2.4): every item as sent (without
/// `nir_apprenant`) with its verdict. Unlike the national service, the verdict is final: accepted items are
/// already stored, and business errors are already in `validation_errors`.
enum ReponseLot {
    static func ecrire(_ r: Ingestion.Resultat, items: [JSONValue]) -> String {
        let lot = r.lot
        let maintenant = JSONTexte.Noeud.texte(horodatageISO(lot.recuLe))
        let jour = JSONTexte.Noeud.texte(Jour(lot.recuLe).description)
        let enregistres = Dictionary(uniqueKeysWithValues: r.enregistres.map { ($0.index, $0) })
        var out: [UInt8] = []
        out.reserveCapacity(lot.items.count * 1200)
        let rejetes = r.nombreRejetes
        var racine: [(String, JSONTexte.Noeud)] = [("status", .texte("OK")), ("message", .texte("Queued"))]
        if rejetes > 0 { racine.append(("detail", .texte("Some data are invalid"))) }
        racine.append(("resume", .objet([
            ("recus", .entier(lot.items.count)), ("acceptes", .entier(lot.items.count - rejetes)), ("rejetes", .entier(rejetes)),
        ])))
        JSONTexte.ecrire(.objet(racine), into: &out)
        out.removeLast()  // the closing brace: `data` follows
        out.append(contentsOf: #","data":["#.utf8)
        // Each item's text is written on every core, then joined in order.
        let source = lot.source.rawValue, transmetteur = lot.transmetteur.description
        let fragments = lot.items.carteParallele { item -> [UInt8] in
            var fragment: [UInt8] = []
            fragment.reserveCapacity(item.echo.utf8.count + 400)
            // The item as sent (already written as JSON), then its verdict.
            fragment.append(contentsOf: item.echo.utf8.dropLast())
            let nir: Bool = {
                if case .object(let o) = items[item.index] { return o["nir_apprenant"]?.isTruthy ?? false }
                return false
            }()
            let e = enregistres[item.index]
            var pairs: [(String, JSONTexte.Noeud)] = [
                ("has_nir", .booleen(nir)),
                ("validation_errors", .liste(item.erreurs.map { err in
                    .objet([("message", .texte(err.message)), ("path", .liste(err.path.map { .texte($0) }))])
                })),
                ("has_error", .booleen(!item.erreurs.isEmpty)),
                ("source", .texte(source)),
                ("source_organisme_id", .texte(transmetteur)),
                ("api_version", .texte("v3")),
                ("created_at", maintenant), ("updated_at", maintenant), ("processed_at", maintenant),
                ("computed_day", jour),
                ("_id", .texte(e.map { String($0.transmissionId) })),
            ]
            if let effectif = e?.effectifId, let organisme = e?.organismeId {
                pairs += [("effectif_id", .texte(effectif.description)), ("organisme_id", .texte(organisme.description))]
            }
            var suite: [UInt8] = []
            JSONTexte.ecrire(.objet(pairs), into: &suite)
            if item.echo.utf8.count > 2 { fragment.append(UInt8(ascii: ",")) }
            fragment.append(contentsOf: suite.dropFirst())
            return fragment
        }
        for (n, f) in fragments.enumerated() {
            if n > 0 { out.append(UInt8(ascii: ",")) }
            out.append(contentsOf: f)
        }
        out.append(contentsOf: "]}".utf8)
        return String(decoding: out, as: UTF8.self)
    }
}
