"""``renewcast serve --workers N``: several processes on one port, supervised.

Real processes, real signals: the workers all answer, a worker that dies is replaced,
SIGTERM stops them all, a parent killed with SIGKILL takes its workers with it, and a
taken port is refused with a message.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from conftest import _wait_for_port, free_port, run_cli

pytestmark = pytest.mark.skipif(not Path("/proc/self/task").exists(),
                                reason="reads worker pids from /proc (Linux)")


def _children(pid: int) -> list[int]:
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return []
    return [int(p) for p in text.split()]


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _sockets(pid: int) -> int:
    fds = Path(f"/proc/{pid}/fd")
    return sum(1 for fd in fds.iterdir() if os.readlink(fd).startswith("socket:"))


def _wait(predicate, seconds: float = 20) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.1)
    return False


def _start(env: dict, tmp_path: Path, workers: int = 2):
    port = free_port()
    log = tmp_path / f"serve-{port}.log"
    with open(log, "w") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "renewcast", "serve", "--port", str(port),
             "--workers", str(workers), "--threads", "2"],
            env=env, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    _wait_for_port(port, process, log, timeout=120)
    if workers > 1:
        assert _wait(lambda: len(_children(process.pid)) == workers), log.read_text()
    return process, port


@pytest.fixture(scope="module")
def env(bundled_cli_env):
    return bundled_cli_env


def test_every_worker_answers_and_a_dead_one_is_replaced(env, tmp_path):
    process, port = _start(env, tmp_path)
    try:
        # New connections are spread over the workers: with 20 keep-alive connections
        # open, each worker holds some of them besides its listening socket.
        clients = [httpx.Client(timeout=30) for _ in range(20)]
        try:
            for client in clients:
                response = client.get(f"http://127.0.0.1:{port}/shows/partner-track/season-2/")
                assert response.status_code == 200
            workers = _children(process.pid)
            assert len(workers) == 2
            held = {pid: _sockets(pid) for pid in workers}
        finally:
            for client in clients:
                client.close()
        assert all(count >= 2 for count in held.values()), held

        victim = workers[0]
        os.kill(victim, signal.SIGKILL)
        assert _wait(lambda: victim not in _children(process.pid)
                     and len(_children(process.pid)) == 2)
        assert httpx.get(f"http://127.0.0.1:{port}/", timeout=30).status_code == 200
    finally:
        process.terminate()
        process.wait(timeout=30)


def test_sigterm_stops_every_worker(env, tmp_path):
    process, _ = _start(env, tmp_path)
    workers = _children(process.pid)
    process.send_signal(signal.SIGTERM)
    assert process.wait(timeout=30) is not None
    assert _wait(lambda: not any(_alive(pid) for pid in workers))


def test_workers_die_with_a_killed_parent(env, tmp_path):
    process, port = _start(env, tmp_path)
    workers = _children(process.pid)
    process.kill()
    process.wait(timeout=30)
    assert _wait(lambda: not any(_alive(pid) for pid in workers)), "orphaned workers"
    with pytest.raises(httpx.ConnectError):
        httpx.get(f"http://127.0.0.1:{port}/", timeout=5)


def test_a_taken_port_is_refused_with_a_message(env):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = run_cli(env, "serve", "--port", str(port), "--workers", "2", timeout=60)
    assert done.returncode != 0
    assert f"cannot listen on 127.0.0.1:{port}" in done.stderr
    assert "Traceback" not in done.stderr


def test_behind_a_proxy_each_forwarded_reader_is_its_own_client(env, tmp_path):
    """waitress drops X-Forwarded-For from peers it does not trust; with
    RENEWCAST_BEHIND_PROXY the header must reach the rate limit, or every reader behind
    the proxy would share one limit of 5 comments a minute."""
    process, port = _start({**env, "RENEWCAST_BEHIND_PROXY": "1"}, tmp_path, workers=1)
    base = f"http://127.0.0.1:{port}/shows/partner-track/season-2/discuss/"
    try:
        answers = []
        for n in range(7):
            with httpx.Client(timeout=30, headers={"X-Forwarded-For": f"203.0.113.{n}"}) as c:
                c.get(base + "fragment/").raise_for_status()
                answers.append(c.post(base, data={"name": f"Reader {n}",
                                                  "comment": f"Proxy reader {n} here"},
                                      headers={"Accept": "application/json",
                                               "X-CSRFToken": c.cookies["csrftoken"]})
                               .status_code)
        assert answers == [201] * 7
        with httpx.Client(timeout=30, headers={"X-Forwarded-For": "203.0.113.99"}) as c:
            c.get(base + "fragment/").raise_for_status()
            same = [c.post(base, data={"name": "Fast", "comment": f"Quick {n}"},
                           headers={"Accept": "application/json",
                                    "X-CSRFToken": c.cookies["csrftoken"]}).status_code
                    for n in range(6)]
        assert same == [201] * 5 + [429]  # one forwarded reader is still limited
    finally:
        process.terminate()
        process.wait(timeout=30)
