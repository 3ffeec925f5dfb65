#!/usr/bin/env python3
"""Captures of each demo account's home page (and of the footer pages), at phone and desktop widths, in headless
Chromium, on a real `tdb serve` filled with a small demo country and its demo accounts (`tdb demo`). Fails on a
failed request, an answer >= 400 or a page wider than the screen.
    python3 scripts/captures-comptes.py [--binaire .build/debug/tdb] [--captures docs/captures] [--effectifs 6000]
"""
import argparse, os, sys
from playwright.sync_api import sync_playwright

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import importlib
verifier = importlib.import_module("verifier-pages")
from serveur_demo import conclure, arreter, connecter, lancer, navigateur

TYPES = ["admin", "organisme-formation", "tete-de-reseau", "dreets", "ddets", "academie", "draaf", "drafpic",
         "conseil-regional", "carif-oref-regional", "carif-oref-national", "operateur-public-national", "arml",
         "france-travail", "mission-locale"]
INFORMATION = ["accessibilite", "mentions-legales", "donnees-personnelles", "contact"]


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
            for largeur, (w, h) in verifier.LARGEURS.items():
                for type_ in [None] + TYPES:
                    contexte = chromium.new_context(viewport={"width": w, "height": h}, locale="fr-FR")
                    page = contexte.new_page()
                    erreurs = []
                    # The icon's request may be cut by the closing of the context right after the capture.
                    page.on("requestfailed", lambda r: None if r.url.endswith("/favicon.svg")
                            else erreurs.append(f"requête échouée : {r.url}"))
                    page.on("response", lambda r: erreurs.append(f"HTTP {r.status} : {r.url}") if r.status >= 400 else None)
                    if type_ is None:
                        for nom in INFORMATION:
                            echecs += verifier.verifier(page, f"{adresse}/{nom}", nom, ["h1", "footer a[aria-current=page]"],
                                                        args.captures, largeur, erreurs)
                    else:
                        connecter(page, adresse, f"{type_}@demo.tdb")
                        echecs += verifier.verifier(page, adresse + "/", f"accueil-{type_}",
                                                    ["h1", ".en-tete__utilisateur", "nav.navigation a[aria-current=page]"],
                                                    args.captures, largeur, erreurs)
                    contexte.close()
            chromium.close()
    finally:
        arreter(serveur)
    conclure(echecs, f"✔ pages d'accueil des comptes de démonstration capturées dans {args.captures}/")


if __name__ == "__main__":
    main()
