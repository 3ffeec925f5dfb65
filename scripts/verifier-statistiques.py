#!/usr/bin/env python3
"""Browser check of the missions locales' statistics (/suivi/statistiques) and of a mission locale's settings
(/mission-locale/parametres), in headless Chromium at phone and desktop widths, signed in as each account type that
may open them, on a real `tdb serve` with a small demo country. Fails on a missing element, a console error, a
failed request, an unexpected HTTP status, a page wider than a phone screen, or a named young person on the page.
    python3 scripts/verifier-statistiques.py [--binaire .build/debug/tdb] [--captures docs/captures]
"""
import argparse, os
from playwright.sync_api import sync_playwright
from serveur_demo import ADMIN, conclure, arreter, connecter, lancer, navigateur

LARGEURS = {"telephone": (375, 812), "bureau": (1280, 900)}
COMPTES = ["mission-locale", "arml", "dreets", "ddets", "admin"]


def main():
    a = argparse.ArgumentParser()
    a.add_argument("--binaire", default=".build/debug/tdb")
    a.add_argument("--captures", default="docs/captures")
    a.add_argument("--effectifs", type=int, default=6000)
    args = a.parse_args()
    os.makedirs(args.captures, exist_ok=True)
    serveur, adresse = lancer(args.binaire, args.effectifs)
    echecs = []
    try:
        with sync_playwright() as p:
            chromium = navigateur(p)
            for largeur, (w, h) in LARGEURS.items():
                for compte in COMPTES:
                    contexte = chromium.new_context(viewport={"width": w, "height": h}, locale="fr-FR")
                    page = contexte.new_page()
                    erreurs = []
                    page.on("console", lambda m: erreurs.append(f"console : {m.text}") if m.type == "error" else None)
                    # The icon's request is cut short when a page is left at once: not a failure of these pages.
                    page.on("requestfailed",
                            lambda r: None if r.url.endswith("/favicon.svg") else erreurs.append(f"requête échouée : {r.url}"))
                    page.on("response", lambda r: erreurs.append(f"HTTP {r.status} : {r.url}") if r.status == 404 else None)
                    email = ADMIN if compte == "admin" else f"{compte}@demo.tdb"
                    if not connecter(page, adresse, email):
                        echecs.append(f"{compte} : connexion refusée")
                        continue

                    def verifier(nom, chemin, attendus, statut=200, action=None):
                        reponse = page.goto(adresse + chemin, wait_until="load")
                        if action:
                            reponse = action()
                            # The refused form answers 400 on purpose: Chromium logs it as a console error.
                            erreurs[:] = [e for e in erreurs if f"status of {statut}" not in e]
                        if reponse is None or reponse.status != statut:
                            echecs.append(f"{nom} ({largeur}) : HTTP {reponse.status if reponse else '?'} au lieu de {statut}")
                        for s in attendus:
                            if page.locator(s).count() == 0:
                                echecs.append(f"{nom} ({largeur}) : élément absent : {s}")
                        debord = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
                        if debord > 1:
                            echecs.append(f"{nom} ({largeur}) : la page déborde de {debord} px")
                        for e in erreurs:
                            echecs.append(f"{nom} ({largeur}) : {e}")
                        erreurs.clear()
                        page.screenshot(path=os.path.join(args.captures, f"{nom}-{largeur}.png"), full_page=False)

                    lien = page.locator('nav a[href="/suivi/statistiques"]')
                    page.goto(adresse + "/", wait_until="load")
                    if lien.count() == 0:
                        echecs.append(f"{compte} ({largeur}) : pas de lien vers les statistiques")
                    tableau = [] if compte == "mission-locale" else ["table.tableau--chiffres tbody tr"]
                    verifier(f"statistiques-suivi-{compte}", "/suivi/statistiques?periode=tout",
                             ["h1", "form.filtres select#f-periode", ".compteurs .compteur",
                              "a[href^='/suivi/statistiques.csv']"] + tableau)
                    if "Secret" in page.content():
                        echecs.append(f"{compte} : donnée nominative sur la page")
                    csv = page.request.get(adresse + "/suivi/statistiques.csv?periode=3-mois")
                    if csv.status != 200 or not csv.text().lstrip("\ufeff").startswith("Niveau;Code;Nom"):
                        echecs.append(f"{compte} ({largeur}) : CSV {csv.status}")
                    api = page.request.get(adresse + "/api/v1/suivi/statistiques?periode=30-jours")
                    if api.status != 200 or "par_mission_locale" not in api.json():
                        echecs.append(f"{compte} ({largeur}) : JSON {api.status}")
                    if compte == "mission-locale":
                        # An outcome recorded through the case page moves the figures.
                        page.goto(adresse + "/mission-locale", wait_until="load")
                        cas = page.locator("a[href^='/mission-locale/suivis/']")
                        if largeur == "telephone" and cas.count() == 0:
                            echecs.append(f"{compte} ({largeur}) : aucun cas dans la liste de démonstration")
                        elif largeur == "telephone":
                            lien_cas = cas.first.get_attribute("href")
                            avant = page.request.get(adresse + "/api/v1/suivi/statistiques").json()["total"]["traites"]
                            page.goto(adresse + lien_cas, wait_until="load")
                            page.check("#joint-oui")
                            page.check("#situation-RENDEZ_VOUS_PRIS")
                            with page.expect_navigation():
                                page.click("button[name=suivant][value='0']")
                            apres = page.request.get(adresse + "/api/v1/suivi/statistiques").json()["total"]["traites"]
                            if apres != avant + 1:
                                echecs.append(f"{compte} : cas traités {avant} → {apres} après un résultat enregistré")
                        verifier("parametres-mission-locale", "/mission-locale/parametres", ["h1", "input#rdv_url",
                                 "input#email_notifications"])

                        def envoyer_mauvais():
                            page.fill("#rdv_url", "www.exemple.fr")
                            page.fill("#email_notifications", "contact@")
                            with page.expect_navigation() as n:
                                page.click("form[action='/mission-locale/parametres'] button[type=submit]")
                            return n.value
                        verifier("parametres-mission-locale-erreurs", "/mission-locale/parametres",
                                 ["#rdv_url-erreur", "#email_notifications-erreur", "input#rdv_url[aria-invalid=true]"],
                                 statut=400, action=envoyer_mauvais)
                    elif compte != "admin":
                        r = page.goto(adresse + "/mission-locale/parametres")
                        if r.status != 403:
                            echecs.append(f"{compte} : /mission-locale/parametres → HTTP {r.status}")
                    contexte.close()
            chromium.close()
    finally:
        arreter(serveur)
    conclure(echecs, f"✔ statistiques et paramètres vérifiés dans Chromium ({', '.join(LARGEURS)}) ; captures dans {args.captures}/")


if __name__ == "__main__":
    main()
