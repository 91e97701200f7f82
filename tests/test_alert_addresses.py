"""What may be followed: e-mail addresses and webhook URLs, each refusal one clear line.

Host names are resolved through a stand-in for ``socket.getaddrinfo`` so the tests do
not depend on the network; IP literals go through the real one.
"""

from __future__ import annotations

import socket

import pytest

from renewcast.alerts.addresses import AddressError, clean_email, clean_webhook
from renewcast.sources import urlsafety

FAKE_DNS = {
    "hooks.example.com": ["93.184.216.34"],
    "both.example.com": ["93.184.216.34", "10.0.0.7"],
    "metadata.example.com": ["169.254.169.254"],
    "v6.example.com": ["2606:2800:220:1::1"],
    "mapped.example.com": ["::ffff:127.0.0.1"],
}


@pytest.fixture(autouse=True)
def dns(monkeypatch, settings):
    settings.ALLOW_PRIVATE_WEBHOOKS = False
    real = socket.getaddrinfo

    def fake(host, port, *args, **kwargs):
        if host in FAKE_DNS:
            family = {True: socket.AF_INET6, False: socket.AF_INET}
            return [(family[":" in ip], socket.SOCK_STREAM, 6, "", (ip, port))
                    for ip in FAKE_DNS[host]]
        if host.endswith(".invalid"):
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return real(host, port, *args, **kwargs)

    monkeypatch.setattr(urlsafety.socket, "getaddrinfo", fake)


@pytest.mark.parametrize("text", ["fan@example.com", " Fan@Example.COM ",
                                  "first.last+tv@mail.example.org"])
def test_good_email_addresses_are_kept_lower_cased(text):
    assert clean_email(text) == text.strip().lower()


@pytest.mark.parametrize("text, message", [
    ("", "give an e-mail address"),
    ("not-an-address", "not-an-address is not a valid e-mail address"),
    ("fan@", "fan@ is not a valid e-mail address"),
    ("fan@exa mple.com", "fan@exa mple.com is not a valid e-mail address"),
    ("<script>@x.com", "<script>@x.com is not a valid e-mail address"),
    ("a" * 250 + "@x.com", "that e-mail address is longer than 254 characters"),
])
def test_bad_email_addresses_are_refused_with_a_clear_message(text, message):
    with pytest.raises(AddressError) as refused:
        clean_email(text)
    assert str(refused.value) == message


@pytest.mark.parametrize("url", ["https://hooks.example.com/renewcast",
                                 "http://hooks.example.com:8080/in?x=1",
                                 "https://v6.example.com/", "https://93.184.216.34/hook"])
def test_public_webhook_urls_are_accepted(url):
    assert clean_webhook(url) == url


@pytest.mark.parametrize("url, message", [
    ("http://127.0.0.1/x", "webhook address http://127.0.0.1/x points at a loopback address; "
                           "renewcast only calls public addresses"),
    ("http://localhost:8000/x", "points at a loopback address (127.0.0.1)"),
    ("http://[::1]/x", "points at a loopback address"),
    ("http://mapped.example.com/x", "points at a loopback address (127.0.0.1)"),
    ("http://10.1.2.3/x", "points at a private address"),
    ("http://[2002:7f00:1::]/x", "points at a non-public address"),  # 6to4 of 127.0.0.1
    ("http://[fec0::1]/x", "points at a non-public address"),  # site-local
    ("http://192.168.1.20/x", "points at a private address"),
    ("http://both.example.com/x", "points at a private address (10.0.0.7)"),
    ("http://169.254.169.254/latest/meta-data/", "points at a link-local address"),
    ("http://metadata.example.com/", "points at a link-local address (169.254.169.254)"),
    ("http://[fe80::1]/x", "points at a link-local address"),
    ("http://0.0.0.0/x", "points at an unspecified address"),
    ("http://224.0.0.1/x", "points at a multicast address"),
    ("http://240.0.0.1/x", "points at a reserved address"),
    ("http://100.64.0.1/x", "points at a non-public address"),
    ("ftp://hooks.example.com/x", "webhook address ftp://hooks.example.com/x is not an "
                                  "http:// or https:// address; renewcast only calls those"),
    ("hooks.example.com/x", "has no scheme; write it with https://"),
    ("localhost:8000/x", "has no scheme"),
    ("javascript:alert(1)", "is not an http:// or https:// address"),
    ("https://user:pw@hooks.example.com/x", "contains a user name or password"),
    ("https:///path-only", "has no host"),
    ("https://hooks.example.com:99999/x", "has a bad port"),
    ("https://hooks.example.com/a b", "contains spaces or control characters"),
    ("http://[::1", "webhook address http://[::1 is not a valid URL"),  # was a ValueError
    ("https://nowhere.invalid/x", "the host nowhere.invalid does not resolve"),
    ("", "give a webhook URL"),
])
def test_bad_webhook_urls_are_refused_with_a_clear_message(url, message):
    with pytest.raises(AddressError) as refused:
        clean_webhook(url)
    assert message in str(refused.value)
    assert "\n" not in str(refused.value)


def test_private_addresses_are_allowed_when_the_setting_says_so(settings):
    settings.ALLOW_PRIVATE_WEBHOOKS = True
    assert clean_webhook("http://127.0.0.1:9000/hook") == "http://127.0.0.1:9000/hook"
    with pytest.raises(AddressError, match="is not an http:// or https:// address"):
        clean_webhook("ftp://127.0.0.1/x")  # the scheme is still checked
