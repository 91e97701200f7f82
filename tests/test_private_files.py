"""The data directory keeps secrets (password hashes, e-mail addresses, webhook secrets, the
site's key): it is 0700, its files 0600 from the start, and the key is one key even when
several processes start at once."""

from __future__ import annotations

import os
import stat
import subprocess
import sys

from conftest import run_cli

PRINT_KEY = "from django.conf import settings; print(settings.SECRET_KEY)"


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def bare_env(data_dir) -> dict:
    env = {k: v for k, v in os.environ.items()
           if k not in ("DATABASE_URL", "RENEWCAST_SECRET_KEY", "RENEWCAST_JOBS_URL")}
    return {**env, "RENEWCAST_DATA_DIR": str(data_dir),
            "DJANGO_SETTINGS_MODULE": "renewcast.settings"}


def settings_key(env) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", "import django; django.setup(); "
                             + PRINT_KEY], env=env, stdout=subprocess.PIPE, text=True)


def test_a_new_data_directory_is_private_and_its_database_files_too(tmp_path):
    data = tmp_path / "renewcast-data"
    env = bare_env(data)
    done = run_cli(env, "init", "--empty")
    assert done.returncode == 0, done.stderr
    assert mode(data) == 0o700
    made = sorted(p.name for p in data.iterdir())
    assert {"secret_key", "renewcast.sqlite3"} <= set(made), made
    for name in made:
        assert mode(data / name) == 0o600, (name, oct(mode(data / name)))


def test_an_existing_open_directory_and_database_are_tightened(tmp_path):
    data = tmp_path / "old"
    data.mkdir(mode=0o755)
    (data / "renewcast.sqlite3").touch(mode=0o644)
    os.chmod(data, 0o755)
    os.chmod(data / "renewcast.sqlite3", 0o644)
    done = run_cli(bare_env(data), "init", "--empty")
    assert done.returncode == 0, done.stderr
    assert mode(data) == 0o700 and mode(data / "renewcast.sqlite3") == 0o600


def test_processes_starting_together_agree_on_one_secret_key(tmp_path):
    env = bare_env(tmp_path / "race")
    starts = [settings_key(env) for _ in range(6)]
    keys = {p.communicate(timeout=120)[0].strip() for p in starts}
    assert len(keys) == 1 and len(keys.pop()) > 40
    assert (tmp_path / "race" / "secret_key").read_text().strip()
    assert [p.name for p in (tmp_path / "race").iterdir() if p.name.startswith(".")] == []
