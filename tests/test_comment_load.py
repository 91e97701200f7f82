"""An acknowledged comment is never lost or stored twice, under load and across a crash.

A fan who saw "Thanks! Your comment is posted." must find it there later, once. Posting
(:mod:`renewcast.community.posting`) promises that the 201 is sent only after the commit,
and that a form sent again with the same ``nonce`` is answered with the comment it already
made. These tests hold the real server to that: ``renewcast serve`` in a subprocess on its
own fresh database (SQLite, or a PostgreSQL database of its own when the suite runs on
PostgreSQL), 50 concurrent posters over HTTP, each with its own cookies and CSRF token,
and then the database itself, opened directly, as the judge.

The second test SIGKILLs the server in the middle of the load (no shutdown, no flush),
starts it again on the same database, and has the posters send every unanswered form
again with the same nonce: each must end up stored exactly once. What may legitimately
differ from the acknowledgements after a kill is only the requests that were in flight:
the server may have committed them without getting the answer out. Nothing else.

The per-client rate limit is off (``RENEWCAST_COMMENT_RATE=0``): every poster here comes
from 127.0.0.1 and would share one limit.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import string
import subprocess
import sys
import threading
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest
from conftest import BACKEND, _wait_for_port, free_port, run_cli

DISCUSS = "/shows/partner-track/season-2/discuss/"
POSTERS = 50
REPLY_EVERY = 3  # every third comment replies to one already acknowledged
TIMEOUT = 30


@dataclass
class Post:
    text: str
    nonce: str
    parent: int | None = None
    id: int | None = None  # set once acknowledged
    stored_parent: int | None = None  # as answered (a deep reply climbs to an ancestor)

    def form(self) -> dict[str, str]:
        return {"name": "Load Fan", "email": "", "comment": self.text,
                "parent": str(self.parent or ""), "nonce": self.nonce, "website": ""}


@dataclass
class Poster:
    """One reader's browser: its own cookie jar and CSRF token, posting one form at a time."""

    index: int
    url: str
    client: httpx.Client = field(init=False)
    token: str = ""
    acked: list[Post] = field(default_factory=list)
    failed: list[Post] = field(default_factory=list)  # no answer: stored or not, unknown
    refused: list[tuple[Post, int, str]] = field(default_factory=list)  # a definite "no"

    def __post_init__(self):
        self.client = httpx.Client(base_url=self.url, timeout=TIMEOUT)

    def open_form(self) -> None:
        page = self.client.get(DISCUSS + "fragment/")
        assert page.status_code == 200, page.text[:500]
        assert 'name="csrfmiddlewaretoken"' in page.text and 'name="nonce"' in page.text
        self.token = self.client.cookies["csrftoken"]

    def move_to(self, url: str) -> None:
        """The server came back on another port: same browser, same cookies."""
        old, self.url = self.client, url
        self.client = httpx.Client(base_url=url, timeout=TIMEOUT, cookies=old.cookies)
        old.close()

    def send(self, post: Post) -> httpx.Response | None:
        try:
            return self.client.post(DISCUSS, data=post.form(), headers={
                "Accept": "application/json", "X-CSRFToken": self.token})
        except httpx.TransportError:
            return None

    def post(self, post: Post, board: Board) -> bool:
        """Send ``post``; False when the server gave no answer (e.g. it was killed)."""
        response = self.send(post)
        if response is None:
            self.failed.append(post)
            return False
        if response.status_code == 201:
            body = response.json()
            assert body["repeated"] is False
            post.id, post.stored_parent = body["id"], body["parent"]
            self.acked.append(post)
            board.acknowledged(post, body["status"])
        else:
            self.refused.append((post, response.status_code, response.text[:300]))
        return True

    def run(self, count: int, board: Board, resend_at: int | None = None) -> None:
        try:
            self.open_form()
        except httpx.TransportError:
            return
        for n in range(count):
            if board.stop.is_set():
                return
            parent = board.parent_for(n)
            post = Post(f"{unique_words()} from poster {self.index}, comment {n}",
                        uuid.uuid4().hex, parent)
            if not self.post(post, board):
                return  # the server is gone: this poster waits for it to come back
            if n == resend_at and post.id is not None:
                self.resend_acknowledged(post)

    def resend_acknowledged(self, post: Post) -> None:
        """The answer was lost on the way (as far as the reader knows): press Post again."""
        again = self.send(post)
        if again is None:
            return
        body = again.json() if again.status_code in (200, 201) else {}
        if (again.status_code, body.get("id"), body.get("repeated")) != (200, post.id, True):
            self.refused.append((post, again.status_code, again.text[:300]))


class Board:
    """What all posters share: the published comments to reply to, and a stop signal."""

    def __init__(self):
        self.lock = threading.Lock()
        self.published: list[int] = []
        self.count = 0
        self.stop = threading.Event()

    def acknowledged(self, post: Post, status: str) -> None:
        with self.lock:
            self.count += 1
            if status == "published":
                self.published.append(post.id)

    def parent_for(self, n: int) -> int | None:
        with self.lock:
            if n % REPLY_EVERY == REPLY_EVERY - 1 and self.published:
                return random.choice(self.published)
        return None


def unique_words() -> str:
    # Letters only: digits could look like a phone number to the spam score.
    return "".join(random.choices(string.ascii_lowercase, k=20))


def in_threads(work, items) -> None:
    """``work(item)`` for every item at once, each in its own thread; re-raise any error."""
    errors: list[BaseException] = []

    def guarded(item):
        try:
            work(item)
        except BaseException as exc:  # handed to the test below
            errors.append(exc)

    threads = [threading.Thread(target=guarded, args=(item,), daemon=True) for item in items]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
        assert not thread.is_alive(), "a poster hung"
    if errors:
        raise errors[0]


class Server:
    def __init__(self, env: dict, log_dir: Path):
        self.env, self.log_dir, self.process, self.starts = env, log_dir, None, 0

    def start(self) -> str:
        self.starts += 1
        port = free_port()
        log = self.log_dir / f"serve-{self.starts}.log"
        with open(log, "w") as out:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "renewcast", "serve", "--port", str(port)],
                env=self.env, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        _wait_for_port(port, self.process, log, timeout=60)
        return f"http://127.0.0.1:{port}"

    def kill(self) -> None:
        os.kill(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=15)
        if self.env.get("DATABASE_URL"):
            self._wait_for_orphans()

    def _wait_for_orphans(self) -> None:
        """PostgreSQL may still be finishing a COMMIT the dead server sent: wait until its
        sessions are gone, so what the test reads next is final."""
        import psycopg

        deadline = time.monotonic() + 20
        with psycopg.connect(self.env["DATABASE_URL"], autocommit=True) as conn:
            while time.monotonic() < deadline:
                others = conn.execute("SELECT count(*) FROM pg_stat_activity WHERE backend_type = "
                                      "'client backend' AND datname = "
                                      "current_database() AND pid <> pg_backend_pid()")
                if others.fetchone()[0] == 0:
                    return
                time.sleep(0.05)
        raise AssertionError("the killed server's PostgreSQL sessions did not end")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()


def stored_comments(env: dict) -> list[tuple[int, str, str | None, int | None]]:
    """(id, body, nonce, parent_id) of every comment, read from the database itself."""
    query = "SELECT id, body, nonce, parent_id FROM community_comment ORDER BY id"
    if env.get("DATABASE_URL"):
        import psycopg

        with psycopg.connect(env["DATABASE_URL"]) as conn:
            return list(conn.execute(query))
    path = Path(env["RENEWCAST_DATA_DIR"]) / "renewcast.sqlite3"
    conn = sqlite3.connect(path)
    try:
        return list(conn.execute(query))
    finally:
        conn.close()


def check_stored_once(rows, posts: list[Post]) -> None:
    """Each of ``posts`` (all acknowledged) is stored exactly once, as acknowledged."""
    by_text: dict[str, list[tuple]] = {}
    for row in rows:
        by_text.setdefault(row[1], []).append(row)
    lost = [p for p in posts if p.text not in by_text]
    twice = {p.text: by_text[p.text] for p in posts if len(by_text.get(p.text, ())) > 1}
    assert not lost, f"{len(lost)} acknowledged comments are not stored, e.g. {lost[:3]}"
    assert not twice, f"{len(twice)} comments are stored more than once: {list(twice)[:3]}"
    wrong = [(p, by_text[p.text][0]) for p in posts
             if by_text[p.text][0] != (p.id, p.text, p.nonce, p.stored_parent)]
    assert not wrong, f"{len(wrong)} stored differently from their acknowledgement: {wrong[:3]}"


@pytest.fixture
def server_env(cli_env):
    env = {**cli_env, "RENEWCAST_COMMENT_RATE": "0", "RENEWCAST_LOG_LEVEL": "WARNING"}
    done = run_cli(env, "init")
    assert done.returncode == 0, done.stderr
    return env


@pytest.fixture
def server(server_env, tmp_path):
    running = Server(server_env, tmp_path)
    yield running
    running.stop()


def test_no_acknowledged_comment_is_lost_under_load(server, server_env):
    before = stored_comments(server_env)
    url = server.start()
    started = time.monotonic()
    board = Board()
    posters = [Poster(i, url) for i in range(POSTERS)]
    in_threads(lambda p: p.run(12, board, resend_at=4), posters)
    elapsed = time.monotonic() - started

    acked = [p for poster in posters for p in poster.acked]
    refused = [r for poster in posters for r in poster.refused]
    failed = [p for poster in posters for p in poster.failed]
    assert not failed, f"{len(failed)} posts got no answer from a running server"
    rows = stored_comments(server_env)
    check_stored_once(rows, acked)
    # Nothing was in flight at the end, so nothing beyond the acknowledged is stored.
    assert len(rows) == len(before) + len(acked)
    assert {r[0] for r in rows} - {r[0] for r in before} == {p.id for p in acked}
    assert not refused, f"{len(refused)} posts were refused, e.g. {refused[:3]}"
    assert len(acked) == POSTERS * 12
    assert any(p.parent for p in acked), "no replies were posted"
    print(f"\n{len(acked)} comments from {POSTERS} posters in {elapsed:.1f} s ({BACKEND})")


def test_acknowledged_comments_survive_sigkill_and_retries_store_once(server, server_env):
    count, kill_after = 16, 150  # 800 planned; the kill comes a fifth of the way in
    before = stored_comments(server_env)
    url = server.start()
    board = Board()
    posters = [Poster(i, url) for i in range(POSTERS)]

    def killer():
        deadline = time.monotonic() + 60
        while board.count < kill_after and time.monotonic() < deadline:
            time.sleep(0.005)
        server.kill()

    kill_thread = threading.Thread(target=killer, daemon=True)
    kill_thread.start()
    in_threads(lambda p: p.run(count, board), posters)
    kill_thread.join(timeout=70)
    assert server.process.returncode == -signal.SIGKILL

    acked = [p for poster in posters for p in poster.acked]
    failed = [p for poster in posters for p in poster.failed]
    refused = [r for poster in posters for r in poster.refused]
    assert not refused, f"{len(refused)} posts were refused, e.g. {refused[:3]}"
    assert kill_after <= len(acked) < POSTERS * count, "the kill did not come mid-load"
    assert failed, "no post was cut off by the kill"
    assert len(failed) <= POSTERS  # each poster stops at its first unanswered post

    # Straight after the kill, before anything starts again: the database on disk.
    rows = stored_comments(server_env)
    check_stored_once(rows, acked)
    new = [r for r in rows if r[0] not in {b[0] for b in before}]
    unacked = [r for r in new if r[0] not in {p.id for p in acked}]
    failed_by_text = {p.text: p for p in failed}
    strays = [r for r in unacked if r[1] not in failed_by_text]
    assert not strays, f"stored but never acknowledged nor in flight: {strays[:3]}"
    assert all(r[2] == failed_by_text[r[1]].nonce for r in unacked)
    in_flight_stored = {r[2]: r[0] for r in unacked}  # nonce -> id, committed but unanswered
    assert len(new) == len(acked) + len(in_flight_stored)

    # Back up on the same database; every unanswered form is sent again, same nonce.
    url = server.start()
    outcomes: dict[str, tuple[int, dict]] = {}

    def retry(poster: Poster):
        poster.move_to(url)
        # The last acknowledged form too, as if its answer had been lost with the server:
        # committed before the kill, like an in-flight one can be, but always there.
        for post in poster.failed + poster.acked[-1:]:
            response = poster.send(post)
            assert response is not None, "the restarted server did not answer"
            outcomes[post.nonce] = (response.status_code, response.json())

    in_threads(retry, [p for p in posters if p.failed or p.acked])
    assert len(outcomes) == len(failed) + sum(1 for p in posters if p.acked)
    for post in (p.acked[-1] for p in posters if p.acked):
        status, body = outcomes[post.nonce]
        assert (status, body.get("id"), body.get("repeated")) == (200, post.id, True), body

    for post in failed:
        status, body = outcomes[post.nonce]
        if post.nonce in in_flight_stored:  # committed before the kill: answered with it
            assert (status, body.get("id"), body.get("repeated")) == (
                200, in_flight_stored[post.nonce], True), body
        else:
            assert (status, body.get("repeated")) == (201, False), body
        post.id, post.stored_parent = body["id"], body["parent"]

    rows = stored_comments(server_env)
    check_stored_once(rows, acked + failed)
    assert len(rows) == len(before) + len(acked) + len(failed)
    print(f"\nkilled after {len(acked)} acknowledgements; {len(failed)} unanswered, "
          f"{len(in_flight_stored)} of them committed before the kill ({BACKEND})")
