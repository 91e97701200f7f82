"""Serve the site from one process, or from several that share one listening socket.

A Python process computes on one core at a time. Rendering pages and taking in a
decision day's burst of comments is computing, so on a machine with more cores
``renewcast serve --workers N`` forks N waitress processes once the application is
loaded (the forecaster and the bundled history are then shared copy-on-write). Each
listens on the same port with SO_REUSEPORT, so the kernel spreads new connections evenly
across them (one shared socket let whichever woke first take most keep-alive
connections, leaving the other core idle). The parent only watches: it starts a new
worker when one dies and stops them all on Ctrl+C or SIGTERM. Workers ask Linux to stop
them when the parent dies, so a killed parent leaves nothing holding the port.

SQLite in WAL mode and PostgreSQL both take writes from several processes; each worker
has its own page cache, which follows the same data stamp.
"""

from __future__ import annotations

import atexit
import contextlib
import ctypes
import gc
import os
import signal
import socket
import time

import waitress

PR_SET_PDEATHSIG = 1
RESTART_PAUSE = 1.0
STOP_SIGNALS = {signal.SIGTERM, signal.SIGINT}


def serve(application, host: str, port: int, threads: int, workers: int = 1) -> None:
    from django.conf import settings

    options = {"threads": threads, "ident": "renewcast", "_quiet": True,
               # waitress drops X-Forwarded-For from untrusted peers; behind a proxy the
               # community's client address (rate limits, bans) is read from it.
               "clear_untrusted_proxy_headers": not settings.BEHIND_PROXY}
    if workers <= 1:
        signal.signal(signal.SIGTERM, _exit_cleanly)
        waitress.serve(application, host=host, port=port, **options)
        return
    address = (host.strip("[]"), port)
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    # Bound but not listening, this one takes no connections; it fails now, in the
    # parent, with a clear message if the port is taken.
    socket.create_server(address, family=family, reuse_port=True).close()
    _warm()
    parent = os.getpid()
    children: set[int] = set()
    stopping = False

    def start_worker() -> None:
        # Signals wait until the new worker has its own handlers: a SIGTERM landing just
        # after the fork would otherwise run the parent's handler in the worker, which
        # then would never stop.
        signal.pthread_sigmask(signal.SIG_BLOCK, STOP_SIGNALS)
        pid = os.fork()
        if pid:
            children.add(pid)
            signal.pthread_sigmask(signal.SIG_UNBLOCK, STOP_SIGNALS)
            return
        code = 0
        try:
            # Ctrl+C reaches the whole process group; the parent passes it on as SIGTERM.
            signal.signal(signal.SIGINT, signal.SIG_IGN)
            signal.signal(signal.SIGTERM, _exit_cleanly)
            signal.pthread_sigmask(signal.SIG_UNBLOCK, STOP_SIGNALS)
            _die_with(parent)
            listener = socket.create_server(address, family=family, backlog=1024,
                                            reuse_port=True)
            waitress.serve(application, sockets=[listener], **options)
        except SystemExit:
            pass
        except BaseException:  # noqa: BLE001  (a worker must never return into the parent's loop)
            code = 1
        finally:
            atexit._run_exitfuncs()  # e.g. the last page views; os._exit skips them
            os._exit(code)

    def stop(signum, frame) -> None:
        nonlocal stopping
        stopping = True
        for pid in list(children):
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGTERM)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    for _ in range(workers):
        start_worker()
    while children:
        try:
            pid, _ = os.wait()
        except ChildProcessError:
            break
        children.discard(pid)
        if not stopping:
            time.sleep(RESTART_PAUSE)  # a worker that dies at once must not spin the CPU
            start_worker()


def _exit_cleanly(signum, frame) -> None:
    """SIGTERM (systemd's stop) as a normal exit, so exit handlers still run."""
    raise SystemExit(0)


def _warm() -> None:
    """Load what every worker needs before forking, then drop the database connections,
    which must not be shared between processes."""
    from django.db import connections

    from renewcast.catalog.forecasting import get_forecaster

    with contextlib.suppress(Exception):
        get_forecaster()
    connections.close_all()
    gc.collect()
    gc.freeze()  # shared pages stay shared: the collector won't write to them


def _die_with(parent: int) -> None:
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
    if os.getppid() != parent:  # the parent died before the request took effect
        os._exit(0)
