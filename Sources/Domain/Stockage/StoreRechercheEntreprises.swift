import Foundation

/// The public search of CFAs by companies (issue 16): each CFA's public settings, and the anonymous count of
/// searches (month, trade, territory; nothing about who searched).
public protocol StoreRechercheEntreprises: Sendable {
    /// The organisme's public settings (the defaults when it never saved any).
    func contactPublic(organisme: OrganismeID) async throws -> ContactPublic
    /// The saved settings of every organisme that saved some.
    func contactsPublics() async throws -> [OrganismeID: ContactPublic]
    func enregistrer(contactPublic: ContactPublic, organisme: OrganismeID, now: Date) async throws
    /// Adds one to the searches of this month, trade and territory.
    func compterRecherche(_ r: RechercheComptee) async throws
    /// The counts of searches from month `depuis` (`AAAA-MM`, included) on, by month, trade and territory.
    func recherchesEntreprises(depuis mois: String) async throws -> [CompteRecherches]
}

/// One search, as counted: its month (`AAAA-MM`, Paris time), the ROME code, the kind and code of the territory.
public struct RechercheComptee: Sendable, Equatable, Hashable {
    public var mois: String
    public var codeRome: CodeROME
    public var typeTerritoire: String
    public var codeTerritoire: String

    public init(mois: String, codeRome: CodeROME, typeTerritoire: String, codeTerritoire: String) {
        self.mois = mois
        self.codeRome = codeRome
        self.typeTerritoire = typeTerritoire
        self.codeTerritoire = codeTerritoire
    }
}

/// How many searches of one month, trade and territory.
public struct CompteRecherches: Sendable, Equatable {
    public var recherche: RechercheComptee
    public var nombre: Int

    public init(recherche: RechercheComptee, nombre: Int) {
        self.recherche = recherche
        self.nombre = nombre
    }
}
