"""One check for every URL renewcast itself connects to: webhooks, articles, data files.

A URL from outside (a fan's webhook, an article an editor pastes, a redirect a news site
answers with) makes this server open a connection, so it could be pointed at the machine
itself or the network behind it: ``http://0x7f000001/``, ``http://2130706433/``,
``http://[::ffff:127.0.0.1]/``, ``http://0.0.0.0/``, a name that resolves to 10.0.0.7, or
the cloud metadata address. Parsing the URL is not enough; the host is resolved here and
every address it resolves to must be public. The caller then connects to the very address
that was checked (:func:`pinned`), so a name re-pointed between check and connection (DNS
rebinding) gets nowhere, and checks again on every redirect. Every refusal is one line.

Plain Python (no Django): the caller says whether private addresses are allowed (an
internal mirror, the tests' loopback servers).
"""

from __future__ import annotations

import ipaddress
import re
import socket
from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

from renewcast.sources.errors import clipped

MAX_URL = 1000
SHOWN = 120  # characters of an address quoted back in a message
SCHEMES = ("http", "https")
IP = ipaddress.IPv4Address | ipaddress.IPv6Address
_BARE_HOST = re.compile(r"[\w.-]+(:\d+)?(/|$)")
_SIX_TO_FOUR = ipaddress.ip_network("2002::/16")
_SITE_LOCAL = ipaddress.ip_network("fec0::/10")


class UnsafeURL(ValueError):
    """A URL renewcast will not connect to; the message is one line for the reader."""


class Unresolvable(UnsafeURL):
    """The host has no address now (a typo, or no network): maybe fine later."""


@dataclass(frozen=True)
class Target:
    """A checked URL and the address to connect to."""

    url: str
    scheme: str
    host: str  # as sent in the Host header and TLS server name (IDNA, ASCII)
    port: int
    ip: IP


def check_url(text: str, *, allow_private: bool = False, noun: str = "") -> Target:
    """Parse, resolve and vet ``text``; ``noun`` names it in messages ("webhook")."""
    url = (text or "").strip()
    name = f"{noun} " if noun else ""
    if not url:
        raise UnsafeURL(f"give a {name}URL")
    shown = clipped(url, SHOWN)
    if len(url) > MAX_URL:
        raise UnsafeURL(f"that {name}URL is longer than {MAX_URL} characters")
    label = f"{name}address"
    if any(c.isspace() or ord(c) < 32 or ord(c) == 127 for c in url):
        raise UnsafeURL(f"{label} {shown} contains spaces or control characters")
    try:
        parts = urlsplit(url)
    except ValueError:  # "http://[::1": an unclosed IPv6 bracket
        raise UnsafeURL(f"{label} {shown} is not a valid URL") from None
    scheme = parts.scheme.lower()
    if not scheme or "://" not in url and _BARE_HOST.match(url):  # "example.com:8080/x"
        raise UnsafeURL(f"{label} {shown} has no scheme; write it with https:// (or http://)")
    if scheme not in SCHEMES:
        raise UnsafeURL(f"{label} {shown} is not an http:// or https:// address; "
                        "renewcast only calls those")
    if parts.username is not None or parts.password is not None:
        raise UnsafeURL(f"{label} {shown} contains a user name or password; "
                        "put credentials in the path or rely on the signature instead")
    if not parts.hostname:
        raise UnsafeURL(f"{label} {shown} has no host")
    try:
        port = parts.port or (443 if scheme == "https" else 80)
    except ValueError:
        raise UnsafeURL(f"{label} {shown} has a bad port") from None
    try:
        host = parts.hostname.encode("idna").decode("ascii")
    except UnicodeError:
        raise UnsafeURL(f"{label} {shown} has a bad host name") from None
    ip = vetted_address(host, port, f"{label} {shown}", allow_private)
    return Target(url=url, scheme=scheme, host=host, port=port, ip=ip)


def vetted_address(host: str, port: int, shown: str, allow_private: bool) -> IP:
    """The first address ``host`` resolves to, after checking all of them."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError, OSError):
        raise Unresolvable(f"{shown}: the host {host} does not resolve") from None
    ips = []
    for info in infos:
        ip = ipaddress.ip_address(info[4][0].split("%")[0])
        if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
            ip = ip.ipv4_mapped
        ips.append(ip)
    if not ips:
        raise Unresolvable(f"{shown}: the host {host} does not resolve")
    if not allow_private:
        for ip in ips:
            kind = non_public_kind(ip)
            if kind:
                where = "" if host == str(ip) else f" ({ip})"
                raise UnsafeURL(f"{shown} points at {kind}{where}; "
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


def pinned(target: Target) -> tuple[str, str, dict]:
    """The URL with the checked IP address in place of the host, the Host header, and the
    TLS server name, so the connection goes exactly where the check said."""
    parts = urlsplit(target.url)
    literal = f"[{target.ip}]" if target.ip.version == 6 else str(target.ip)
    url = urlunsplit((target.scheme, f"{literal}:{target.port}", parts.path or "/",
                      parts.query, ""))
    default = 443 if target.scheme == "https" else 80
    host = target.host if target.port == default else f"{target.host}:{target.port}"
    extensions = {"sni_hostname": target.host} if target.scheme == "https" else {}
    return url, host, extensions

