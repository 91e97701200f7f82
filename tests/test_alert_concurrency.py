"""One change, one alert per follower, even when ``run-jobs`` runs twice at the same moment.

Two real OS processes share a real database (a fresh SQLite file, or a fresh PostgreSQL
database), wait at a starting line, and run :func:`renewcast.alerts.jobs.run_alerts` at
once after a status change. The SMTP server and the webhook receiver in this process
count what arrives: exactly one e-mail and one webhook call per follower, each round.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
from alert_receivers import smtp_server, webhook_receiver  # noqa: F401 - fixtures
from conftest import run_cli

FOLLOWERS = 4
RUNNERS = 2

SETUP = """
import json, sys
from renewcast.bootstrap import setup_django
setup_django()
from django.utils import timezone
from renewcast.alerts import following
from renewcast.alerts.jobs import run_alerts
from renewcast.alerts.models import Follow
from renewcast.catalog.models import Season, Show
hook, n = sys.argv[1], int(sys.argv[2])
show = Show.objects.create(title="Race Show", slug="race-show", platform="Netflix")
Season.objects.create(show=show, number=1)
secrets = {}
for i in range(n):
    Follow.objects.create(show=show, channel="email", address=f"fan{i}@example.com",
                          confirmed_at=timezone.now())
    secrets[f"/hook{i}"] = following.follow_show(show, webhook=f"{hook}/hook{i}").secret
run_alerts()  # the baseline: nothing to send
print(json.dumps(secrets))
"""

CHANGE = """
import datetime as dt, sys
from renewcast.bootstrap import setup_django
setup_django()
from renewcast.catalog.models import Claim, Event, Season, Show, Source
show = Show.objects.get(slug="race-show")
season = Season.objects.get(show=show, number=1)
kind, day = sys.argv[1], dt.date.fromisoformat(sys.argv[2])
source = Source.objects.create(url=f"https://news.example/{kind}/{day}", tier="trade")
claim = Claim.objects.create(show=show, season=season, kind="event", source=source,
                             state="confirmed", quote=kind)
Event.objects.create(show=show, season=season, kind=kind, date=day, claim=claim)
show.refresh_from_db()
print(show.status)
"""

RUNNER = """
import json, os, sys, time
from renewcast.bootstrap import setup_django
setup_django()
from django.db import connection
from renewcast.alerts.jobs import run_alerts
connection.ensure_connection()
print("ready", flush=True)
go = sys.argv[1]
while not os.path.exists(go):
    time.sleep(0.001)
report = run_alerts()
print(json.dumps({"notices": len(report.notices), "queued": report.queued,
                  "sent": report.delivery.sent, "failed": report.delivery.failed}))
"""


def python(env: dict, code: str, *args: str) -> str:
    done = subprocess.run([sys.executable, "-c", code, *args], env=env, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip().splitlines()[-1]


def race(env: dict, go) -> list[dict]:
    """``RUNNERS`` processes running ``run_alerts()`` at the same moment."""
    runners = [subprocess.Popen([sys.executable, "-c", RUNNER, str(go)], env=env,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
               for _ in range(RUNNERS)]
    try:
        for runner in runners:
            assert runner.stdout.readline().strip() == "ready", runner.stderr.read()
        go.touch()
        results = []
        for runner in runners:
            out, err = runner.communicate(timeout=120)
            assert runner.returncode == 0, err
            results.append(json.loads(out.strip().splitlines()[-1]))
        return results
    finally:
        go.unlink(missing_ok=True)
        for runner in runners:
            if runner.poll() is None:
                runner.kill()


def test_two_runners_at_once_send_one_email_and_one_webhook_per_follower(
        cli_env, smtp_server, webhook_receiver, tmp_path):  # noqa: F811 - the fixtures
    env = {**cli_env, **smtp_server.env(), "RENEWCAST_ALLOW_PRIVATE_WEBHOOKS": "1",
           "RENEWCAST_SITE_URL": "https://renewcast.example"}
    # The embedded job queue's file lives in the data directory, on PostgreSQL too.
    Path(env["RENEWCAST_DATA_DIR"]).mkdir(parents=True, exist_ok=True)
    assert run_cli(env, "init", "--empty").returncode == 0
    webhook_receiver.delay = 0.05  # slow answers keep both runners sending at once
    secrets = json.loads(python(env, SETUP, webhook_receiver.url(""), str(FOLLOWERS)))
    assert smtp_server.messages == [] and webhook_receiver.calls == []

    rounds = [("cancellation", "canceled"), ("renewal", "renewed")]
    for number, (kind, status) in enumerate(rounds, start=1):
        day = dt.date.today() - dt.timedelta(days=len(rounds) - number)
        assert python(env, CHANGE, kind, day.isoformat()) == status
        results = race(env, tmp_path / f"go-{number}")

        assert sum(r["notices"] for r in results) == 1  # one runner made the notice
        assert sum(r["sent"] for r in results) == 2 * FOLLOWERS
        assert sum(r["failed"] for r in results) == 0
        mails = smtp_server.wait_for(number * FOLLOWERS)
        time.sleep(0.2)  # anything extra would have arrived by now
        per_address = Counter(rcpt for m in smtp_server.messages for rcpt in m.rcpt_tos)
        assert per_address == {f"fan{i}@example.com": number for i in range(FOLLOWERS)}
        assert all(status in m.subject for m in mails[-FOLLOWERS:])
        per_hook = Counter(c.path for c in webhook_receiver.calls)
        assert per_hook == {f"/hook{i}": number for i in range(FOLLOWERS)}
        for call in webhook_receiver.calls[-FOLLOWERS:]:
            expected = hmac.new(secrets[call.path].encode(), call.body, hashlib.sha256)
            assert call.headers["X-Renewcast-Signature"] == "sha256=" + expected.hexdigest()
            assert json.loads(call.body)["new"] == status


@pytest.mark.django_db(transaction=True)
def test_claiming_a_delivery_is_won_by_exactly_one_runner():
    """The claim itself, from several threads with their own connections."""
    import threading

    from alert_receivers import follow_by_email, make_show
    from django.db import connection
    from django.utils import timezone

    from renewcast.alerts import delivery
    from renewcast.alerts.models import Delivery, Notice

    show = make_show("Claim Show")
    follow = follow_by_email(show, "fan@example.com")
    notice = Notice.objects.create(show=show, kind="status", key="k", title="t",
                                   created_at=timezone.now())
    pk = Delivery.objects.create(notice=notice, follow=follow).pk
    now, wins, start = timezone.now(), [], threading.Barrier(4)

    def runner():
        try:
            start.wait()
            if delivery.claim(pk, now):
                wins.append(1)
        finally:
            connection.close()

    threads = [threading.Thread(target=runner) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(wins) == 1
    assert not delivery.claim(pk, now + dt.timedelta(minutes=1))  # the lease still runs
    assert delivery.claim(pk, now + delivery.LEASE)  # an expired lease can be taken over
