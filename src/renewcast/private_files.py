"""The data directory holds password hashes, e-mail addresses, webhook secrets and the
site's secret key, so on a shared machine nobody else may read it: the directory is 0700
and the files renewcast makes there are 0600 from the moment they exist.

The secret key is written whole or not at all: it goes to a temporary file first and is
then linked into place, which fails if another process got there first, so two first
starts at once agree on one key (the loser reads the winner's).
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

DIRECTORY_MODE, FILE_MODE = 0o700, 0o600


def private_directory(path: Path) -> Path:
    path.mkdir(mode=DIRECTORY_MODE, parents=True, exist_ok=True)
    _tighten(path, DIRECTORY_MODE)
    return path


def private_file(path: Path) -> Path:
    """``path`` exists and only its owner can read it (an empty file is an empty SQLite
    database, and SQLite gives its journal and WAL files the database file's mode)."""
    private_directory(path.parent)
    try:
        os.close(os.open(path, os.O_CREAT | os.O_WRONLY, FILE_MODE))
    except OSError:
        return path  # a read-only place: the database layer will say what is wrong
    _tighten(path, FILE_MODE)
    return path


def secret_key(path: Path) -> str:
    try:
        return path.read_text().strip()
    except FileNotFoundError:
        pass
    private_directory(path.parent)
    partial = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
    descriptor = os.open(partial, os.O_CREAT | os.O_EXCL | os.O_WRONLY, FILE_MODE)
    with os.fdopen(descriptor, "w") as out:
        out.write(secrets.token_urlsafe(50))
        out.flush()
        os.fsync(out.fileno())
    try:
        os.link(partial, path)  # fails if another process linked its key first
    except FileExistsError:
        pass
    finally:
        partial.unlink()
    return path.read_text().strip()


def _tighten(path: Path, mode: int) -> None:
    try:
        status = path.stat()
        if status.st_uid == os.getuid() and status.st_mode & 0o777 != mode:
            path.chmod(mode)
    except OSError:
        pass  # not ours to change; renewcast still works
