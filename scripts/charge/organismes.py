"""Helper of charge.sh: with N > 0, prints N organismes (UAI, SIRET tab-separated) of the base that may receive
learners (an UAI, reliable, open); with N = 0, prints how many effectifs the base holds."""
import sqlite3
import sys

base, n = sys.argv[1], int(sys.argv[2])
db = sqlite3.connect(f"file:{base}?mode=ro", uri=True)
if n == 0:
    print(db.execute("SELECT count(*) FROM effectifs").fetchone()[0])
else:
    for uai, siret in db.execute(
        "SELECT uai, siret FROM organismes WHERE uai IS NOT NULL AND fiable = 1 AND ferme = 0 ORDER BY id LIMIT ?", (n,)
    ):
        print(f"{uai}\t{siret}")
