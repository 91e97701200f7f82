"""Real receivers for alert tests: an SMTP server and a webhook endpoint on loopback.

``SmtpServer`` is aiosmtpd listening on 127.0.0.1, keeping every message it is given
(parsed, with its envelope). ``WebhookReceiver`` is a threaded HTTP server recording each
request's path, headers and body; its answers can be scripted ("fail twice with 500,
then 200"). Both also serve ``renewcast`` subprocesses, which reach them over the network
like any outside server. Import the fixtures into a test module to use them.

The end of the module makes the catalog facts alerts react to (a show, a confirmed
decision, an official statement) and a confirmed e-mail follow.
"""

from __future__ import annotations

import email
import email.policy
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from aiosmtpd.controller import Controller
from conftest import free_port


@dataclass(frozen=True)
class Mail:
    mail_from: str
    rcpt_tos: list[str]
    message: email.message.EmailMessage

    @property
    def subject(self) -> str:
        return str(self.message["Subject"])

    def part(self, content_type: str) -> str:
        for part in self.message.walk():
            if part.get_content_type() == content_type:
                return part.get_content()
        raise AssertionError(f"no {content_type} part in {self.subject!r}")

    @property
    def text(self) -> str:
        return self.part("text/plain")

    @property
    def html(self) -> str:
        return self.part("text/html")


class SmtpServer:
    def __init__(self):
        self.port = free_port()
        self.host = "127.0.0.1"
        self.messages: list[Mail] = []
        self._lock = threading.Lock()
        self._controller = Controller(self, hostname=self.host, port=self.port)

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's name
        message = email.message_from_bytes(envelope.original_content or envelope.content,
                                           policy=email.policy.default)
        with self._lock:
            self.messages.append(Mail(envelope.mail_from, list(envelope.rcpt_tos), message))
        return "250 Message accepted for delivery"

    def start(self) -> SmtpServer:
        self._controller.start()
        return self

    def stop(self) -> None:
        self._controller.stop()

    def to(self, address: str) -> list[Mail]:
        return [m for m in self.messages if address in m.rcpt_tos]

    def wait_for(self, count: int, timeout: float = 10) -> list[Mail]:
        deadline = time.monotonic() + timeout
        while len(self.messages) < count and time.monotonic() < deadline:
            time.sleep(0.02)
        return list(self.messages)

    def settings(self) -> dict:
        """Django settings sending through this server."""
        return {"EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
                "EMAIL_HOST": self.host, "EMAIL_PORT": self.port, "EMAIL_HOST_USER": "",
                "EMAIL_HOST_PASSWORD": "", "EMAIL_USE_TLS": False, "EMAIL_TIMEOUT": 10}

    def env(self) -> dict:
        """Environment variables sending a ``renewcast`` subprocess's mail here."""
        return {"RENEWCAST_EMAIL_HOST": self.host, "RENEWCAST_EMAIL_PORT": str(self.port),
                "RENEWCAST_EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend"}


@dataclass(frozen=True)
class Call:
    path: str
    headers: dict[str, str]
    body: bytes
    status: int


class WebhookReceiver:
    def __init__(self):
        self.calls: list[Call] = []
        self._script: list[int] = []
        self.delay = 0.0
        self._lock = threading.Lock()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 - http.server's name
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length)
                if receiver.delay:
                    time.sleep(receiver.delay)
                with receiver._lock:
                    status = receiver._script.pop(0) if receiver._script else 200
                    receiver.calls.append(Call(self.path, dict(self.headers.items()), body,
                                               status))
                self.send_response(status)
                if 300 <= status < 400:
                    self.send_header("Location", "http://127.0.0.1:9/elsewhere")
                self.send_header("Content-Length", "2")
                self.end_headers()
                self.wfile.write(b"ok")

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self._thread = threading.Thread(target=self.server.serve_forever, args=(0.05,),
                                        daemon=True)

    def url(self, path: str = "/hook") -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def script(self, *statuses: int) -> None:
        """Answer the next requests with these statuses, then 200 again."""
        with self._lock:
            self._script = list(statuses)

    def start(self) -> WebhookReceiver:
        self._thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def to(self, path: str) -> list[Call]:
        return [c for c in self.calls if c.path == path]


@pytest.fixture
def smtp_server():
    server = SmtpServer().start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def webhook_receiver():
    receiver = WebhookReceiver().start()
    try:
        yield receiver
    finally:
        receiver.stop()


# -- catalog facts the alert tests change ---------------------------------------------------

def make_show(title: str = "Example Show", slug: str | None = None, seasons: int = 1,
              premiered=None):
    """A show with ``seasons`` seasons; ``premiered`` dates season 1 (so it counts as out)."""
    from renewcast.catalog.models import Season, Show

    show = Show.objects.create(title=title, slug=slug or title.lower().replace(" ", "-"),
                               platform="Netflix")
    for number in range(1, seasons + 1):
        Season.objects.create(show=show, number=number,
                              premiere_date=premiered if number == 1 else None)
    return show


def source(url: str, tier: str = "trade", publisher: str = "Deadline"):
    from renewcast.catalog.models import Source

    found, _ = Source.objects.get_or_create(url=url, defaults={"tier": tier,
                                                               "publisher": publisher})
    return found


def decide(show, kind: str, season_number: int, day, tier: str = "trade",
           state: str = "confirmed"):
    """A confirmed (by default) event about season ``season_number``; the status follows."""
    from renewcast.catalog.models import Claim, Event, Season

    season, _ = Season.objects.get_or_create(show=show, number=season_number)
    src = source(f"https://news.example/{show.slug}/{kind}/{day}", tier)
    claim = Claim.objects.create(show=show, season=season, kind="event", source=src,
                                 state=state, quote=f"{kind} quote")
    return Event.objects.create(show=show, season=season, kind=kind, date=day, claim=claim)


def say(show, speaker: str, quote: str, tier: str = "official", state: str = "confirmed",
        day=None):
    from renewcast.catalog.models import Claim, Statement

    src = source(f"https://press.example/{show.slug}/{abs(hash(quote))}", tier,
                 publisher="Netflix" if tier == "official" else "Fan blog")
    claim = Claim.objects.create(show=show, kind="statement", source=src, state=state,
                                 quote=quote)
    return Statement.objects.create(show=show, speaker=speaker, speaker_role="showrunner",
                                    quote=quote, said_on=day, stance="positive", claim=claim)


def follow_by_email(show, address: str):
    """An e-mail follow that went through the double opt-in."""
    from django.utils import timezone

    from renewcast.alerts.models import Follow

    return Follow.objects.create(show=show, channel="email", address=address,
                                 confirmed_at=timezone.now())
