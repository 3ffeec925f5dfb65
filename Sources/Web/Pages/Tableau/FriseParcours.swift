import Domain
import Foundation

/// A learner's status timeline drawn as a strip: one coloured segment per status from the training start to its
/// end, a tick at the chosen date; the same steps in words as its accessible name.
enum FriseParcours {
    static let couleurs: [StatutApprenant: String] = [
        .inscrit: "#18753c", .apprenti: "#000091", .rupturant: "#ce0500", .abandon: "#929292",
        .finDeFormation: "#6a6af4",
    ]

    static func svg(_ p: Parcours, debut: Jour, fin: Jour, aujourdhui: Jour) -> String {
        guard let premier = p.etapes.first else { return "" }
        let d0 = min(debut, premier.date)
        let d1 = max(fin, p.etapes.last!.date, d0.adding(days: 1))
        let etendue = Double(d1.rawValue - d0.rawValue)
        func x(_ j: Jour) -> Double { (Double(j.rawValue - d0.rawValue) / etendue * 200).rounded() }
        var segments = ""
        var mots: [String] = []
        for (k, e) in p.etapes.enumerated() {
            let finSegment = k + 1 < p.etapes.count ? p.etapes[k + 1].date : d1
            let largeur = max(1, x(finSegment) - x(e.date))
            segments +=
                "<rect x=\"\(x(e.date))\" y=\"2\" width=\"\(largeur)\" height=\"12\" fill=\"\(couleurs[e.valeur] ?? "#ccc")\"/>"
            mots.append(
                "\(ListesNominatives.libelleStatut(CodeStatut.code(e.valeur)).libelle) le \(Classeur.dateFrancaise(e.date))"
            )
        }
        let repere =
            aujourdhui >= d0 && aujourdhui <= d1
            ? "<line x1=\"\(x(aujourdhui))\" x2=\"\(x(aujourdhui))\" y1=\"0\" y2=\"16\" stroke=\"#161616\" stroke-width=\"2\"/>"
            : ""
        let titre = echapper(mots.joined(separator: ", puis "))
        return
            "<svg class=\"frise\" viewBox=\"0 0 200 16\" preserveAspectRatio=\"none\" role=\"img\" aria-label=\"\(titre)\" "
            + "xmlns=\"http://www.w3.org/2000/svg\"><title>\(titre)</title>\(segments)\(repere)</svg>"
    }
}
