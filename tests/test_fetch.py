"""fetch() against a real local HTTP server on 127.0.0.1, and against local paths."""

from __future__ import annotations

import datetime as dt
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from renewcast.sources import fetch as fetching
from renewcast.sources.errors import SourceError
from renewcast.sources.fetch import MAX_REDIRECTS

FIXTURES = Path(__file__).parent / "fixtures"
OK_BYTES = (FIXTURES / "top10-excerpt.tsv").read_bytes()
BIG_BYTES = b"x" * 5000
SMALL_LIMIT = 1000
PROXY_VARIABLES = (
    "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy",
)


def fetch(location, **kwargs):
    """The test server is on loopback, which the product refuses unless allowed
    (tests/test_url_safety.py checks the refusal)."""
    return fetching.fetch(location, allow_private=True, **kwargs)


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.0"  # close-delimited bodies are allowed, as some servers send

    def do_GET(self):  # the name http.server calls
        self.server.requests.append((self.path, self.headers.get("User-Agent")))
        if self.path == "/ok.tsv":
            self._send(200, OK_BYTES, "text/tab-separated-values; charset=utf-8")
        elif self.path == "/missing":
            self._send(404, b"not here", "text/plain")
        elif self.path == "/boom":
            self._send(500, b"broken", "text/plain")
        elif self.path == "/loop":
            self._redirect("/loop")
        elif self.path == "/redirect":
            self._redirect("/ok.tsv")
        elif self.path == "/big":
            self._send(200, BIG_BYTES, "application/octet-stream")
        elif self.path == "/big-undeclared":
            # No Content-Length: the size is only known while reading the body.
            self.send_response(200)
            self.send_header("Content-Type", "application/octet-stream")
            self.end_headers()
            for _ in range(10):
                self.wfile.write(b"y" * 500)
        else:
            self._send(404, b"unknown", "text/plain")

    def _send(self, status: int, body: bytes, content_type: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _redirect(self, target: str) -> None:
        self.send_response(302)
        self.send_header("Location", target)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):  # keep the test output quiet
        pass


@pytest.fixture(scope="module")
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.requests = []
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield httpd
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)


@pytest.fixture
def base(server, monkeypatch):
    # Make sure httpx talks to 127.0.0.1 directly, never through a proxy from the environment.
    for name in PROXY_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    server.requests.clear()
    host, port = server.server_address[:2]
    return f"http://{host}:{port}"


def one_line(message: str) -> str:
    assert message
    assert "\n" not in message and "\r" not in message, repr(message)
    return message


def fetch_error(location: str, **kwargs) -> str:
    with pytest.raises(SourceError) as info:
        fetch(location, **kwargs)
    return one_line(str(info.value))


# --- HTTP ----------------------------------------------------------------------------


def test_fetch_ok(base, server):
    before = dt.datetime.now(dt.UTC)
    got = fetch(f"{base}/ok.tsv")
    assert got.data == OK_BYTES
    assert got.location == f"{base}/ok.tsv"
    assert got.is_url is True
    assert got.content_type == "text/tab-separated-values; charset=utf-8"
    assert before <= got.retrieved_at <= dt.datetime.now(dt.UTC)
    assert [path for path, _ in server.requests] == ["/ok.tsv"]


def test_request_carries_the_renewcast_user_agent(base, server):
    fetch(f"{base}/ok.tsv")
    (path, agent), = server.requests
    assert path == "/ok.tsv"
    assert agent is not None and agent.startswith("renewcast/"), agent


def test_redirect_is_followed_to_the_final_url(base, server):
    got = fetch(f"{base}/redirect")
    assert got.data == OK_BYTES
    assert got.location == f"{base}/ok.tsv"
    assert [path for path, _ in server.requests] == ["/redirect", "/ok.tsv"]
    assert all(agent.startswith("renewcast/") for _, agent in server.requests)


def test_http_404(base):
    message = fetch_error(f"{base}/missing")
    assert "HTTP 404" in message
    assert f"{base}/missing" in message


def test_http_500(base):
    message = fetch_error(f"{base}/boom")
    assert "HTTP 500" in message


def test_redirect_loop_stops(base, server):
    message = fetch_error(f"{base}/loop")
    assert "redirects" in message
    hits = [path for path, _ in server.requests]
    assert set(hits) == {"/loop"}
    assert 2 <= len(hits) <= MAX_REDIRECTS + 1


def test_declared_body_over_the_limit(base):
    message = fetch_error(f"{base}/big", max_bytes=SMALL_LIMIT)
    assert "over" in message
    assert "1,000 bytes" in message


def test_undeclared_body_over_the_limit(base):
    message = fetch_error(f"{base}/big-undeclared", max_bytes=SMALL_LIMIT)
    assert "over" in message
    assert "1,000 bytes" in message


def test_body_at_the_limit_is_fine(base):
    got = fetch(f"{base}/big", max_bytes=len(BIG_BYTES))
    assert got.data == BIG_BYTES
    got = fetch(f"{base}/big-undeclared", max_bytes=5000)
    assert got.data == b"y" * 5000


def test_connection_refused_on_a_closed_port(monkeypatch):
    for name in PROXY_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    # The socket is closed: nothing listens on that port any more.
    message = fetch_error(f"http://127.0.0.1:{port}/ok.tsv")
    assert message.startswith(f"could not fetch http://127.0.0.1:{port}/ok.tsv: ")


# --- local paths and other addresses --------------------------------------------------


def test_local_file(tmp_path):
    path = tmp_path / "copy.tsv"
    path.write_bytes(OK_BYTES)
    got = fetch(str(path))
    assert got.data == OK_BYTES
    assert got.location == str(path)
    assert got.is_url is False


def test_local_file_over_the_limit(tmp_path):
    path = tmp_path / "copy.tsv"
    path.write_bytes(BIG_BYTES)
    message = fetch_error(str(path), max_bytes=SMALL_LIMIT)
    assert "over" in message


def test_missing_local_path(tmp_path):
    missing = tmp_path / "nowhere" / "all-weeks-global.tsv"
    message = fetch_error(str(missing))
    assert message == f"no such file: {missing}"


def test_directory_is_refused(tmp_path):
    message = fetch_error(str(tmp_path))
    assert "directory" in message


@pytest.mark.parametrize("location", ["ftp://x/y", "file:///etc/hostname", "gopher://x/1"])
def test_other_schemes_are_refused(location):
    message = fetch_error(location)
    assert location in message
