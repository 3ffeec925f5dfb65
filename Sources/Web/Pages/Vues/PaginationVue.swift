import Mustache

/// The pagination of every paged page (`pagination` partial): previous and next links, the first and last pages,
/// the current page and its neighbours, an ellipsis for each run of pages left out (1 … 4 5 6 … 20). Targets are at
/// least 24 px (`.pagination a` in the stylesheet). None when the list holds a single page.
struct PaginationVue: Sendable {
    /// A page link, the current page, or an ellipsis standing for the pages left out.
    struct Element: Sendable, Equatable {
        let numero: Int
        let lien: String
        let courante: Bool
        let ellipse: Bool
    }

    let precedente: String?
    let suivante: String?
    let elements: [Element]
    let resume: String

    /// Pages kept around the current one (on each side).
    static let voisines = 1

    /// `numero` of `pages`, `lien` giving each page's address. A page number past the end keeps the links to the
    /// real pages (the list may have shrunk since the link was made).
    static func construire(numero: Int, pages: Int, lien: (Int) -> String) -> PaginationVue? {
        guard pages > 1 else { return nil }
        return PaginationVue(
            precedente: numero > 1 ? lien(min(numero - 1, pages)) : nil,
            suivante: numero < pages ? lien(numero + 1) : nil,
            elements: numeros(numero: numero, pages: pages).map { n in
                n == 0
                    ? Element(numero: 0, lien: "", courante: false, ellipse: true)
                    : Element(numero: n, lien: lien(n), courante: n == numero, ellipse: false)
            },
            resume: "Page \(numero) sur \(pages)")
    }

    /// The page numbers shown, 0 for an ellipsis. A gap of a single page shows that page rather than "…".
    static func numeros(numero: Int, pages: Int) -> [Int] {
        let centre = min(max(numero, 1), pages)
        let gardes = Set([1, pages] + Array(max(1, centre - voisines)...min(pages, centre + voisines))).sorted()
        var resultat: [Int] = []
        for n in gardes {
            if let precedent = resultat.last {
                if n - precedent == 2 {
                    resultat.append(precedent + 1)
                } else if n - precedent > 2 {
                    resultat.append(0)
                }
            }
            resultat.append(n)
        }
        return resultat
    }
}

extension PaginationVue.Element: MustacheParent {
    func child(named champ: String) -> Any? {
        switch champ {
        case "numero": numero
        case "lien": lien
        case "courante": courante
        case "ellipse": ellipse
        default: nil
        }
    }
}
