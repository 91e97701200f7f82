"""The nginx front renewcast documents and tests: its site config with the addresses
filled in (``renewcast front-config``), and a whole nginx.conf around it for running
nginx as a plain process (the tests and ``benchmarks/front_cache.py``).

One template, ``deploy/nginx-front.conf``, so what is documented is what is tested.
"""

from __future__ import annotations

import os
import re
from importlib import resources
from pathlib import Path

# What each value may look like: nothing that could end a directive or open a block.
_FORMS = {
    "upstream": (re.compile(r"(unix:/[\w./-]+|[\w.-]+:\d{1,5}|\[[0-9a-fA-F:.]+\]:\d{1,5})"),
                 "host:port (or unix:/path)"),
    "listen": (re.compile(r"[\w.:\[\]]+( [a-z_=]+)*"), "a port or address:port"),
    "cache_dir": (re.compile(r"/[\w./-]+"), "an absolute directory path"),
}


def site_config(upstream: str, listen: str, cache_dir: str) -> str:
    """The site config; ValueError with a one-line reason for a value nginx would misread."""
    for name, value in (("upstream", upstream), ("listen", listen), ("cache_dir", cache_dir)):
        pattern, form = _FORMS[name]
        if not pattern.fullmatch(value or ""):
            raise ValueError(f"--{name.replace('_', '-')} {value!r} is not {form}")
    template = resources.files("renewcast").joinpath("deploy/nginx-front.conf").read_text()
    for name, value in (("UPSTREAM", upstream), ("LISTEN", listen), ("CACHE_DIR", cache_dir)):
        template = template.replace(f"@{name}@", value)
    return template


def standalone_config(prefix: Path, upstream: str, listen: str) -> Path:
    """Write ``prefix/nginx.conf`` that runs the site config in the foreground, with
    every file nginx writes under ``prefix``; return its path."""
    return foreground_nginx(prefix, site_config(upstream, listen, str(prefix / "cache")))


def foreground_nginx(prefix: Path, http: str) -> Path:
    """Write ``prefix/nginx.conf``: nginx in the foreground, one worker, everything it
    writes under ``prefix``, and ``http`` (server blocks) inside its http block."""
    prefix.mkdir(parents=True, exist_ok=True)
    temp = prefix / "temp"
    temp.mkdir(exist_ok=True)
    # Started by root, nginx's workers would drop to "nobody", who cannot enter the
    # private temporary directories this runs in; a process of one's own keeps its user.
    user = "user root;\n" if os.geteuid() == 0 else ""
    text = f"""{user}daemon off;
pid {prefix}/nginx.pid;
error_log {prefix}/error.log warn;
worker_processes 1;
events {{ worker_connections 4096; }}
http {{
    access_log off;
    sendfile on;
    tcp_nopush on;
    client_body_temp_path {temp}/body;
    proxy_temp_path {temp}/proxy;
    fastcgi_temp_path {temp}/fastcgi;
    uwsgi_temp_path {temp}/uwsgi;
    scgi_temp_path {temp}/scgi;
    types {{ text/html html; }}
    default_type application/octet-stream;
{http}
}}
"""
    path = prefix / "nginx.conf"
    path.write_text(text)
    return path
