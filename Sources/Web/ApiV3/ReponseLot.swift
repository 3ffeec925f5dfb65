import Domain
import Foundation
import Outils

/// The response to a batch, in the shape of the national API (domain §2.4): every item as sent (without
/// `nir_apprenant`) with its verdict. Unlike the national service, the verdict is final: accepted items are
/// already stored, and business errors are already in `validation_errors`.
///
/// Each item's text but its ids is written on the other cores while the batch is being stored (`preparer`), then
/// the ids given by the store are appended (`ecrire`).
struct ReponseLot {
    let lot: LotPrepare
    private let fragments: ProductionParTranches<[UInt8]>

    static func preparer(_ lot: LotPrepare, items: [JSONValue]) -> ReponseLot {
        let maintenant = JSONTexte.Noeud.texte(horodatageISO(lot.recuLe))
        // The fields that are the same for every item, written once.
        var commun: [UInt8] = []
        JSONTexte.ecrire(
            .objet([
                ("source", .texte(lot.source.rawValue)), ("source_organisme_id", .texte(lot.transmetteur.description)),
                ("api_version", .texte("v3")), ("created_at", maintenant), ("updated_at", maintenant),
                ("processed_at", maintenant), ("computed_day", .texte(Jour(lot.recuLe).description)),
            ]), into: &commun)
        commun[0] = UInt8(ascii: ",")
        commun.removeLast()  // without its closing brace: the ids follow
        return ReponseLot(
            lot: lot,
            fragments: ProductionParTranches(lot.items) { [commun] item -> [UInt8] in
                // The item as sent (already written as JSON for a rejected one), then its verdict up to its ids.
                let echo = item.erreurs.isEmpty ? ChampsDossier.echo(items[item.index]) : item.echo
                var fragment: [UInt8] = []
                fragment.reserveCapacity(echo.utf8.count + commun.count + 100)
                fragment.append(contentsOf: echo.utf8.dropLast())
                if echo.utf8.count > 2 { fragment.append(UInt8(ascii: ",")) }
                let nir: Bool = {
                    if case .object(let o) = items[item.index] { return o["nir_apprenant"]?.isTruthy ?? false }
                    return false
                }()
                fragment.append(contentsOf: #""has_nir":\#(nir),"validation_errors":"#.utf8)
                JSONTexte.ecrire(
                    .liste(
                        item.erreurs.map { err in
                            .objet([("message", .texte(err.message)), ("path", .liste(err.path.map { .texte($0) }))])
                        }), into: &fragment)
                fragment.append(contentsOf: #","has_error":\#(!item.erreurs.isEmpty)"#.utf8)
                fragment.append(contentsOf: commun)
                return fragment
            })
    }

    /// The whole response, once the store has said what it wrote.
    func ecrire(_ r: Ingestion.Resultat) -> [UInt8] {
        let enregistres = Dictionary(uniqueKeysWithValues: r.enregistres.map { ($0.index, $0) })
        var out: [UInt8] = []
        out.reserveCapacity(lot.items.count * 1200)
        let rejetes = r.nombreRejetes
        var racine: [(String, JSONTexte.Noeud)] = [("status", .texte("OK")), ("message", .texte("Queued"))]
        if rejetes > 0 { racine.append(("detail", .texte("Some data are invalid"))) }
        racine.append(
            (
                "resume",
                .objet([
                    ("recus", .entier(lot.items.count)), ("acceptes", .entier(lot.items.count - rejetes)),
                    ("rejetes", .entier(rejetes)),
                ])
            ))
        JSONTexte.ecrire(.objet(racine), into: &out)
        out.removeLast()  // the closing brace: `data` follows
        out.append(contentsOf: #","data":["#.utf8)
        for (n, item) in lot.items.enumerated() {
            if n > 0 { out.append(UInt8(ascii: ",")) }
            out.append(contentsOf: fragments[n])
            let e = enregistres[item.index]
            var ids: [(String, JSONTexte.Noeud)] = [("_id", .texte(e.map { String($0.transmissionId) }))]
            if let effectif = e?.effectifId, let organisme = e?.organismeId {
                ids += [("effectif_id", .texte(effectif.description)), ("organisme_id", .texte(organisme.description))]
            }
            var suite: [UInt8] = []
            JSONTexte.ecrire(.objet(ids), into: &suite)
            out.append(UInt8(ascii: ","))
            out.append(contentsOf: suite.dropFirst())  // its closing brace closes the item
        }
        out.append(contentsOf: "]}".utf8)
        return out
    }
}
