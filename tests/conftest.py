"""Shared test fixtures: real databases, real subprocesses, a real served site.

The suite runs twice (see scripts/test): once on SQLite and once on PostgreSQL,
chosen by ``DATABASE_URL``. In-process tests use pytest-django's test database;
tests that run the ``renewcast`` command get a database of their own (a fresh
data directory, and on PostgreSQL a fresh database created and dropped here).
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import urlparse, urlunparse

import pytest
from browser_helpers import CHROMIUM, CHROMIUM_ARGS

FIXTURES = Path(__file__).parent / "fixtures"
BACKEND = "postgres" if os.environ.get("DATABASE_URL", "").startswith("postgres") else "sqlite"


def fixture_bytes(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


@contextlib.contextmanager
def fresh_database_url():
    """On PostgreSQL, a new empty database for one subprocess test; None on SQLite."""
    if BACKEND != "postgres":
        yield None
        return
    import psycopg

    url = urlparse(os.environ["DATABASE_URL"])
    name = f"renewcast_t_{uuid.uuid4().hex[:12]}"
    admin = urlunparse(url._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield urlunparse(url._replace(path=f"/{name}"))
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _env(data_dir: Path, database_url: str | None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "RENEWCAST_DEBUG")}
    env["RENEWCAST_DATA_DIR"] = str(data_dir)
    env["RENEWCAST_SECRET_KEY"] = "test-only-secret"
    env["PYTHONUNBUFFERED"] = "1"
    # the tests' web servers are on loopback, which the product only fetches when allowed
    # (tests/test_url_safety.py runs without it)
    env["RENEWCAST_ALLOW_PRIVATE_FETCH"] = "1"
    if database_url:
        env["DATABASE_URL"] = database_url
    return env


@pytest.fixture(scope="module")
def bundled_cli_env(tmp_path_factory):
    """One database per test module holding the bundled data, made by ``renewcast init``."""
    with fresh_database_url() as url:
        env = _env(tmp_path_factory.mktemp("bundled") / "data", url)
        done = run_cli(env, "init")
        assert done.returncode == 0, done.stderr
        yield env


@pytest.fixture
def cli_env(tmp_path):
    """Environment variables for a ``renewcast`` subprocess with its own empty database."""
    with fresh_database_url() as url:
        yield _env(tmp_path / "data", url)


def run_cli(env: dict, *args: str, timeout: float = 180) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "renewcast", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        stdin=subprocess.DEVNULL,
    )


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Served:
    def __init__(self, url: str, process: subprocess.Popen, env: dict, startup_seconds: float):
        self.url, self.process, self.env = url, process, env
        self.startup_seconds = startup_seconds


@pytest.fixture(scope="session")
def served(tmp_path_factory):
    """``renewcast serve`` on a fresh database, exactly as a user first starts it."""
    with fresh_database_url() as url:
        env = _env(tmp_path_factory.mktemp("served") / "data", url)
        port = free_port()
        log = tmp_path_factory.mktemp("served-log") / "serve.log"
        started = time.monotonic()
        with open(log, "w") as out:
            process = subprocess.Popen(
                [sys.executable, "-m", "renewcast", "serve", "--port", str(port)],
                env=env, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
            )
        try:
            _wait_for_port(port, process, log, timeout=120)
            yield Served(f"http://127.0.0.1:{port}", process, env, time.monotonic() - started)
        finally:
            process.terminate()
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()


def _wait_for_port(port: int, process: subprocess.Popen, log: Path, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"renewcast serve exited early:\n{log.read_text()}")
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.5):
            return
        time.sleep(0.2)
    raise RuntimeError(f"renewcast serve did not listen within {timeout}s:\n{log.read_text()}")


@pytest.fixture(scope="module")
def browser():
    """Debian's chromium driven by Playwright, one per test module; pages come from
    ``browser_helpers.new_page``. Skips when chromium or Playwright is not installed."""
    if not CHROMIUM.exists():
        pytest.skip(f"browser tests need Debian's chromium at {CHROMIUM}, which is not installed")
    sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS,
                                             headless=True)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture(autouse=True)
def _forget_community_memory():
    """Each test starts with the in-process memories of the community empty: a test
    database rolled back under them leaves bans and season pages they still remember."""
    from renewcast.community import posting, views

    posting.forget_bans()
    views._PAGES.clear()
    yield


# -- the PostgreSQL pass runs only what a database can change ------------------------------

# Fixtures that give a test a database: pytest-django's, and the ``renewcast`` subprocesses'.
DATABASE_FIXTURES = {"db", "transactional_db", "django_db_setup", "cli_env", "bundled_cli_env",
                     "served", "live_server", "admin_client", "admin_user"}
# A module naming these picks its database itself (a fresh one per test, or the backend).
DATABASE_WORDS = ("fresh_database_url", "DATABASE_URL", "BACKEND")


def _uses_database(item) -> bool:
    if item.get_closest_marker("django_db") or DATABASE_FIXTURES & set(item.fixturenames):
        return True
    source = Path(str(item.fspath)).read_text(encoding="utf-8")
    return any(word in source for word in DATABASE_WORDS)


def pytest_collection_modifyitems(config, items):
    """On PostgreSQL, leave out the tests no database touches (the forecaster, the readers,
    the TVmaze client...): they ran in the SQLite pass and would only run again unchanged."""
    if BACKEND != "postgres" or os.environ.get("RENEWCAST_TEST_EVERYTHING"):
        return
    keep, left_out = [], []
    for item in items:
        (keep if _uses_database(item) else left_out).append(item)
    if left_out:
        config.hook.pytest_deselected(items=left_out)
        items[:] = keep
