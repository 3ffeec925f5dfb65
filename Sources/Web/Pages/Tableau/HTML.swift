import Domain
import Foundation

/// Escapes text for HTML content and attribute values (pieces written outside the templates: SVG figures), as the
/// notification e-mails do.
func echapper(_ s: String) -> String { CourrielNotification.echapper(s) }

/// `12 345` with a narrow no-break space, as French typography writes numbers.
func nombre(_ n: Int) -> String {
    let chiffres = String(abs(n))
    var groupes: [Substring] = []
    var fin = chiffres.endIndex
    while fin > chiffres.startIndex {
        let debut = chiffres.index(fin, offsetBy: -3, limitedBy: chiffres.startIndex) ?? chiffres.startIndex
        groupes.insert(chiffres[debut..<fin], at: 0)
        fin = debut
    }
    return (n < 0 ? "−" : "") + groupes.joined(separator: "\u{202F}")
}

/// `15 mars 2025`.
func dateLongue(_ j: Jour) -> String {
    let mois = [
        "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre",
        "décembre",
    ]
    let (y, m, d) = j.components
    return "\(d == 1 ? "1er" : String(d)) \(mois[m - 1]) \(y)"
}

/// `mars 2025`.
func moisLong(_ j: Jour) -> String {
    let (y, _, _) = j.components
    return String(dateLongue(j).split(separator: " ").dropFirst().first ?? "") + " \(y)"
}
