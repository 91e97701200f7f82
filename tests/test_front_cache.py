"""The documented nginx front (``renewcast front-config``) in front of ``renewcast serve``:
it serves repeat views of public pages from its cache, never stores what is personal, lets
signed-in readers through, and an editor's confirmed decision shows through it within the
documented time (twice ``RENEWCAST_CACHE_SECONDS``)."""

from __future__ import annotations

import contextlib
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from conftest import _env as cli_environment
from conftest import _wait_for_port, free_port, fresh_database_url, run_cli

from renewcast.front import standalone_config

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
CACHE_SECONDS = 2
PAGE = "/shows/partner-track/"
ARTICLE = (
    "Netflix Renews Partner Track For Season 2\n\nPublished: June 3, 2025\n\n"
    "Netflix has officially renewed Partner Track for a second season, the streamer "
    "announced on Tuesday. The legal drama starring Arden Cho as Ingrid Yun was canceled "
    "in 2022 but fans campaigned for its return for years, and the show was a hit again "
    "when it came back to the Top 10 last month with millions of hours viewed.\n")
CONFIRM_STATUS = """
from renewcast.catalog.models import Claim
from renewcast.catalog.review import review
review(list(Claim.objects.filter(state="proposed", kind="status",
                                 show__slug="partner-track")), "confirmed", None)
"""

pytestmark = pytest.mark.skipif(not Path(NGINX).exists(),
                                reason="nginx is not installed (scripts/test installs it)")


@pytest.fixture(scope="module")
def front(tmp_path_factory):
    """renewcast serve on the bundled data, and nginx with the documented config before it."""
    base = tmp_path_factory.mktemp("front")
    with fresh_database_url() as url:
        env = {**cli_environment(base / "data", url),
               "RENEWCAST_CACHE_SECONDS": str(CACHE_SECONDS),
               "RENEWCAST_PAGE_CACHE_SECONDS": "0.5"}
        assert run_cli(env, "init").returncode == 0
        app_port, front_port = free_port(), free_port()
        log = open(base / "serve.log", "w")
        app = subprocess.Popen([sys.executable, "-m", "renewcast", "serve", "--port",
                                str(app_port)], env=env, stdout=log, stderr=subprocess.STDOUT)
        conf = standalone_config(base / "nginx", f"127.0.0.1:{app_port}",
                                 f"127.0.0.1:{front_port}")
        nginx = subprocess.Popen([NGINX, "-c", str(conf), "-p", str(base / "nginx")],
                                 stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        try:
            _wait_for_port(app_port, app, base / "serve.log", timeout=120)
            _wait_for_port(front_port, nginx, base / "nginx" / "error.log", timeout=20)
            yield env, f"http://127.0.0.1:{front_port}"
        finally:
            for process in (nginx, app):
                process.terminate()
                with contextlib.suppress(subprocess.TimeoutExpired):
                    process.wait(timeout=15)
            log.close()


def cache_status(client, url, **kwargs) -> tuple[str, httpx.Response]:
    response = client.get(url, **kwargs)
    return response.headers.get("X-Cache-Status", ""), response


def test_repeat_views_of_a_public_page_come_from_the_cache(front):
    _env, base = front
    with httpx.Client() as client:
        statuses = [cache_status(client, base + "/shows/wednesday/")[0] for _ in range(3)]
    assert statuses[0] in ("MISS", "EXPIRED", "HIT", "STALE", "UPDATING")
    assert statuses[-1] == "HIT", statuses


def test_personal_pages_are_never_stored(front):
    _env, base = front
    url = base + "/shows/partner-track/season-2/discuss/"
    with httpx.Client() as client:
        statuses = [cache_status(client, url)[0] for _ in range(3)]
        tokens = {cache_status(httpx.Client(), url)[1].cookies.get("csrftoken")
                  for _ in range(2)}
    assert "HIT" not in statuses, statuses
    assert len(tokens) == 2  # each reader their own token, never a shared copy


def test_signed_in_readers_skip_the_cache(front):
    _env, base = front
    with httpx.Client() as client:
        cache_status(client, base + "/")
    with httpx.Client(cookies={"sessionid": "x"}) as signed_in:
        status, _ = cache_status(signed_in, base + "/")
    assert status == "BYPASS"


def renewed(html: str) -> bool:
    status = re.search(r'class="status status-(\w+)"', html)
    assert status, "no status on the page"
    return status.group(1) == "renewed"


def test_a_confirmed_decision_shows_through_the_front_in_time(front, tmp_path):
    env, base = front
    with httpx.Client() as client:
        for _ in range(2):
            status, before = cache_status(client, base + PAGE)
        assert status == "HIT" and not renewed(before.text)
        article = tmp_path / "renewed.txt"
        article.write_text(ARTICLE, encoding="utf-8")
        for command in (("read", str(article)), ("manage", "shell", "-c", CONFIRM_STATUS)):
            done = run_cli(env, *command)
            assert done.returncode == 0, done.stderr
        decided = time.monotonic()
        limit = 2 * CACHE_SECONDS + 1.5  # documented: twice the lifetime, plus the page cache
        while time.monotonic() - decided < limit + 5:
            _status, page = cache_status(client, base + PAGE)
            if renewed(page.text):
                break
            time.sleep(0.25)
        took = time.monotonic() - decided
    assert renewed(page.text)
    assert took <= limit, f"the decision took {took:.1f} s to show through the front"
