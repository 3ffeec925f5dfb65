import Domain
import IndexEffectifs
import Logging

/// Everything a handler may use, passed in by the composition root (`App`).
public struct Dependances: Sendable {
    public let store: any Store
    public let horloge: Horloge
    public let logger: Logger
    public let comptes: Comptes
    public let pages: Pages
    /// `Secure` on cookies; off only for plain-HTTP tests (`TDB_COOKIES_NON_SECURISES`).
    public let cookiesSecurises: Bool
    /// The in-memory indicator index, kept up to date by every accepted batch.
    public let index: IndexIndicateurs
    public let metriques: MetriquesService
    public let cookies: NomsCookies
    /// The public views (home, national page and API), computed once per request and index generation.
    public let cachePublic = CacheVuesPubliques()
    /// The missions locales' cases in memory, following the store's changes (work lists, statistics).
    public let suivis = SuivisEnMemoire()
    /// The CFAs' lists of young people in rupture last viewed, brought up to date with what changed.
    public let rupturesCFA = RupturesCFAEnMemoire()
    /// `Strict-Transport-Security` is sent when the public address is HTTPS.
    public let hsts: Bool
    /// `GET /metrics` answers only with `Authorization: Bearer <this>` (`TDB_METRICS_TOKEN`); without it, 404.
    public let jetonMetriques: String?
    /// Peers whose `X-Forwarded-For` is believed (`TDB_PROXIES_DE_CONFIANCE`): see `AdresseClient`.
    public let proxiesDeConfiance: Set<String>
    /// Rate limits, counted in the database.
    public let limiteur: Limiteur
    /// API keys over their limit on this instance, refused without a query until their window ends.
    public let refusRecents = RefusRecents()
    /// The service's contact address, shown on the contact, error and help pages (`TDB_CONTACT`).
    public let contact: String
    /// The rules of the missions locales' cases (`TDB_SUIVI_DEPUIS`): the lists read them at today's date.
    public let reglesSuivi: ReglesSuivi

    public init(
        store: any Store, horloge: Horloge, logger: Logger, secrets: any Secrets, pages: Pages,
        urlPublique: String, cookiesSecurises: Bool = true, index: IndexIndicateurs,
        metriques: MetriquesService = MetriquesService(), jetonMetriques: String? = nil,
        proxiesDeConfiance: Set<String> = [], reglesLimites: ReglesLimites = .reference,
        contact: String = Contact.parDefaut, reglesSuivi: ReglesSuivi = ReglesSuivi()
    ) {
        self.contact = contact
        self.reglesSuivi = reglesSuivi
        self.cookies = NomsCookies(securises: cookiesSecurises)
        self.hsts = urlPublique.lowercased().hasPrefix("https://")
        self.jetonMetriques = jetonMetriques
        self.proxiesDeConfiance = Set(proxiesDeConfiance.map(AdresseClient.normaliser))
        limiteur = Limiteur(store: store, horloge: horloge, regles: reglesLimites)
        self.index = index
        self.metriques = metriques
        self.store = store
        self.horloge = horloge
        self.logger = logger
        self.pages = pages
        self.cookiesSecurises = cookiesSecurises
        comptes = Comptes(store: store, secrets: secrets, horloge: horloge, urlPublique: urlPublique)
    }
}
