#!/usr/bin/env python3
"""Derives Sources/Domain/Resources/metiers_rome.csv from France Travail's ROME tree
(../shared/data/referentiel/rome_secteurs_activite.json): one line per trade of each sector / sub-sector.

Run once when the tree changes:  scripts/metiers-rome.py [SOURCE.json] > Sources/Domain/Resources/metiers_rome.csv

- `liste_sous_secteur` and `liste_metier` may be Python-repr strings instead of lists: read with ast.literal_eval.
- Sectors without sub-sectors carry their trades in `liste_metier`: their sub-sector columns stay empty.
- The export mis-decoded a few characters (œ shown as ¼ or ½, the apostrophe as ¿): put back.
"""
import ast
import csv
import json
import re
import sys

SOURCE = sys.argv[1] if len(sys.argv) > 1 else "../shared/data/referentiel/rome_secteurs_activite.json"


def liste(valeur):
    if valeur is None or valeur == "":
        return []
    if isinstance(valeur, str):
        return ast.literal_eval(valeur)
    return valeur


def propre(texte):
    texte = re.sub(r"^[¼½]", "Œ", texte)
    texte = texte.replace("¼", "œ").replace("½", "œ").replace("¿", "’")
    return " ".join(texte.split())


def main():
    with open(SOURCE, encoding="utf-8") as f:
        secteurs = json.load(f)["arbo_secteur"]
    sortie = csv.writer(sys.stdout, lineterminator="\n")
    sortie.writerow(["code_secteur", "secteur", "code_sous_secteur", "sous_secteur", "code_rome", "metier"])
    lignes = set()
    for s in sorted(liste(secteurs), key=lambda s: propre(s["libelle"])):
        groupes = [(ss["code_sous_secteur"], propre(ss["libelle"]), liste(ss.get("liste_metier"))) for ss in
                   liste(s.get("liste_sous_secteur"))]
        if s.get("liste_metier"):
            groupes.append(("", "", liste(s.get("liste_metier"))))
        for code_ss, libelle_ss, metiers in groupes:
            for m in metiers:
                code = m["code_rome"].strip().upper()
                if not re.fullmatch(r"[A-N]\d{4}", code):
                    raise SystemExit(f"code ROME invalide : {code!r}")
                ligne = (s["code_secteur"], propre(s["libelle"]), code_ss, libelle_ss, code, propre(m["libelle_rome"]))
                if ligne not in lignes:
                    lignes.add(ligne)
                    sortie.writerow(ligne)


if __name__ == "__main__":
    main()
