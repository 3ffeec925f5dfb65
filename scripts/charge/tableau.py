"""Helper of charge.sh: reads wrk's RESULTAT lines and prints the table of figures."""
import glob
import re
import sqlite3
import sys
from collections import Counter

travail, avant, apres, connexions, duree, erp, lot, base, prefixe = sys.argv[1:10]


def lire(nom):
    with open(f"{travail}/{nom}.txt") as f:
        texte = f.read()
    m = re.search(r"RESULTAT (.*)", texte)
    if not m:
        sys.exit(f"wrk n'a pas donné de résultat pour {nom} :\n{texte}")
    return {k: float(v) for k, v in (p.split("=") for p in m.group(1).split())}


def erreurs(r):
    return int(r["connexion"] + r["lecture"] + r["ecriture"] + r["delais"] + r["statut"])


print(f"| charge ({duree} s) | requêtes | req/s | p50 | p99 | max | erreurs / délais dépassés |")
print("|---|---|---|---|---|---|---|")
moitie = int(connexions) // 2
for nom, libelle in [("page", f"page nationale, {moitie} connexions"), ("api", f"API nationale, {moitie} connexions"),
                     ("erp", f"{erp} ERP, lots de {lot}")]:
    r = lire(nom)
    print(f"| {libelle} | {int(r['requetes'])} | {r['requetes'] / r['duree_s']:.0f} | {r['p50_ms']:.1f} ms "
          f"| {r['p99_ms']:.1f} ms | {r['max_ms']:.0f} ms | {erreurs(r)} / {int(r['delais'])} |")
e = lire("erp")
# Every batch the server acknowledged: its accepted learners must all be in the base (a batch still in flight when
# wrk stopped may be stored without having been counted: the base may hold more, never less).
acquits = []
for f in glob.glob(f"{travail}/acquits-*"):
    with open(f) as lignes:
        acquits += [tuple(int(x) for x in l.split()) for l in lignes if l.strip()]
db = sqlite3.connect(f"file:{base}?mode=ro", uri=True)
stockes_par_lot = Counter()
for (erp_id,) in db.execute("SELECT id_erp_apprenant FROM effectifs WHERE id_erp_apprenant LIKE ?", (prefixe + "-%",)):
    numero, lot_no = erp_id[len(prefixe) + 1:].split("-")[:2]
    stockes_par_lot[(int(numero), int(lot_no))] += 1
for numero, lot_no, n in acquits:
    if stockes_par_lot[(numero, lot_no)] < n:
        print(f"lot acquitté absent : ERP {numero}, lot {lot_no} ({stockes_par_lot[(numero, lot_no)]} sur {n})", file=sys.stderr)
manquants = sum(max(0, n - stockes_par_lot[(numero, lot_no)]) for numero, lot_no, n in acquits)
acquittes = sum(n for _, _, n in acquits)
print()
print(f"ERP : {acquittes} apprenants acquittés en {len(acquits)} lots, {int(e['rejetes'])} rejetés, "
      f"{int(e['reponses_en_erreur'])} réponses en erreur ; {int(apres) - int(avant)} nouveaux effectifs en base ; "
      f"acquittés absents de la base : {manquants}")
sys.exit(0 if manquants == 0 and acquittes > 0 and int(e["reponses_en_erreur"]) == 0 else 1)
