"""``renewcast run-jobs``: refreshes from loopback copies of Netflix's file and TVmaze, then
alerts; exactly one alert per follower when two runners go at once; the real huey runner
on the embedded queue and on Redis.
"""

from __future__ import annotations

import functools
import json
import signal
import socket
import subprocess
import sys
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

import pytest
from alert_receivers import SmtpServer, WebhookReceiver
from conftest import BACKEND, FIXTURES, run_cli
from tvmaze_server import TvmazeFixtureServer, load_fixture_shows

TITLE = "The Bear"


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture
def files():
    """Netflix's published files, as a loopback web server over tests/fixtures."""
    handler = functools.partial(_Quiet, directory=str(FIXTURES))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def world(cli_env, files):
    smtp, hooks = SmtpServer().start(), WebhookReceiver().start()
    with TvmazeFixtureServer(shows=load_fixture_shows()) as tvmaze:
        env = {**cli_env, **smtp.env(), "RENEWCAST_TVMAZE_URL": tvmaze.url,
               "RENEWCAST_TVMAZE_RATE": "0", "RENEWCAST_ALLOW_PRIVATE_WEBHOOKS": "1",
               "RENEWCAST_TOP10_URL": f"{files}/top10-excerpt.tsv",
               "RENEWCAST_SITE_URL": "https://renewcast.example"}
        assert run_cli(env, "init", "--empty").returncode == 0
        try:
            yield env, smtp, hooks, tvmaze
        finally:
            smtp.stop()
            hooks.stop()


def ok(env, *args) -> subprocess.CompletedProcess:
    done = run_cli(env, *args)
    assert done.returncode == 0, done.stdout + done.stderr
    return done


def confirm_all(env) -> None:
    ok(env, "manage", "shell", "-c",
       "from django.utils import timezone; from renewcast.alerts.models import Follow; "
       "Follow.objects.update(confirmed_at=timezone.now())")


def alerts_of(hooks, smtp, kind: str):
    calls = [json.loads(c.body) for c in hooks.calls]
    return ([c for c in calls if c.get("event", "").startswith(kind)],
            [m for m in smtp.messages if "confirm" not in m.subject.lower()])


def test_refreshes_then_one_alert_per_follower_with_two_runners_at_once(world):
    env, smtp, hooks, tvmaze = world
    top10 = ok(env, "run-jobs", "--once", "top10")
    assert "top10:" in top10.stdout and "created" in top10.stdout
    again = ok(env, "run-jobs", "--once", "top10")
    assert "nothing changed" in again.stdout  # the weekly job twice is harmless

    ok(env, "sync", "tvmaze", TITLE)
    for n in range(2):
        ok(env, "follow", TITLE, "--webhook", hooks.url(f"/hook{n}"))
    ok(env, "follow", TITLE, "--email", "fan@example.org")
    confirm_all(env)
    ok(env, "run-jobs", "--once", "alerts")  # the first look: nothing to report yet
    assert hooks.calls == [] and alerts_of(hooks, smtp, "")[1] == []

    decided = FIXTURES.parent / "artifacts"
    decided.mkdir(exist_ok=True)
    seasons = json.loads(ok(env, "show", TITLE, "--json").stdout)["seasons"]
    season = max(s["number"] for s in seasons if s["premiere_date"])  # the latest one out
    csv = decided / "bear-outcome.csv"
    csv.write_text("show_title,season,outcome,announced,source_url,evidence\n"
                   f"{TITLE},{season},renewed,2026-11-20,https://press.example/bear,"
                   "FX renewed The Bear.\n")
    ok(env, "ingest", "outcomes", str(csv))

    runners = [subprocess.Popen([sys.executable, "-m", "renewcast", "run-jobs", "--once",
                                 "alerts"], env=env, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True) for _ in range(2)]
    outputs = [r.communicate(timeout=120) for r in runners]
    assert [r.returncode for r in runners] == [0, 0], outputs
    smtp.wait_for(2, timeout=5)
    calls, mails = alerts_of(hooks, smtp, "status")
    assert sorted(c.path for c in hooks.calls) == ["/hook0", "/hook1"]
    assert len(calls) == 2 and len(mails) == 1
    assert mails[0].rcpt_tos == ["fan@example.org"] and TITLE in mails[0].subject


def test_tvmaze_job_brings_an_announced_premiere_to_followers(world):
    env, smtp, hooks, tvmaze = world
    ok(env, "sync", "tvmaze", TITLE)
    ok(env, "follow", TITLE, "--webhook", hooks.url("/bear"))
    ok(env, "run-jobs", "--once", "alerts")
    bear = next(s for s in load_fixture_shows() if s["name"] == TITLE)
    bear["updated"] += 1000
    last = bear["_embedded"]["seasons"][-1]
    bear["_embedded"]["seasons"].append({**last, "id": last["id"] + 999,
                                         "number": last["number"] + 1,
                                         "premiereDate": "2027-06-23", "endDate": None,
                                         "episodeOrder": 10})
    tvmaze.set_show(bear)
    done = ok(env, "run-jobs", "--once", "tvmaze")
    assert f"{TITLE}: updated" in done.stdout
    calls, _ = alerts_of(hooks, smtp, "premiere")
    assert len(calls) == 1 and "2027-06-23" in json.dumps(calls[0])


def _wait_for_lines(process, wanted: list[str], timeout: float) -> str:
    seen, deadline = "", time.monotonic() + timeout
    while time.monotonic() < deadline and not all(w in seen for w in wanted):
        line = process.stdout.readline()
        if not line and process.poll() is not None:
            break
        seen += line
    return seen


# scripts/test runs the SQLite and PostgreSQL passes side by side: one Redis database each.
REDIS_DB = 14 if BACKEND == "postgres" else 15


def _redis_answers() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=1) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(16).startswith(b"+PONG")
    except OSError:
        return False


@pytest.mark.parametrize("queue", ["embedded", "redis"])
def test_the_runner_works_the_queue_and_stops_on_sigint(world, queue):
    env, smtp, hooks, tvmaze = world
    if queue == "redis":
        if not _redis_answers():
            pytest.skip("no Redis on 127.0.0.1:6379 (scripts/test starts one)")
        import redis

        redis.Redis(host="127.0.0.1", port=6379, db=REDIS_DB).flushdb()
        env = {**env, "RENEWCAST_JOBS_URL": f"redis://127.0.0.1:6379/{REDIS_DB}"}
    runner = subprocess.Popen([sys.executable, "-m", "renewcast", "run-jobs", "--now"],
                              env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                              text=True)
    try:
        wanted = ["top10: netflix-top10", "tvmaze: TVmaze sync", "alerts: 0 new"]
        seen = _wait_for_lines(runner, wanted, 90)
        where = f"redis://127.0.0.1:6379/{REDIS_DB}" if queue == "redis" else "jobs.sqlite3"
        assert where in seen.splitlines()[0], seen
        assert "top10: netflix-top10" in seen and "tvmaze: TVmaze sync" in seen, seen
        assert "alerts: " in seen, seen
    finally:
        runner.send_signal(signal.SIGINT)
        try:
            runner.wait(timeout=30)
        except subprocess.TimeoutExpired:
            runner.kill()
            raise
    assert runner.returncode == 0
    assert "Traceback" not in (runner.stdout.read() or "")


def test_bad_queue_address_is_one_line(cli_env):
    done = run_cli({**cli_env, "RENEWCAST_JOBS_URL": "amqp://127.0.0.1/"}, "run-jobs", "--once")
    assert done.returncode == 2
    assert "RENEWCAST_JOBS_URL must be a redis:// address" in done.stderr
    bad = run_cli(cli_env, "run-jobs", "--once", "nonsense")
    assert bad.returncode == 2 and "invalid choice" in bad.stderr


def test_a_stopped_runner_lets_its_job_go(world):
    """SIGTERM mid-job (cron's timeout, systemd's stop) must not leave the job held."""
    env, smtp, hooks, tvmaze = world
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(8)  # accepts connections, never answers
    try:
        stuck = {**env, "RENEWCAST_TVMAZE_URL": f"http://127.0.0.1:{silent.getsockname()[1]}"}
        runner = subprocess.Popen([sys.executable, "-m", "renewcast", "run-jobs", "--once",
                                   "tvmaze"], env=stuck, stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE, text=True)
        time.sleep(4)  # well into waiting for TVmaze
        assert runner.poll() is None
        runner.send_signal(signal.SIGTERM)
        _, err = runner.communicate(timeout=30)
        assert runner.returncode != 0 and "Traceback" not in err
    finally:
        silent.close()
    done = ok(env, "run-jobs", "--once", "tvmaze")
    assert "skipped" not in done.stdout and "tvmaze: TVmaze sync" in done.stdout


@pytest.mark.django_db
def test_a_lease_is_held_once_and_lapses_by_itself():
    from datetime import timedelta

    from django.utils import timezone

    from renewcast.jobs.lease import Busy, lease
    from renewcast.jobs.models import JobLease

    with lease("alerts"):
        with pytest.raises(Busy), lease("alerts"):
            pass
        with lease("tvmaze"):  # other jobs are free
            pass
    with lease("alerts"):  # let go at the end of the block
        pass
    # a runner killed outright: its lease stands until it lapses
    JobLease.objects.filter(name="alerts").update(until=timezone.now() + timedelta(minutes=5))
    with pytest.raises(Busy), lease("alerts"):
        pass
    JobLease.objects.filter(name="alerts").update(until=timezone.now() - timedelta(seconds=1))
    with lease("alerts"):
        pass
