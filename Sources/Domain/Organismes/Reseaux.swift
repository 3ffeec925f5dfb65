/// The networks of CFAs (`reseaux.csv`). A `responsable` réseau gives its tête de réseau the named lists.
public struct Reseau: Sendable, Equatable {
    public let cle: String
    public let nom: String
    public let responsable: Bool

    public static let reference: [Reseau] = Ressources.csv("reseaux").map {
        Reseau(cle: $0["key"] ?? "", nom: $0["nom"] ?? "", responsable: $0["responsable"] == "true")
    }

    public static func nomme(_ cle: String) -> Reseau? { reference.first { $0.cle == cle } }
}
