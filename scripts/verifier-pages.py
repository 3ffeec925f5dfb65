#!/usr/bin/env python3
"""End-to-end check of the main pages in headless Chromium, at phone and desktop widths, on a real `tdb serve`
filled with a small demo country. Fails on a missing element, a console error, a failed request, or a page wider
than a phone screen. Saves a screenshot of each page and width in the folder given (default: ./captures).
    python3 scripts/verifier-pages.py [--binaire .build/debug/tdb] [--captures captures] [--effectifs 20000]
"""
import argparse, datetime, os, re, subprocess
from playwright.sync_api import sync_playwright
from serveur_demo import ADMIN, conclure, arreter, connecter, lancer, navigateur

LARGEURS = {"telephone": (375, 812), "bureau": (1280, 900)}


def verifier(page, url, nom, attendus, captures, largeur, erreurs):
    problemes = []
    page.goto(url, wait_until="load")
    for selecteur in attendus:
        if page.locator(selecteur).count() == 0:
            problemes.append(f"élément absent : {selecteur}")
    debordement = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    if debordement > 1:
        problemes.append(f"la page déborde de {debordement} px en largeur")
    if erreurs:
        problemes.extend(erreurs)
        erreurs.clear()
    page.screenshot(path=os.path.join(captures, f"{nom}-{largeur}.png"), full_page=False)
    return [f"{nom} ({largeur}) : {p}" for p in problemes]


def demande_entreprise(chromium, w, h, adresse, organisme, args, serveur, largeur):
    """A company writes to the demo CFA without an account: the form empty then filled, the confirmation link read
    from the outbox (`tdb emails`), the confirmation page."""
    echecs, erreurs = [], []
    contexte = chromium.new_context(viewport={"width": w, "height": h}, locale="fr-FR")
    page = contexte.new_page()
    page.on("console", lambda m: erreurs.append(f"console : {m.text}") if m.type == "error" else None)
    page.on("response", lambda r: erreurs.append(f"HTTP {r.status} : {r.url}") if r.status >= 400 else None)
    echecs += verifier(page, adresse + f"/recruter-un-apprenti/contact?organisme={organisme}&rome=F1703&metier=Maçon",
                       "entreprise-contact", ["h1", "input#siret", "input#consentement", "textarea#message"],
                       args.captures, largeur, erreurs)
    page.click("form[action='/recruter-un-apprenti/contact'] button[type=submit]")
    page.wait_for_load_state("load")
    if page.locator(".message-erreur").count() < 6 or page.locator(".resume-erreurs a").count() < 6:
        echecs.append(f"entreprise ({largeur}) : un formulaire vide est accepté ou ses erreurs manquent")
    page.screenshot(path=os.path.join(args.captures, f"entreprise-contact-erreurs-{largeur}.png"))
    erreurs.clear()
    email = f"verification-{largeur}@exemple.fr"
    for champ, valeur in [("entreprise", "Maçonnerie Dubois"), ("siret", "732 829 320 00074"), ("contact", "Paul Dubois"),
                          ("email", email), ("telephone", "04 78 12 34 56"), ("postes", "2"),
                          ("debut", (datetime.date.today() + datetime.timedelta(days=60)).isoformat()),
                          ("message", "Vérification dans le navigateur")]:
        page.fill(f"#{champ}", valeur)
    page.check("#consentement")
    page.click("form[action='/recruter-un-apprenti/contact'] button[type=submit]")
    page.wait_for_load_state("load")
    if "Vérifiez votre boîte" not in page.content():
        echecs.append(f"entreprise ({largeur}) : la demande n'a pas été acceptée ({page.url})")
    courriels = subprocess.run([args.binaire, "emails", "--database", serveur.base, "--limite", "100000"],
                               capture_output=True, text=True).stdout
    liens = re.findall(r"À : " + re.escape(email) + r"[\s\S]*?(/recruter-un-apprenti/confirmer/[0-9a-f]{64})", courriels)
    if not liens:
        echecs.append(f"entreprise ({largeur}) : aucun lien de confirmation dans la boîte d'envoi")
    else:
        echecs += verifier(page, adresse + liens[-1], "entreprise-confirmer", ["h1", "form button[type=submit]"],
                           args.captures, largeur, erreurs)
        page.click("form button[type=submit]")
        page.wait_for_load_state("load")
        if "transmise au CFA" not in page.content():
            echecs.append(f"entreprise ({largeur}) : la confirmation n'a pas abouti ({page.url})")
        page.screenshot(path=os.path.join(args.captures, f"entreprise-confirmee-{largeur}.png"))
    echecs += [f"entreprise ({largeur}) : {e}" for e in erreurs]
    contexte.close()
    return echecs


def main():
    a = argparse.ArgumentParser()
    a.add_argument("--binaire", default=".build/debug/tdb")
    a.add_argument("--captures", default="captures")
    a.add_argument("--effectifs", type=int, default=20000)
    args = a.parse_args()
    os.makedirs(args.captures, exist_ok=True)
    serveur, adresse = lancer(args.binaire, args.effectifs)
    echecs = []
    try:
        with sync_playwright() as p:
            chromium = navigateur(p)
            for largeur, (w, h) in LARGEURS.items():
                contexte = chromium.new_context(viewport={"width": w, "height": h}, locale="fr-FR")
                page = contexte.new_page()
                erreurs = []
                page.on("console", lambda m: erreurs.append(f"console : {m.text}") if m.type == "error" else None)
                page.on("pageerror", lambda e: erreurs.append(f"erreur JavaScript : {e}"))
                page.on("requestfailed", lambda r: erreurs.append(f"requête échouée : {r.url}"))
                page.on("response", lambda r: erreurs.append(f"HTTP {r.status} : {r.url}") if r.status >= 400 else None)
                publiques = [
                    ("accueil", "/", ["h1", ".compteurs .compteur", "nav.navigation"]),
                    ("national", "/indicateurs/national", ["h1", ".compteurs", "svg.carte__svg path", "svg.graphique__svg",
                                                           "table.tableau--chiffres tbody tr"]),
                    ("national-regions", "/indicateurs/national?carte=regions&indicateur=rupturants", ["svg.carte__svg path"]),
                    ("api-docs", "/api/docs", ["h1", "article.operation"]),
                    ("connexion", "/connexion", ["form input[name=email]"]),
                    ("inscription", "/inscription", ["input[type=radio][name=type]"]),
                    ("inscription-dreets", "/inscription?type=DREETS", ["select#region"]),
                    ("inscription-confirmation", "/inscription?type=DREETS&etape=verifier&region=84",
                     ["#organisation-trouvee", "input[name=email]"]),
                ]
                for nom, chemin, attendus in publiques:
                    echecs += verifier(page, adresse + chemin, nom, attendus, args.captures, largeur, erreurs)
                # A company looks for CFAs training masons around Lyon (issue 16): suggestions as it types, then results.
                echecs += verifier(page, adresse + "/recruter-un-apprenti", "recruter", ["h1", "input#q", "select#ou",
                                   "ul.liste-secteurs a"], args.captures, largeur, erreurs)
                page.fill("#q", "maço")
                try:
                    # A selector, not a script: the CSP forbids evaluating strings in the page.
                    page.wait_for_selector("#suggestions-metiers option", state="attached", timeout=5000)
                except Exception:
                    echecs.append(f"recruter ({largeur}) : aucune suggestion de métier en tapant « maço »")
                page.fill("#q", "Maçon / Maçonne (F1703)")
                page.select_option("#ou", "region-84")
                page.click("form.recherche-entreprise button[type=submit]")
                page.wait_for_load_state("load")
                echecs += verifier(page, page.url, "recruter-resultats", ["h2#titre-resultats", "li.carte-cfa",
                                   "a[href^='/recruter-un-apprenti/contact?organisme=']"], args.captures, largeur, erreurs)
                page.screenshot(path=os.path.join(args.captures, f"recruter-resultats-complet-{largeur}.png"),
                                full_page=True)
                echecs += verifier(page, adresse + "/recruter-un-apprenti?rome=F1701&ou=departement-69",
                                   "recruter-aucun", ["h2#titre-resultats", ".notice--info a"], args.captures, largeur,
                                   erreurs)
                connecter(page, adresse, ADMIN)
                erreurs.clear()
                echecs += verifier(page, adresse + "/indicateurs", "indicateurs", ["h1", ".filtres", ".compteurs",
                                   "#tri_organismes tbody tr a", "#tri_formations tbody tr"], args.captures, largeur, erreurs)
                lien = page.locator("#tri_organismes tbody tr a").first.get_attribute("href")
                echecs += verifier(page, adresse + lien, "organisme", ["h1", ".fiche", ".compteurs", "#apprenants table tbody tr",
                                   "svg.frise"], args.captures, largeur, erreurs)
                echecs += verifier(page, adresse + lien + "/transmissions", "transmissions", ["h1", "table tbody tr"],
                                   args.captures, largeur, erreurs)
                echecs += verifier(page, adresse + "/listes/inscrits", "liste", ["h1", "a[href*=telechargement]", "table tbody tr"],
                                   args.captures, largeur, erreurs)
                for nom, chemin, attendus in [
                    ("admin-a-valider", "/admin/utilisateurs?statut=a_valider", ["table tbody tr a[href$=rejeter]"]),
                    ("admin-organismes", "/admin/organisations?q=Lyon", ["#organismes-referentiel"]),
                    ("admin-journal", "/admin/journal", ["table tbody tr"]),
                    ("entreprises-statistiques", "/entreprises/statistiques",
                     ["h1", "ul.compteurs li", "table tbody tr th"]),
                ]:
                    echecs += verifier(page, adresse + chemin, nom, attendus, args.captures, largeur, erreurs)
                contexte.close()
                # A mission locale's agent: its work list and a young person's page (issue 14).
                contexte = chromium.new_context(viewport={"width": w, "height": h}, locale="fr-FR")
                page = contexte.new_page()
                page.on("console", lambda m: erreurs.append(f"console : {m.text}") if m.type == "error" else None)
                page.on("response", lambda r: erreurs.append(f"HTTP {r.status} : {r.url}") if r.status >= 400 else None)
                if not connecter(page, adresse, "mission-locale@demo.tdb"):
                    echecs.append(f"mission locale ({largeur}) : connexion refusée")
                else:
                    erreurs.clear()
                    echecs += verifier(page, adresse + "/mission-locale", "mission-locale",
                                       ["h1", "nav[aria-label='Onglets du suivi'] a[aria-current=page]",
                                        "table tbody tr th a", "select#mois"], args.captures, largeur, erreurs)
                    # A rupture the demo CFA declared before its ERP: marked in the list, explained on the case.
                    declaree = page.locator("table tbody tr", has_text="Rupture déclarée par le CFA").first
                    if declaree.count() == 0:
                        echecs.append(f"mission locale ({largeur}) : aucune rupture déclarée par le CFA dans la liste")
                    else:
                        echecs += verifier(page, adresse + declaree.locator("th a").get_attribute("href"),
                                           "mission-locale-declaree", ["h1", "section[aria-labelledby=declaration-titre]"],
                                           args.captures, largeur, erreurs)
                        page.goto(adresse + "/mission-locale", wait_until="load")
                    fiche = page.locator("table tbody tr th a").first.get_attribute("href")
                    echecs += verifier(page, adresse + fiche, "mission-locale-fiche",
                                       ["h1", "a[href^='tel:'], a[href^='mailto:']", "svg.frise",
                                        "input[name=joint]", "button[name=suivant][value='1']"],
                                       args.captures, largeur, erreurs)
                    # The outcome form with an error, then saved and on to the next young person.
                    page.click("button[name=suivant][value='1']")
                    page.wait_for_load_state("load")
                    if page.locator(".message-erreur").count() == 0:
                        echecs.append(f"mission locale ({largeur}) : un formulaire vide est accepté")
                    erreurs.clear()
                    page.check("#joint-oui")
                    page.check("#situation-RENDEZ_VOUS_PRIS")
                    page.click("button[name=suivant][value='1']")
                    page.wait_for_load_state("load")
                    if "/mission-locale" not in page.url or page.locator(".notice--succes").count() == 0:
                        echecs.append(f"mission locale ({largeur}) : « Enregistrer et passer au suivant » sans effet ({page.url})")
                    erreurs.clear()
                contexte.close()
                # A CFA: its young people in rupture, a shared case, the request for support (issue 15).
                contexte = chromium.new_context(viewport={"width": w, "height": h}, locale="fr-FR")
                page = contexte.new_page()
                page.on("console", lambda m: erreurs.append(f"console : {m.text}") if m.type == "error" else None)
                page.on("response", lambda r: erreurs.append(f"HTTP {r.status} : {r.url}") if r.status >= 400 else None)
                if not connecter(page, adresse, "organisme-formation@demo.tdb"):
                    echecs.append(f"CFA ({largeur}) : connexion refusée")
                else:
                    erreurs.clear()
                    # Its presence in the companies' search (issue 16): a bad e-mail refused, then saved.
                    echecs += verifier(page, adresse + "/cfa/entreprises/parametres", "cfa-entreprises-parametres",
                                       ["h1", "input#visible", "input#courriel", "input#telephone"], args.captures,
                                       largeur, erreurs)
                    page.fill("#courriel", "pas-une-adresse")
                    page.click("form[action='/cfa/entreprises/parametres'] button[type=submit]")
                    page.wait_for_load_state("load")
                    if page.locator("#courriel-erreur").count() == 0:
                        echecs.append(f"CFA ({largeur}) : une adresse e-mail invalide est acceptée")
                    else:
                        page.screenshot(path=os.path.join(args.captures, f"cfa-entreprises-parametres-erreur-{largeur}.png"))
                    erreurs.clear()
                    page.fill("#courriel", f"entreprises-{largeur}@cfa-demo.fr")
                    page.click("form[action='/cfa/entreprises/parametres'] button[type=submit]")
                    page.wait_for_load_state("load")
                    if page.locator(".notice--succes").count() == 0:
                        echecs.append(f"CFA ({largeur}) : les réglages de la recherche publique ne sont pas enregistrés")
                    erreurs.clear()
                    echecs += verifier(page, adresse + "/cfa/ruptures", "cfa-ruptures",
                                       ["h1", "select#statut", "table tbody tr th a", "a[href='/cfa/ruptures/telechargement']"],
                                       args.captures, largeur, erreurs)
                    partage = page.locator("table tbody tr", has_text="Nouveau message").first
                    if partage.count() == 0:
                        echecs.append(f"CFA ({largeur}) : aucun message de la mission locale dans la démonstration")
                    else:
                        echecs += verifier(page, adresse + partage.locator("th a").get_attribute("href"), "cfa-fiche",
                                           ["h1", "ol.historique li", "textarea#message"],
                                           args.captures, largeur, erreurs)
                        # A comment to the mission locale shows at once in the shared history.
                        page.fill("#message", f"Vérification dans le navigateur ({largeur})")
                        page.click("form[action$='/commentaires'] button[type=submit]")
                        page.wait_for_load_state("load")
                        if page.locator("ol.historique li blockquote.commentaire",
                                        has_text=f"Vérification dans le navigateur ({largeur})").count() == 0:
                            echecs.append(f"CFA ({largeur}) : le commentaire n'apparaît pas dans l'historique")
                        erreurs.clear()
                    page.goto(adresse + "/cfa/ruptures?statut=a-signaler", wait_until="load")
                    lien = page.locator("table tbody tr th a").first
                    if lien.count() == 0:
                        echecs.append(f"CFA ({largeur}) : aucun jeune à signaler dans la démonstration")
                    else:
                        fiche = lien.get_attribute("href")
                        echecs += verifier(page, adresse + fiche + "/collaboration", "cfa-demande",
                                           ["h1", "input[name=au_cfa]", "input[name=objectif]", "textarea#cause"],
                                           args.captures, largeur, erreurs)
                        page.click("form[action$='/collaboration'] button[type=submit]")
                        page.wait_for_load_state("load")
                        if page.locator(".message-erreur").count() < 4:
                            echecs.append(f"CFA ({largeur}) : une demande vide est acceptée ou ses erreurs manquent")
                        erreurs.clear()
                        page.check("#au_cfa-oui")
                        page.check("#en_formation-oui")
                        page.fill("#cause", "Vérification dans le navigateur")
                        page.check("#objectif-TROUVER_EMPLOYEUR")
                        page.click("form[action$='/collaboration'] button[type=submit]")
                        page.wait_for_load_state("load")
                        if page.locator(".notice--succes").count() == 0 or "avis=demande" not in page.url:
                            echecs.append(f"CFA ({largeur}) : la demande n'a pas été envoyée ({page.url})")
                        erreurs.clear()
                    # Declaring a rupture before the ERP: find an apprentice, an empty form, then a real one.
                    echecs += verifier(page, adresse + "/cfa/ruptures/declarer", "cfa-declarer",
                                       ["h1", "input#recherche", "table tbody tr td a"], args.captures, largeur, erreurs)
                    lien = page.locator("table tbody tr td a", has_text="Déclarer la rupture").first
                    if lien.count() == 0:
                        echecs.append(f"CFA ({largeur}) : aucun apprenti en contrat à déclarer")
                    else:
                        echecs += verifier(page, adresse + lien.get_attribute("href"), "cfa-declaration",
                                           ["h1", "input#date", "input#cause"], args.captures, largeur, erreurs)
                        page.click("form[action*='/declarer/'] button[type=submit]")
                        page.wait_for_load_state("load")
                        if page.locator(".message-erreur").count() < 2:
                            echecs.append(f"CFA ({largeur}) : une déclaration vide est acceptée ou ses erreurs manquent")
                        erreurs.clear()
                        page.fill("#date", (datetime.date.today() - datetime.timedelta(days=1)).isoformat())
                        page.fill("#cause", "Démission")
                        page.click("form[action*='/declarer/'] button[type=submit]")
                        page.wait_for_load_state("load")
                        if "avis=declaration" not in page.url or \
                                page.locator("section[aria-labelledby=declaration-titre]").count() == 0:
                            echecs.append(f"CFA ({largeur}) : la rupture n'a pas été déclarée ({page.url})")
                        else:
                            page.screenshot(path=os.path.join(args.captures, f"cfa-declaree-{largeur}.png"))
                        erreurs.clear()
                    # Companies' requests (issue 16): the inbox by status, one request with its history.
                    echecs += verifier(page, adresse + "/cfa/entreprises", "cfa-entreprises",
                                       ["h1", "nav[aria-label='Demandes par statut'] a[aria-current=page]",
                                        "table tbody tr th a"], args.captures, largeur, erreurs)
                    demande = page.locator("table tbody tr th a").first
                    if demande.count() == 0:
                        echecs.append(f"CFA ({largeur}) : aucune demande d'entreprise dans la démonstration")
                    else:
                        echecs += verifier(page, adresse + demande.get_attribute("href"), "cfa-entreprise",
                                           ["h1", "dl.fiche", "select#statut", "textarea#reponse", "ol.historique li"],
                                           args.captures, largeur, erreurs)
                    mon_organisme = page.locator("a[href^='/organismes/']").first.get_attribute("href") or ""
                contexte.close()
                echecs += demande_entreprise(chromium, w, h, adresse, mon_organisme.rsplit("/", 1)[-1], args,
                                             serveur, largeur)
            chromium.close()
    finally:
        arreter(serveur)
    conclure(echecs, f"✔ pages vérifiées dans Chromium ({', '.join(LARGEURS)}) ; captures dans {args.captures}/")


if __name__ == "__main__":
    main()
