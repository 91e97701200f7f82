"""What renewcast fetches itself (articles, data files) goes through the same address check
as webhooks: the loopback forms an audit used, redirects into the private network, the
admin's Add article form and ``renewcast read``. A real server listens on loopback and
counts what reaches it: nothing may.
"""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from conftest import run_cli
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission

from renewcast.catalog.models import Claim, Source
from renewcast.sources import urlsafety
from renewcast.sources.errors import SourceError
from renewcast.sources.fetch import fetch

PAGE = ("<html><head><title>Secret</title></head><body>"
        + "<p>Internal only. " * 60 + "</p></body></html>").encode()


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):  # the name http.server calls
        self.server.hits.append(self.path)
        if self.path.startswith("/hop"):
            self.send_response(302)
            self.send_header("Location", self.server.redirect_to)
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(PAGE)))
        self.end_headers()
        self.wfile.write(PAGE)

    def log_message(self, *args):
        pass


def serve(host: str):
    httpd = ThreadingHTTPServer((host, 0), Handler)
    httpd.hits = []
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd


@pytest.fixture
def inside():
    """The server nobody outside should reach (an admin panel, a metadata service)."""
    httpd = serve("127.0.0.1")
    yield httpd
    httpd.shutdown()
    httpd.server_close()


def loopback_forms(port: int) -> list[str]:
    return [f"http://127.0.0.1:{port}/admin", f"http://0x7f000001:{port}/admin",
            f"http://2130706433:{port}/admin", f"http://0177.0.0.1:{port}/admin",
            f"http://127.1:{port}/admin", f"http://[::ffff:127.0.0.1]:{port}/admin",
            f"http://0.0.0.0:{port}/admin", f"http://localhost:{port}/admin"]


def test_every_loopback_form_is_refused_before_any_request(inside):
    for url in loopback_forms(inside.server_address[1]):
        with pytest.raises(SourceError) as refused:
            fetch(url)
        message = str(refused.value)
        assert "renewcast only calls public addresses" in message, message
        assert "\n" not in message
    assert inside.hits == []


def test_allowed_private_fetch_reaches_loopback(inside):
    got = fetch(f"http://127.0.0.1:{inside.server_address[1]}/page", allow_private=True)
    assert got.data == PAGE and inside.hits == ["/page"]


@pytest.fixture
def outside(monkeypatch):
    """A stand-in for a public news site: a second loopback address that the check is told
    to treat as public, so its redirects can be followed while 127.0.0.1 stays private."""
    httpd = serve("127.0.0.2")
    real = urlsafety.non_public_kind
    monkeypatch.setattr(urlsafety, "non_public_kind",
                        lambda ip: None if str(ip) == "127.0.0.2" else real(ip))
    yield httpd
    httpd.shutdown()
    httpd.server_close()


@pytest.mark.parametrize("form", ["http://127.0.0.1:{port}/admin",
                                  "http://0x7f000001:{port}/admin",
                                  "http://[::ffff:127.0.0.1]:{port}/admin"])
def test_a_redirect_into_the_private_network_is_not_followed(outside, inside, form):
    outside.redirect_to = form.format(port=inside.server_address[1])
    start = f"http://127.0.0.2:{outside.server_address[1]}/hop"
    with pytest.raises(SourceError) as refused:
        fetch(start)
    message = str(refused.value)
    assert message.startswith(f"could not fetch {start}: it redirected to ")
    assert "loopback address" in message
    assert outside.hits == ["/hop"] and inside.hits == []


def test_a_redirect_to_a_public_page_is_followed_and_pinned(outside):
    outside.redirect_to = f"http://127.0.0.2:{outside.server_address[1]}/story"
    got = fetch(f"http://127.0.0.2:{outside.server_address[1]}/hop")
    assert got.data == PAGE and got.location.endswith("/story")
    assert outside.hits == ["/hop", "/story"]


def test_a_name_that_resolves_to_a_private_address_is_refused(monkeypatch, inside):
    real = urlsafety.socket.getaddrinfo

    def fake(host, port, *args, **kwargs):
        if host == "news.example.com":
            return [(urlsafety.socket.AF_INET, urlsafety.socket.SOCK_STREAM, 6, "",
                     ("10.0.0.7", port))]
        return real(host, port, *args, **kwargs)

    monkeypatch.setattr(urlsafety.socket, "getaddrinfo", fake)
    with pytest.raises(SourceError, match=r"private address \(10\.0\.0\.7\)"):
        fetch("http://news.example.com/story")


def test_renewcast_read_refuses_loopback_forms(cli_env, inside):
    env = {k: v for k, v in cli_env.items() if k != "RENEWCAST_ALLOW_PRIVATE_FETCH"}
    port = inside.server_address[1]
    for url in (f"http://0x7f000001:{port}/a", f"http://2130706433:{port}/a"):
        done = run_cli(env, "read", url, "--dry-run")
        assert done.returncode == 2
        assert "points at a loopback address" in done.stderr and "Traceback" not in done.stderr
    assert inside.hits == []


# --- the admin's Add article form --------------------------------------------------------

ADD = "/admin/catalog/source/add-article/"


@pytest.mark.django_db
def test_add_article_refuses_private_addresses_and_stores_nothing(client, inside, settings):
    settings.ALLOW_PRIVATE_FETCH = False
    client.force_login(get_user_model().objects.create_superuser("ed", "e@x.org", "pw"))
    for url in loopback_forms(inside.server_address[1]):
        response = client.post(ADD, {"url": url, "text": "", "show": "", "published": ""})
        assert response.status_code == 200
        page = response.content.decode()
        # Django's URL field already refuses some numeric forms; the rest reach the check
        assert "only calls public addresses" in page or "Enter a valid URL" in page, url
    assert inside.hits == [] and Source.objects.count() == 0 and Claim.objects.count() == 0


@pytest.mark.django_db
def test_add_article_needs_permission_to_add_sources_and_claims(client):
    staff = get_user_model().objects.create_user("helper", "h@x.org", "pw", is_staff=True)
    staff.user_permissions.add(Permission.objects.get(codename="view_claim"))
    client.force_login(staff)
    assert client.get(ADD).status_code == 403
    post = client.post(ADD, {"url": "https://example.com/a", "text": "Netflix renewed it. " * 30,
                             "show": "", "published": ""})
    assert post.status_code == 403
    assert Source.objects.count() == 0 and Claim.objects.count() == 0
    listing = client.get("/admin/catalog/claim/")
    assert listing.status_code == 200 and ADD.encode() not in listing.content
    staff.user_permissions.add(*Permission.objects.filter(codename__in=["add_source",
                                                                        "add_claim"]))
    staff = get_user_model().objects.get(pk=staff.pk)  # permissions are cached per object
    client.force_login(staff)
    assert client.get(ADD).status_code == 200
    assert ADD.encode() in client.get("/admin/catalog/claim/").content
