#!/usr/bin/env python3
"""A real SMTP server with TLS for the tests of tdb's SMTP client (Tests/WebTests/EnvoiCourrielsTests.swift).

Usage: serveur-smtp-tls.py DOSSIER. Creates a test certificate authority (trustme) and a certificate for
localhost / 127.0.0.1, writes the authority to DOSSIER/ca.pem, starts two aiosmtpd servers on 127.0.0.1 — one with
STARTTLS (required before AUTH and MAIL), one with TLS from the first byte (smtps) — which accept AUTH PLAIN
tdb/secret, and prints {"starttls": port, "smtps": port, "ca": path} on one line. Each message received is
appended to DOSSIER/recus.jsonl. Stops when its standard input closes.
Needs: pip install aiosmtpd trustme.
"""
import json
import os
import socket
import ssl
import sys

import trustme
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


def port_libre():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Boite:
    def __init__(self, dossier, nom):
        self.fichier = os.path.join(dossier, "recus.jsonl")
        self.nom = nom

    async def handle_DATA(self, server, session, envelope):
        with open(self.fichier, "a", encoding="utf-8") as f:
            f.write(json.dumps({
                "serveur": self.nom, "de": envelope.mail_from, "a": envelope.rcpt_tos,
                "authentifie": bool(session.authenticated), "tls": session.ssl is not None,
                "contenu": envelope.content.decode("utf-8", "replace"),
            }) + "\n")
        return "250 OK"


def authentifier(server, session, envelope, mechanism, auth_data):
    ok = isinstance(auth_data, LoginPassword) and auth_data.login == b"tdb" and auth_data.password == b"secret"
    return AuthResult(success=ok)


def main():
    dossier = sys.argv[1]
    ca = trustme.CA()
    certificat = ca.issue_cert("localhost", "127.0.0.1")
    chemin_ca = os.path.join(dossier, "ca.pem")
    ca.cert_pem.write_to_path(chemin_ca)
    contexte = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    certificat.configure_cert(contexte)

    starttls = Controller(Boite(dossier, "starttls"), hostname="127.0.0.1", port=port_libre(), tls_context=contexte,
                          require_starttls=True, authenticator=authentifier, auth_require_tls=True)
    smtps = Controller(Boite(dossier, "smtps"), hostname="127.0.0.1", port=port_libre(), ssl_context=contexte,
                       authenticator=authentifier, auth_require_tls=False)
    starttls.start()
    smtps.start()
    print(json.dumps({"starttls": starttls.port, "smtps": smtps.port, "ca": chemin_ca}), flush=True)
    try:
        sys.stdin.read()
    finally:
        starttls.stop()
        smtps.stop()


if __name__ == "__main__":
    main()
