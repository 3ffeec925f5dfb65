#!/usr/bin/env python3
"""Builds Sources/App/Resources/organismes-demo.csv (the import format of `tdb import organismes`) from the real référentiel in
../shared/data/referentiel: 6,064 organisations with their networks. Run from the repository root:
    python3 scripts/referentiel_demo.py ../shared/data
"""
import csv, glob, io, os, re, sys

data = sys.argv[1] if len(sys.argv) > 1 else "../shared/data"
known = {r["key"] for r in csv.DictReader(l for l in open(os.path.join(data, "reseaux.csv"), encoding="utf-8") if not l.startswith("#"))}

def read(path):
    text = open(path, encoding="utf-8-sig").read()
    return list(csv.DictReader(io.StringIO(text), delimiter=";"))

reseaux = {}
for path in glob.glob(os.path.join(data, "referentiel", "reseaux", "*.csv")):
    for row in read(path):
        siret = re.sub(r"\D", "", row.get("Siret") or "")
        keys = [k.strip().upper() for k in (row.get("Réseaux à jour") or "").split("|") if k.strip()]
        keys = [k for k in keys if k in known]
        if siret and keys:
            reseaux.setdefault(siret, set()).update(keys)

out = csv.writer(sys.stdout, lineterminator="\n")
out.writerow(["uai", "siret", "nom", "nature", "code_postal", "code_commune_insee", "departement", "region", "academie",
              "reseaux", "commune"])
for row in read(os.path.join(data, "referentiel", "organismes.csv")):
    cp = re.findall(r"\b\d{5}\b", row["adresse"] or "")
    siret = row["siret"].strip()
    out.writerow([row["uai"].strip(), siret, (row["enseigne"] or row["raison_sociale"]).strip(), row["nature"].strip(),
                  cp[-1] if cp else "", "", row["departement"].strip(), "", "", "|".join(sorted(reseaux.get(siret, []))),
                  row["commune"].strip()])
