#!/usr/bin/env python3
"""The notification preferences in headless Chromium, at phone and desktop widths, signed in as each kind of user
that has some (CFA administrator, CFA of the demo, mission locale) and one that has none (DREETS): the account
page links to them, the form saves a choice. Screenshots in the folder given (default: ./captures).
    python3 scripts/verifier-notifications.py [--binaire .build/debug/tdb] [--captures captures]
"""
import argparse, os
from playwright.sync_api import sync_playwright
from serveur_demo import arreter, conclure, connecter, lancer, navigateur

LARGEURS = {"telephone": (375, 812), "bureau": (1280, 900)}
COMPTES = [
    ("cfa-sans-transmission@demo.tdb", ["resume-quotidien-cfa", "alerte-transmission"]),
    ("mission-locale@demo.tdb", ["resume-quotidien-mission-locale", "recapitulatif-hebdomadaire-mission-locale"]),
    ("dreets@demo.tdb", []),
]


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
                for email, genres in COMPTES:
                    nom = email.split("@")[0]
                    contexte = chromium.new_context(viewport={"width": w, "height": h}, locale="fr-FR")
                    page = contexte.new_page()
                    erreurs = []
                    page.on("console", lambda m: erreurs.append(m.text) if m.type == "error" else None)
                    page.on("response", lambda r: erreurs.append(f"HTTP {r.status} {r.url}") if r.status >= 400 else None)
                    if not connecter(page, adresse, email):
                        echecs.append(f"{nom} ({largeur}) : connexion refusée")
                        contexte.close()
                        continue
                    page.goto(adresse + "/mon-compte")
                    if page.locator("a[href='/mon-compte/notifications']").count() != 1:
                        echecs.append(f"{nom} ({largeur}) : pas de lien vers les notifications sur /mon-compte")
                    page.click("a[href='/mon-compte/notifications']")
                    page.wait_for_load_state("load")
                    vus = [c.get_attribute("name") for c in page.locator("input[type=checkbox]").all()]
                    if vus != genres:
                        echecs.append(f"{nom} ({largeur}) : cases {vus}, attendu {genres}")
                    if page.evaluate("document.documentElement.scrollWidth - window.innerWidth") > 1:
                        echecs.append(f"{nom} ({largeur}) : la page déborde en largeur")
                    page.screenshot(path=os.path.join(args.captures, f"notifications-{nom}-{largeur}.png"), full_page=True)
                    if genres:
                        page.uncheck(f"#{genres[-1]}")
                        page.click("form[action='/mon-compte/notifications'] button[type=submit]")
                        page.wait_for_load_state("load")
                        if page.locator(".notice--succes").count() == 0 or page.is_checked(f"#{genres[-1]}"):
                            echecs.append(f"{nom} ({largeur}) : choix non enregistré")
                        page.screenshot(path=os.path.join(args.captures, f"notifications-{nom}-{largeur}-enregistre.png"),
                                        full_page=True)
                        page.check(f"#{genres[-1]}")
                        page.click("form[action='/mon-compte/notifications'] button[type=submit]")
                        page.wait_for_load_state("load")
                    echecs += [f"{nom} ({largeur}) : {e}" for e in erreurs]
                    contexte.close()
            chromium.close()
    finally:
        arreter(serveur)
    conclure(echecs, f"✔ préférences de notification vérifiées ({', '.join(LARGEURS)}) ; captures dans {args.captures}/")


if __name__ == "__main__":
    main()
