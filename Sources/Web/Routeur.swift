import Domain
import Foundation
import Hummingbird
import Outils

/// The site map: every route of the service, in one place, grouped by who may call it. Each group's middlewares
/// (`Infra/Gardes.swift`, `CsrfMiddleware`) refuse the other callers before any handler runs; handlers that need
/// the caller receive it as an argument (`GroupeRoutes`). A path no route takes answers 404, a known path called
/// with another method 405 with `Allow` (`RoutesInconnues`); HEAD is answered wherever GET is.
public func construireRouteur(_ deps: Dependances) -> Router<ContexteRequete> { construirePlanDuSite(deps).routeur }

/// The router and its routes with who may call each (tests go through every route of each group).
public func construirePlanDuSite(_ deps: Dependances) -> (routeur: Router<ContexteRequete>, routes: [RouteDuPlan]) {
    let plan = RegistrePlan()
    let router = Router(context: ContexteRequete.self, options: .autoGenerateHeadEndpoints)
    router.add(middleware: MetriquesMiddleware(metriques: deps.metriques, logger: deps.logger))
    router.add(middleware: EntetesSecurite(hsts: deps.hsts))
    router.add(middleware: ErreursMiddleware(deps: deps))
    router.add(middleware: GardeParametres())
    router.add(middleware: IdentiteMiddleware(comptes: deps.comptes, cookies: deps.cookies))

    let exploitation = ApiExploitation(deps: deps)
    let auth = ApiAuth(deps: deps)
    let apiIndicateurs = ApiIndicateurs(deps: deps)
    let apiOrganismes = ApiOrganismes(deps: deps)
    let apiV3 = ApiV3Routes(deps: deps)
    let publiques = PagesPubliques(deps: deps)
    let indicateurs = PagesIndicateurs(deps: deps)
    let organismes = PagesOrganisme(deps: deps)
    let listes = ListesNominatives(deps: deps)
    let docs = PageApiDocs(deps: deps)
    let espace = EspaceCompte(deps: deps)
    let admin = Administration(deps: deps)
    let donnees = AdministrationDonnees(deps: deps)
    let information = PagesInformation(deps: deps)
    let csrf = CsrfMiddleware(cookies: deps.cookies)

    // Public: anyone. Form POSTs carry the CSRF value of the cookie (double submit).
    let api = GroupeRoutes<Void>(router.group(), .publique, plan)
    api.get("/api/healthcheck", use: exploitation.sante)
    api.get("/api/openapi.json", use: exploitation.openAPI)
    api.get("/api/v1/indicateurs/national", use: apiIndicateurs.national)
    api.post("/api/v1/auth/login", use: auth.login)
    let pages = GroupeRoutes<Void>(router.group().add(middleware: csrf), .publique, plan)
    pages.get("/public/style.css", use: publiques.feuilleDeStyle)
    pages.get("/public/favicon.svg", use: publiques.icone)
    pages.get("/", use: publiques.accueil)
    pages.get("/indicateurs/national", use: indicateurs.national)
    pages.get("/api/docs", use: docs.page)
    pages.get("/connexion", use: publiques.pageConnexion)
    pages.post("/connexion", use: publiques.connexion)
    pages.post("/deconnexion", use: publiques.deconnexion)
    pages.get("/inscription", use: publiques.pageInscription)
    pages.post("/inscription", use: publiques.inscription)
    pages.get("/confirmation", use: publiques.confirmation)
    pages.get("/mot-de-passe-oublie", use: publiques.pageMotDePasseOublie)
    pages.post("/mot-de-passe-oublie", use: publiques.motDePasseOublie)
    pages.get("/reinitialisation", use: publiques.pageReinitialisation)
    pages.post("/reinitialisation", use: publiques.reinitialisation)
    pages.get("/invitation", use: publiques.invitationPage)
    pages.post("/invitation", use: publiques.invitation)
    pages.get("/accessibilite", use: information.accessibilite)
    pages.get("/mentions-legales", use: information.mentionsLegales)
    pages.get("/donnees-personnelles", use: information.donneesPersonnelles)
    pages.get("/contact", use: information.contact)
    // Companies find the CFAs training for a trade around them (issue 16): no account.
    let recruter = PagesRecruterUnApprenti(deps: deps)
    pages.get("/recruter-un-apprenti", use: recruter.page)
    pages.get("/recruter-un-apprenti/metiers", use: recruter.metiers)
    pages.get("/public/recherche-metiers.js", use: recruter.fichierScript)
    // A young person's personal page (issue 15): the token of the path is the key; never indexed, rate-limited.
    let jeunes = PagesJeunes(deps: deps)
    let pagesJeunes = GroupeRoutes<Void>(
        router.group().add(middleware: SansIndexation(deps: deps)).add(middleware: csrf), .publique, plan)
    pagesJeunes.get("/jeunes/:jeton", use: jeunes.page)
    pagesJeunes.post("/jeunes/:jeton", use: jeunes.repondre)
    // A company's request to a CFA (issue 16), without an account; the confirmation link is never indexed.
    let entreprises = PagesDemandesEntreprises(deps: deps)
    pages.get("/recruter-un-apprenti/contact", use: entreprises.formulaire)
    pages.post("/recruter-un-apprenti/contact", use: entreprises.envoyer)
    pagesJeunes.get("/recruter-un-apprenti/confirmer/:jeton", use: entreprises.pageConfirmation)
    pagesJeunes.post("/recruter-un-apprenti/confirmer/:jeton", use: entreprises.confirmer)

    // The operator: the bearer token `TDB_METRICS_TOKEN` (404 without it).
    let operateur = GroupeRoutes<Void>(
        router.group().add(middleware: ExigeJetonMetriques(jeton: deps.jetonMetriques)),
        .operateur, plan)
    operateur.get("/metrics", use: exploitation.metriques)

    // Signed in: 401 otherwise (a redirection to the sign-in page outside the API).
    let apiConnecte = GroupeRoutes<Identite>(router.group().add(middleware: ExigeConnexion()), .connecte, plan)
    apiConnecte.post("/api/v1/auth/logout", use: auth.logout)
    apiConnecte.get("/api/v1/session", use: auth.session)
    apiConnecte.get("/api/v1/organismes/:id", use: apiOrganismes.fiche)
    let connecte = GroupeRoutes<Identite>(
        router.group().add(middleware: csrf).add(middleware: ExigeConnexion()), .connecte,
        plan)
    connecte.get("/mon-compte", use: espace.monCompte)
    connecte.post("/mon-compte/mot-de-passe", use: espace.changerMotDePasse)
    connecte.post("/mon-compte/contact-missions-locales", use: espace.contactMissionsLocales)
    let notifications = PreferencesNotificationsPage(deps: deps)
    connecte.get("/mon-compte/notifications", use: notifications.page)
    connecte.post("/mon-compte/notifications", use: notifications.enregistrer)
    connecte.get("/ma-structure", use: espace.pageMaStructure)
    connecte.post("/ma-structure/invitations", use: espace.inviter)
    connecte.post("/ma-structure/membres/:id/valider", use: espace.membre(.valider))
    connecte.post("/ma-structure/membres/:id/rejeter", use: espace.membre(.rejeter))
    connecte.post("/ma-structure/membres/:id/suspendre", use: espace.membre(.suspendre))
    connecte.post("/ma-structure/membres/:id/reactiver", use: espace.membre(.reactiver))
    connecte.post("/ma-structure/membres/:id/supprimer", use: espace.membre(.supprimer))
    connecte.post("/ma-structure/cles", use: espace.creerCle)
    connecte.get("/ma-structure/cles/:id/revoquer", use: espace.confirmerRevocationCle)
    connecte.post("/ma-structure/cles/:id/revoquer", use: espace.revoquerCle)
    // A mission locale's own settings: its members only (403 for anyone else, decided by the handler).
    let parametresMissionLocale = ParametresMissionLocalePage(deps: deps)
    connecte.get("/mission-locale/parametres", use: parametresMissionLocale.page)
    connecte.post("/mission-locale/parametres", use: parametresMissionLocale.enregistrer)

    // Capability-guarded: signed in, with a non-empty perimeter for the capability (403 otherwise). Access to one
    // organisme is then decided by the handler, which reads it.
    let apiVoirIndicateurs = GroupeRoutes<Identite>(
        router.group().add(middleware: ExigeCapacite(.voirIndicateurs)),
        .capacite, plan)
    apiVoirIndicateurs.get("/api/v1/indicateurs/effectifs", use: apiIndicateurs.effectifs)
    apiVoirIndicateurs.get("/api/v1/indicateurs/effectifs/par-departement", use: apiIndicateurs.par(.departement))
    apiVoirIndicateurs.get("/api/v1/indicateurs/effectifs/par-region", use: apiIndicateurs.par(.region))
    apiVoirIndicateurs.get("/api/v1/indicateurs/effectifs/par-academie", use: apiIndicateurs.par(.academie))
    apiVoirIndicateurs.get("/api/v1/indicateurs/effectifs/par-organisme", use: apiIndicateurs.par(.organisme))
    apiVoirIndicateurs.get("/api/v1/indicateurs/effectifs/par-formation", use: apiIndicateurs.par(.formation))
    apiVoirIndicateurs.get("/api/v1/indicateurs/effectifs/evolution", use: apiIndicateurs.evolution)
    let apiVoirTransmissions = GroupeRoutes<Identite>(
        router.group().add(middleware: ExigeCapacite(.voirTransmissions)),
        .capacite, plan)
    apiVoirTransmissions.get("/api/v1/indicateurs/organismes", use: apiIndicateurs.organismes)
    let voirIndicateurs = GroupeRoutes<Identite>(
        router.group().add(middleware: csrf).add(middleware: ExigeCapacite(.voirIndicateurs)), .capacite, plan)
    voirIndicateurs.get("/indicateurs", use: indicateurs.perimetre)
    voirIndicateurs.get("/indicateurs/csv/:tableau", use: indicateurs.csv)
    voirIndicateurs.get("/organismes/:id", use: organismes.page)
    let voirTransmissions = GroupeRoutes<Identite>(
        router.group().add(middleware: csrf).add(middleware: ExigeCapacite(.voirTransmissions)), .capacite, plan)
    voirTransmissions.get("/organismes/:id/transmissions", use: organismes.transmissions)
    // A named list: the capability of the list named by the path (404 for a name that is no list).
    let listeNominative = GroupeRoutes<Identite>(
        router.group().add(middleware: csrf).add(middleware: ExigeCapacite(selon: ListesNominatives.capacite)),
        .capacite, plan)
    listeNominative.get("/listes/:indicateur", use: listes.page)
    listeNominative.get("/listes/:indicateur/telechargement", use: listes.telechargement)
    // The follow-up statistics of the missions locales of the perimeter (counts only).
    let statistiquesSuivi = StatistiquesSuivi(deps: deps)
    let apiStatistiquesSuivi = GroupeRoutes<Identite>(
        router.group().add(middleware: ExigeCapacite(.statistiquesSuivi)), .capacite, plan)
    apiStatistiquesSuivi.get("/api/v1/suivi/statistiques", use: statistiquesSuivi.api)
    let voirStatistiquesSuivi = GroupeRoutes<Identite>(
        router.group().add(middleware: csrf).add(middleware: ExigeCapacite(.statistiquesSuivi)), .capacite, plan)
    voirStatistiquesSuivi.get("/suivi/statistiques", use: statistiquesSuivi.page)
    voirStatistiquesSuivi.get("/suivi/statistiques.csv", use: statistiquesSuivi.csv)
    // The companies' searches and requests of the perimeter (counts only, F18).
    let statistiquesEntreprises = StatistiquesEntreprisesPage(deps: deps)
    let apiStatistiquesEntreprises = GroupeRoutes<Identite>(
        router.group().add(middleware: ExigeCapacite(.statistiquesEntreprises)), .capacite, plan)
    apiStatistiquesEntreprises.get("/api/v1/entreprises/statistiques", use: statistiquesEntreprises.api)
    let voirStatistiquesEntreprises = GroupeRoutes<Identite>(
        router.group().add(middleware: csrf).add(middleware: ExigeCapacite(.statistiquesEntreprises)), .capacite,
        plan)
    voirStatistiquesEntreprises.get("/entreprises/statistiques", use: statistiquesEntreprises.page)
    // A mission locale's cases (F16): its own users only.
    let missionLocale = PagesMissionLocale(deps: deps)
    let suiviMissionLocale = GroupeRoutes<Identite>(
        router.group().add(middleware: csrf).add(middleware: ExigeCapacite(.suiviMissionLocale)), .capacite, plan)
    suiviMissionLocale.get("/mission-locale", use: missionLocale.liste)
    suiviMissionLocale.get("/mission-locale/telechargement", use: missionLocale.telechargement)
    suiviMissionLocale.get("/mission-locale/suivis/:id", use: missionLocale.suivi)
    suiviMissionLocale.post("/mission-locale/suivis/:id", use: missionLocale.enregistrer)
    suiviMissionLocale.post("/mission-locale/suivis/:id/invitation", use: InvitationJeunePage(deps: deps).inviter)
    suiviMissionLocale.post("/mission-locale/suivis/:id/commentaires", use: missionLocale.commenter)
    // A training organisation's young people in rupture and its requests to the missions locales (F17).
    let cfa = PagesCFARuptures(deps: deps)
    let rupturesCFA = GroupeRoutes<Identite>(
        router.group().add(middleware: csrf).add(middleware: ExigeCapacite(.listeRupturants)), .capacite, plan)
    rupturesCFA.get("/cfa/ruptures", use: cfa.liste)
    rupturesCFA.get("/cfa/ruptures/telechargement", use: cfa.telechargement)
    let envoiAutomatique = EnvoiAutomatiquePage(deps: deps)
    rupturesCFA.get("/cfa/ruptures/envoi-automatique", use: envoiAutomatique.page)
    rupturesCFA.post("/cfa/ruptures/envoi-automatique", use: envoiAutomatique.enregistrer)
    let declarations = DeclarationsRupturePage(deps: deps)
    rupturesCFA.get("/cfa/ruptures/declarer", use: declarations.apprentis)
    rupturesCFA.get("/cfa/ruptures/declarer/:id", use: declarations.formulaire)
    rupturesCFA.post("/cfa/ruptures/declarer/:id", use: declarations.declarer)
    rupturesCFA.post("/cfa/ruptures/:id/declaration/retrait", use: declarations.retirer)
    rupturesCFA.get("/cfa/ruptures/:id", use: cfa.fiche)
    rupturesCFA.get("/cfa/ruptures/:id/collaboration", use: cfa.formulaire)
    rupturesCFA.post("/cfa/ruptures/:id/collaboration", use: cfa.demander)
    rupturesCFA.post("/cfa/ruptures/:id/commentaires", use: cfa.commenter)
    // The companies' requests to a CFA (issue 16), for the organismes it covers as for its ruptures.
    let cfaEntreprises = PagesCFAEntreprises(deps: deps)
    let entreprisesCFA = GroupeRoutes<Identite>(
        router.group().add(middleware: csrf).add(middleware: ExigeCapacite(.listeRupturants)), .capacite, plan)
    entreprisesCFA.get("/cfa/entreprises", use: cfaEntreprises.liste)
    entreprisesCFA.get("/cfa/entreprises/:id", use: cfaEntreprises.fiche)
    entreprisesCFA.post("/cfa/entreprises/:id/statut", use: cfaEntreprises.changerStatut)
    entreprisesCFA.post("/cfa/entreprises/:id/reponse", use: cfaEntreprises.repondre)
    // Issue 16: a CFA's presence and contact in the companies' public search (its administrators).
    let parametresEntreprises = ParametresEntreprisesPage(deps: deps)
    rupturesCFA.get("/cfa/entreprises/parametres", use: parametresEntreprises.page)
    rupturesCFA.post("/cfa/entreprises/parametres", use: parametresEntreprises.enregistrer)

    // Platform administrators: 403 for anyone else.
    let administrateur = GroupeRoutes<Identite>(
        router.group().add(middleware: csrf).add(middleware: ExigeConnexion()).add(middleware: ExigeAdministrateur()),
        .administrateur, plan)
    let adminComptes = AdministrationComptes(deps: deps)
    let adminOrganisations = AdministrationOrganisations(deps: deps)
    administrateur.get("/admin/utilisateurs", use: adminComptes.liste)
    administrateur.post("/admin/utilisateurs/:id/valider", use: adminComptes.action(.valide))
    administrateur.get("/admin/utilisateurs/:id/rejeter", use: adminComptes.pageRejet)
    administrateur.post("/admin/utilisateurs/:id/rejeter", use: adminComptes.rejeter)
    administrateur.post("/admin/utilisateurs/:id/suspendre", use: adminComptes.action(.suspendu))
    administrateur.post("/admin/utilisateurs/:id/reactiver", use: adminComptes.action(.reactive))
    administrateur.post("/admin/utilisateurs/:id/supprimer", use: adminComptes.action(.supprime))
    administrateur.post("/admin/utilisateurs/:id/role", use: adminComptes.action(.role))
    administrateur.get("/admin/organisations", use: adminOrganisations.organisations)
    administrateur.post("/admin/organisations/:id/incarner", use: adminOrganisations.incarner)
    administrateur.post("/admin/organismes/:id/incarner", use: adminOrganisations.incarnerOrganisme)
    administrateur.post("/admin/incarnation/fin", use: admin.finIncarnation)
    administrateur.get("/admin/emails", use: admin.courriels)
    administrateur.get("/admin/retention", use: donnees.retention)
    administrateur.get("/admin/journal", use: donnees.journal)
    administrateur.get("/admin/journal.csv", use: donnees.journalCSV)
    administrateur.get("/admin/apprenants", use: donnees.apprenants)
    administrateur.get("/admin/apprenants/export", use: donnees.exporter)
    administrateur.post("/admin/apprenants/effacer", use: donnees.effacer)
    administrateur.get("/admin/maintenance", use: admin.pageMaintenance)
    administrateur.post("/admin/maintenance", use: admin.maintenance)

    // API key (API v3, compatible with the national API): `Authorization: Bearer <key>`, 403 otherwise.
    let cleApi = GroupeRoutes<CleApi>(router.group().add(middleware: ExigeCleApi(deps: deps)), .cleApi, plan)
    cleApi.post("/api/v3/dossiers-apprenants", use: apiV3.recevoirDossiers)
    cleApi.post("/api/v3/dossiers-apprenants/test", use: apiV3.testerCle)
    cleApi.get("/api/v3/effectifs", use: apiV3.listerEffectifs)

    // Last, so that it wraps only the answer to requests no route above takes.
    router.add(middleware: RoutesInconnues(routes: router.routes.map { ($0.path, $0.method) }))
    return (router, plan.routes)
}

/// The OpenAPI description of the API, shipped as a resource.
enum DocumentOpenAPI {
    static let texte: String = {
        guard let url = Bundle.module.url(forResource: "openapi", withExtension: "json", subdirectory: "Resources"),
            let text = try? String(contentsOf: url, encoding: .utf8)
        else { preconditionFailure("openapi.json manquant dans les ressources de Web") }
        return text
    }()
}
