#!/usr/bin/env python3
"""Automated accessibility audit: axe-core (through axe-playwright-python) in headless Chromium, at phone and desktop
widths, on a real `tdb serve` filled with a small demo country. Audits the public pages (and every page linked from
their footer), then, signed in as the demo account of each organisation type, its home page and every page of its
navigation. Fails on any violation of impact "serious" or "critical"; prints the counts by impact, and writes them
as JSON with --resultats FILE (the figures of the README and of the accessibility statement come from there).
    python3 scripts/audit-accessibilite.py [--binaire .build/debug/tdb] [--effectifs 3000] [--resultats FILE]
"""
import argparse, json
from urllib.parse import urlsplit
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import sync_playwright
from serveur_demo import ADMIN, conclure, arreter, connecter, lancer, navigateur

LARGEURS = {"telephone": (375, 812), "bureau": (1280, 900)}
IMPACTS = ["critical", "serious", "moderate", "minor"]
BLOQUANTS = {"critical", "serious"}
PUBLIQUES = ["/", "/indicateurs/national", "/api/docs", "/connexion", "/inscription", "/recruter-un-apprenti",
             "/recruter-un-apprenti?q=F1703&ou=region-84"]
# The demo accounts created by `tdb demo` (one per organisation type of acces_par_type.csv), and a service
# administrator.
COMPTES = [t + "@demo.tdb" for t in [
    "organisme-formation", "tete-de-reseau", "dreets", "ddets", "academie", "draaf", "drafpic", "conseil-regional",
    "carif-oref-regional", "carif-oref-national", "operateur-public-national", "arml", "france-travail",
    "mission-locale"]] + [ADMIN]
PAGES_PAR_COMPTE = 12
# Pages reached from a page rather than from the navigation, audited too: the CFA's declaration of a rupture (its
# list of apprentices, then the form of the first one).
SUPPLEMENTS = {"organisme-formation@demo.tdb": [("/cfa/ruptures/declarer", "table tbody tr td a")]}


def liens(page, selecteur):
    """Same-site paths of the links matched, in page order, without downloads and sign-out."""
    chemins = []
    for href in page.eval_on_selector_all(selecteur, "els => els.map(e => e.getAttribute('href'))"):
        if not href or not href.startswith("/") or href.startswith("//"):
            continue
        chemin = urlsplit(href).path + ("?" + urlsplit(href).query if urlsplit(href).query else "")
        if any(m in chemin for m in ("deconnexion", "telechargement", ".csv", ".xlsx")) or chemin in chemins:
            continue
        chemins.append(chemin)
    return chemins


def auditer(axe, page, adresse, chemin, qui, largeur, resultats):
    reponse = page.goto(adresse + chemin, wait_until="load")
    statut = reponse.status if reponse else 0
    violations = axe.run(page).response.get("violations", [])
    compte = {i: 0 for i in IMPACTS}
    details, regles = [], []
    for v in violations:
        impact = v.get("impact") or "minor"
        compte[impact] = compte.get(impact, 0) + len(v.get("nodes", []))
        regles.append(f"{impact} {v['id']} ×{len(v.get('nodes', []))}")
        if impact in BLOQUANTS:
            cibles = ", ".join(" ".join(n.get("target", [])) for n in v.get("nodes", [])[:3])
            details.append(f"{impact} {v['id']} : {v.get('help')} ({cibles})")
    resultats.append({"compte": qui, "page": chemin, "largeur": largeur, "statut": statut, "violations": compte,
                      "regles": regles, "bloquantes": details})


def main():
    a = argparse.ArgumentParser()
    a.add_argument("--binaire", default=".build/debug/tdb")
    a.add_argument("--effectifs", type=int, default=3000)
    a.add_argument("--resultats")
    args = a.parse_args()
    serveur, adresse = lancer(args.binaire, args.effectifs)
    resultats, refus = [], set()
    axe = Axe()
    try:
        with sync_playwright() as p:
            chromium = navigateur(p)
            for largeur, (w, h) in LARGEURS.items():
                contexte = chromium.new_context(viewport={"width": w, "height": h}, locale="fr-FR")
                page = contexte.new_page()
                page.goto(adresse + "/")
                publiques = PUBLIQUES + [c for c in liens(page, "footer a") if c not in PUBLIQUES]
                for chemin in publiques:
                    auditer(axe, page, adresse, chemin, "public", largeur, resultats)
                contexte.close()
                for email in COMPTES:
                    contexte = chromium.new_context(viewport={"width": w, "height": h}, locale="fr-FR")
                    page = contexte.new_page()
                    if not connecter(page, adresse, email):
                        refus.add(email)
                        contexte.close()
                        continue
                    accueil = urlsplit(page.url).path or "/"
                    # The footer's pages are the same for everyone: audited once, signed out.
                    chemins = [accueil] + [c for c in liens(page, "header a, nav a")
                                           if c != accueil and c not in publiques]
                    for chemin in chemins[:PAGES_PAR_COMPTE]:
                        auditer(axe, page, adresse, chemin, email, largeur, resultats)
                    for chemin, lien in SUPPLEMENTS.get(email, []):
                        auditer(axe, page, adresse, chemin, email, largeur, resultats)
                        suivants = liens(page, lien)
                        if suivants:
                            auditer(axe, page, adresse, suivants[0], email, largeur, resultats)
                    contexte.close()
            chromium.close()
    finally:
        arreter(serveur)
    totaux = {i: sum(r["violations"].get(i, 0) for r in resultats) for i in IMPACTS}
    pages = len({(r["compte"], r["page"]) for r in resultats})
    print(f"{'compte':38} {'page':42} {'largeur':9} " + " ".join(f"{i:>8}" for i in IMPACTS))
    for r in resultats:
        print(f"{r['compte'][:38]:38} {r['page'][:42]:42} {r['largeur']:9} "
              + " ".join(f"{r['violations'].get(i, 0):>8}" for i in IMPACTS))
    print(f"{'total':38} {str(pages) + ' pages':42} {'2':9} " + " ".join(f"{totaux[i]:>8}" for i in IMPACTS))
    if args.resultats:
        with open(args.resultats, "w") as f:
            json.dump({"outil": "axe-core " + axe_version(), "pages": pages, "largeurs": list(LARGEURS),
                       "comptes": sorted({r["compte"] for r in resultats}), "violations": totaux,
                       "details": resultats}, f, ensure_ascii=False, indent=1)
    echecs = [f"{r['compte']} {r['page']} ({r['largeur']}) : {d}" for r in resultats for d in r["bloquantes"]]
    echecs += [f"{email} : connexion refusée (compte de démonstration absent ?)" for email in sorted(refus)]
    echecs += [f"{r['compte']} {r['page']} ({r['largeur']}) : HTTP {r['statut']}" for r in resultats
               if r["statut"] >= 400]
    conclure(echecs, f"✔ audit axe-core : aucune violation grave ou critique sur {pages} pages, téléphone et bureau")


def axe_version():
    import axe_playwright_python, os, re
    chemin = os.path.join(os.path.dirname(axe_playwright_python.__file__), "axe.min.js")
    with open(chemin, encoding="utf-8") as f:
        m = re.search(r"axe v([0-9.]+)", f.read(2000))
    return m.group(1) if m else "?"


if __name__ == "__main__":
    main()
