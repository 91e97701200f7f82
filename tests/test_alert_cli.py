"""``renewcast follow``, ``unfollow`` and ``follows`` as a user runs them: real subprocesses
on a database of their own, e-mail through a real SMTP server on loopback.
"""

from __future__ import annotations

import re
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from alert_receivers import smtp_server  # noqa: F401 - a fixture
from conftest import _env, fresh_database_url, run_cli

CREATE = ("from renewcast.catalog.models import Show; "
          "Show.objects.create(title='Partner Track', slug='partner-track', platform='Netflix')")


@pytest.fixture(scope="module")
def env(tmp_path_factory):
    with fresh_database_url() as url:
        env = _env(tmp_path_factory.mktemp("alerts-cli") / "data", url)
        env.pop("RENEWCAST_ALLOW_PRIVATE_WEBHOOKS", None)
        # The embedded job queue's file lives there, on PostgreSQL too.
        Path(env["RENEWCAST_DATA_DIR"]).mkdir(parents=True, exist_ok=True)
        assert run_cli(env, "init", "--empty").returncode == 0
        done = run_cli(env, "manage", "shell", "-c", CREATE)
        assert done.returncode == 0, done.stderr
        yield env


def refused(env: dict, *args: str, code: int = 2) -> str:
    done = run_cli(env, *args)
    assert done.returncode == code, (done.stdout, done.stderr)
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr  # one line, never a traceback
    return lines[0]


BAD = [
    (("--email", "not-an-address"), "not-an-address is not a valid e-mail address"),
    (("--email", ""), "give an e-mail address"),
    (("--webhook", "http://127.0.0.1:8000/hook"),
     "webhook address http://127.0.0.1:8000/hook points at a loopback address; renewcast "
     "only calls public addresses"),
    (("--webhook", "http://localhost/hook"), "points at a loopback address"),
    (("--webhook", "http://[::1"), "is not a valid URL"),  # was "unexpected ValueError"
    (("--webhook", "http://10.0.0.5/hook"), "points at a private address"),
    (("--webhook", "http://169.254.169.254/latest/meta-data/"),
     "points at a link-local address"),
    (("--webhook", "ftp://files.example.com/hook"),
     "webhook address ftp://files.example.com/hook is not an http:// or https:// address"),
]


def test_bad_addresses_are_one_clear_line(env):
    # Side by side: each is a separate ``renewcast`` process, as a user would run it.
    with ThreadPoolExecutor(len(BAD)) as pool:
        lines = list(pool.map(lambda args: refused(env, "follow", "Partner Track", *args),
                              [args for args, _ in BAD]))
    for line, (args, message) in zip(lines, BAD, strict=True):
        assert line.startswith("renewcast: error: "), args
        assert message in line, (args, line)
    listed = run_cli(env, "follows", "Partner Track")
    assert "10.0.0.5" not in listed.stdout and "not-an-address" not in listed.stdout


def test_an_unknown_title_is_not_found(env):
    line = refused(env, "follow", "No Such Show Anywhere", "--email", "fan@example.com", code=1)
    assert line == ("renewcast: error: no show named 'No Such Show Anywhere'; to add it from "
                    "TVmaze: renewcast sync tvmaze 'No Such Show Anywhere'")
    typo = refused(env, "follow", "Partner Trak", "--email", "fan@example.com", code=1)
    assert typo == "renewcast: error: no show named 'Partner Trak'; did you mean: Partner Track"


def test_exactly_one_of_email_or_webhook(env):
    both = run_cli(env, "follow", "Partner Track", "--email", "a@example.com",
                   "--webhook", "https://example.com/")
    assert both.returncode == 2 and "not allowed with argument" in both.stderr
    neither = run_cli(env, "follow", "Partner Track")
    assert neither.returncode == 2 and "one of the arguments --email --webhook" in neither.stderr


def test_follow_by_email_sends_the_confirmation(env, smtp_server):  # noqa: F811
    done = run_cli({**env, **smtp_server.env()}, "follow", "partner track",
                   "--email", "Fan@Example.com")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("confirmation e-mail sent to fan@example.com: Partner Track "
                                  "is followed once the link in it is opened and confirmed")
    [message] = smtp_server.wait_for(1)
    assert message.rcpt_tos == ["fan@example.com"]
    assert message.subject == "Confirm: follow Partner Track on renewcast"
    assert re.search(r"http://127\.0\.0\.1:8000/alerts/confirm/[\w-]+/", message.text)
    listed = run_cli(env, "follows", "Partner Track")
    assert "Partner Track\temail\tfan@example.com\tpending" in listed.stdout


def test_follow_by_email_without_a_mail_server_prints_it(env):
    done = run_cli(env, "follow", "Partner Track", "--email", "console@example.com")
    assert done.returncode == 0, done.stderr
    assert "/alerts/confirm/" in done.stdout  # the console backend's copy
    assert "printed here instead of sent" in done.stderr


def test_follow_by_webhook_prints_the_secret_once_then_unfollow(env):
    allowed = {**env, "RENEWCAST_ALLOW_PRIVATE_WEBHOOKS": "1"}
    url = "http://127.0.0.1:9/renewcast"
    done = run_cli(allowed, "follow", "Partner Track", "--webhook", url)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == f"following Partner Track by webhook {url}"
    assert re.fullmatch(r"signing secret: [0-9a-f]{64}", lines[1])
    assert "X-Renewcast-Signature: sha256=" in done.stdout
    assert "renewcast unfollow 'Partner Track' --webhook" in done.stdout
    again = run_cli(allowed, "follow", "Partner Track", "--webhook", url)
    assert again.returncode == 0 and "already follows" in again.stdout
    assert lines[1].split()[-1] not in again.stdout
    assert f"{url}\tactive" in run_cli(env, "follows").stdout
    stop = run_cli(env, "unfollow", "Partner Track", "--webhook", url)
    assert stop.stdout.strip() == f"{url} no longer follows Partner Track"
    assert "had already stopped" in run_cli(env, "unfollow", "Partner Track",
                                            "--webhook", url).stdout
    assert f"{url}\tunsubscribed" in run_cli(env, "follows").stdout


def test_unfollow_of_an_address_that_does_not_follow(env):
    line = refused(env, "unfollow", "Partner Track", "--email", "stranger@example.com", code=1)
    assert line == "renewcast: error: stranger@example.com does not follow Partner Track"
