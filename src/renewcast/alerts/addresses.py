"""Check what a reader types before following: an e-mail address, or a webhook URL.

A webhook makes this server send requests to an address a stranger chose, so unless
``RENEWCAST_ALLOW_PRIVATE_WEBHOOKS`` is set, every address the host resolves to must be
a public one: never loopback, private, link-local (cloud metadata lives there),
multicast, reserved or unspecified. The check runs when the follow is made and again
before each delivery, and the delivery connects to the very address that was checked,
so a name re-pointed at an internal address afterwards (DNS rebinding) gets nowhere.
Every refusal is one line that says what is wrong.
"""

from __future__ import annotations

import ipaddress
import re
import socket
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator

MAX_EMAIL = 254
MAX_URL = 1000
SCHEMES = ("http", "https")
IP = ipaddress.IPv4Address | ipaddress.IPv6Address
_BARE_HOST = re.compile(r"[\w.-]+(:\d+)?(/|$)")


class AddressError(ValueError):
    """An address renewcast will not use; the message is one line for the reader."""


def clean_email(text: str) -> str:
    """The address, trimmed and lower-cased (one follow per mailbox), or AddressError."""
    address = (text or "").strip()
    if not address:
        raise AddressError("give an e-mail address")
    if len(address) > MAX_EMAIL:
        raise AddressError(f"that e-mail address is longer than {MAX_EMAIL} characters")
    try:
        EmailValidator()(address)
    except ValidationError:
        raise AddressError(f"{_short(address)} is not a valid e-mail address") from None
    return address.lower()


@dataclass(frozen=True)
class Target:
    """A checked webhook URL and the address to connect to."""

    url: str
    scheme: str
    host: str  # as sent in the Host header and TLS server name (IDNA, ASCII)
    port: int
    ip: IP


def clean_webhook(text: str) -> str:
    """The URL, checked (resolved and vetted now), or AddressError."""
    return check_webhook(text).url


def check_webhook(text: str) -> Target:
    url = (text or "").strip()
    if not url:
        raise AddressError("give a webhook URL")
    shown = _short(url)
    if len(url) > MAX_URL:
        raise AddressError(f"that webhook URL is longer than {MAX_URL} characters")
    if any(c.isspace() or ord(c) < 32 or ord(c) == 127 for c in url):
        raise AddressError(f"webhook address {shown} contains spaces or control characters")
    try:
        parts = urlsplit(url)
    except ValueError:  # "http://[::1": an unclosed IPv6 bracket
        raise AddressError(f"webhook address {shown} is not a valid URL") from None
    scheme = parts.scheme.lower()
    if not scheme or "://" not in url and _BARE_HOST.match(url):  # "example.com:8080/x"
        raise AddressError(f"webhook address {shown} has no scheme; write it with https:// "
                           "(or http://)")
    if scheme not in SCHEMES:
        raise AddressError(f"webhook address {shown} is not an http:// or https:// address; "
                           "renewcast only calls those")
    if parts.username is not None or parts.password is not None:
        raise AddressError(f"webhook address {shown} contains a user name or password; "
                           "put credentials in the path or rely on the signature instead")
    if not parts.hostname:
        raise AddressError(f"webhook address {shown} has no host")
    try:
        port = parts.port or (443 if scheme == "https" else 80)
    except ValueError:
        raise AddressError(f"webhook address {shown} has a bad port") from None
    try:
        host = parts.hostname.encode("idna").decode("ascii")
    except UnicodeError:
        raise AddressError(f"webhook address {shown} has a bad host name") from None
    ip = vetted_address(host, port, shown)
    return Target(url=url, scheme=scheme, host=host, port=port, ip=ip)


def vetted_address(host: str, port: int, shown: str) -> IP:
    """The first address ``host`` resolves to, after checking all of them."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError, OSError):
        raise AddressError(f"webhook address {shown}: the host {host} does not resolve") from None
    ips = []
    for info in infos:
        ip = ipaddress.ip_address(info[4][0].split("%")[0])
        if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
            ip = ip.ipv4_mapped
        ips.append(ip)
    if not ips:
        raise AddressError(f"webhook address {shown}: the host {host} does not resolve")
    if not settings.ALLOW_PRIVATE_WEBHOOKS:
        for ip in ips:
            kind = non_public_kind(ip)
            if kind:
                where = "" if host == str(ip) else f" ({ip})"
                raise AddressError(f"webhook address {shown} points at {kind}{where}; "
                                   "renewcast only calls public addresses")
    return ips[0]


def non_public_kind(ip: IP) -> str | None:
    """What kind of non-public address ``ip`` is ("a loopback address"), or None."""
    checks = (
        ("is_unspecified", "an unspecified address"),
        ("is_loopback", "a loopback address"),
        ("is_link_local", "a link-local address"),
        ("is_multicast", "a multicast address"),
        ("is_reserved", "a reserved address"),
        ("is_private", "a private address"),
    )
    for attribute, kind in checks:
        if getattr(ip, attribute):
            return kind
    if not ip.is_global:
        return "a non-public address"
    if ip.version == 6:
        # Python 3.11 calls these global, but 6to4 and site-local addresses can lead to
        # private IPv4 networks or to the local site; IPv4-mapped ones are the IPv4 inside.
        if ip.ipv4_mapped is not None:
            return non_public_kind(ip.ipv4_mapped)
        if ip in _SIX_TO_FOUR or ip in _SITE_LOCAL:
            return "a non-public address"
    return None


_SIX_TO_FOUR = ipaddress.ip_network("2002::/16")
_SITE_LOCAL = ipaddress.ip_network("fec0::/10")


def _short(text: str, limit: int = 120) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
