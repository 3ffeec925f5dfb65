"""Helper of charge.sh: reads wrk's RESULTAT lines and prints the table of figures."""
import re
import sys

travail, avant, apres, connexions, duree, erp, lot = sys.argv[1:8]


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
stockes = int(apres) - int(avant)
print()
print(f"ERP : {int(e['acceptes'])} apprenants acquittés, {int(e['rejetes'])} rejetés, "
      f"{int(e['reponses_en_erreur'])} réponses en erreur ; {stockes} nouveaux effectifs en base "
      f"({'tous enregistrés' if stockes == int(e['acceptes']) else 'ÉCART'})")
sys.exit(0 if stockes == int(e["acceptes"]) else 1)
