"""RENEWCAST_HTTPS turns on what a site served over https needs behind its TLS proxy: HSTS,
Secure cookies, and the proxy's X-Forwarded-Proto believed. Settings are read when the
process starts, so each case runs in a fresh interpreter."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

PROBE = """
import json, django
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)  # the page's footer reads the (empty) catalog
from django.test.utils import setup_test_environment
setup_test_environment()
from django.test import Client
answer = Client().get("/accounts/login/", HTTP_X_FORWARDED_PROTO="https")
cookie = answer.cookies.get("csrftoken")
print(json.dumps({"hsts": answer.get("Strict-Transport-Security"),
                  "secure_cookie": bool(cookie and cookie["secure"]),
                  "status": answer.status_code}))
"""


def probe(tmp_path, **env) -> dict:
    environment = {k: v for k, v in os.environ.items()
                   if not k.startswith("RENEWCAST_") and k != "DATABASE_URL"}
    environment.update(RENEWCAST_DATA_DIR=str(tmp_path), RENEWCAST_SECRET_KEY="test-only",
                       DJANGO_SETTINGS_MODULE="renewcast.settings", **env)
    done = subprocess.run([sys.executable, "-c", PROBE], env=environment, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("env, hsts, secure", [
    ({}, None, False),
    ({"RENEWCAST_HTTPS": "1"}, "max-age=31536000", True),
    ({"RENEWCAST_HTTPS": "1", "RENEWCAST_HSTS_SECONDS": "600"}, "max-age=600", True),
])
def test_https_mode(tmp_path, env, hsts, secure):
    seen = probe(tmp_path, **env)
    assert seen["status"] == 200
    assert seen["hsts"] == hsts and seen["secure_cookie"] is secure
