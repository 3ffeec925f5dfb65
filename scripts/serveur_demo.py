"""A throwaway `tdb serve` on a small demo country, for the browser checks (verifier-pages.py,
audit-accessibilite.py): the demo (`tdb demo`, with its demo accounts), an extra service administrator, the
server on a free port of 127.0.0.1. The caller stops it (`arreter`)."""
import os, re, subprocess, sys, tempfile, time

MOT_DE_PASSE = "Verification-Pages-2026!"
ADMIN = "admin@verification.test"


def lancer(binaire, effectifs):
    """Returns (server process, base URL)."""
    base = os.path.join(tempfile.mkdtemp(), "verification.sqlite")
    env = dict(os.environ, TDB_COOKIES_NON_SECURISES="1", TDB_COUT_BCRYPT="4", TDB_PASSWORD=MOT_DE_PASSE)
    env.pop("DATABASE_URL", None)
    subprocess.run([binaire, "demo", "--database", base, "--effectifs", str(effectifs)], check=True, env=env,
                   stdout=subprocess.DEVNULL)
    subprocess.run([binaire, "users", "create-admin", "--database", base, ADMIN], check=True, env=env,
                   stdout=subprocess.DEVNULL)
    serveur = subprocess.Popen([binaire, "serve", "--database", base, "--host", "127.0.0.1", "--port", "0"], env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    limite = time.time() + 60
    while time.time() < limite:
        ligne = serveur.stdout.readline()
        m = re.search(r"http://[0-9.:]+", ligne or "")
        if m:
            serveur.base = base  # for `tdb emails`: the links of the outbox
            return serveur, m.group(0)
    serveur.kill()
    raise SystemExit("tdb serve n'a pas démarré")


def arreter(serveur):
    serveur.terminate()
    serveur.wait()


def navigateur(p):
    return p.chromium.launch(executable_path=os.environ.get("CHROMIUM", "/usr/bin/chromium"),
                             args=["--no-sandbox", "--disable-gpu"])


def connecter(page, adresse, email, mot_de_passe=MOT_DE_PASSE):
    """Signs in through the form; returns False when the account was refused (still on /connexion)."""
    page.goto(adresse + "/connexion")
    page.fill("input[name=email]", email)
    page.fill("input[name=mot_de_passe]", mot_de_passe)
    page.click("form button[type=submit]")
    page.wait_for_load_state("load")
    return "/connexion" not in page.url


def conclure(echecs, succes):
    """Prints each failure and exits 1 when there is one, else prints the success line."""
    for e in echecs:
        print("✘", e)
    if echecs:
        sys.exit(1)
    print(succes)
