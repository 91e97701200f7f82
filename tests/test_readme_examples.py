"""The README's console examples are real output: each ``$ renewcast …`` block is run on
the bundled data and every line it shows (``…`` stands for lines left out) must come out,
in that order."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from conftest import run_cli

README = Path(__file__).resolve().parent.parent / "README.md"
BLOCK = re.compile(r"```console\n\$ renewcast (.+?)\n(.*?)```", re.S)


def examples() -> list[tuple[str, list[str]]]:
    found = [(command, [line for line in body.splitlines() if line.strip() != "…"])
             for command, body in BLOCK.findall(README.read_text(encoding="utf-8"))]
    assert found, "the README has no console examples"
    return found


@pytest.mark.parametrize("command, shown", examples(), ids=lambda v: v if isinstance(v, str)
                         else "")
def test_a_readme_example_is_what_the_command_prints(bundled_cli_env, command, shown):
    done = run_cli(bundled_cli_env, *shlex.split(command))
    assert done.returncode == 0, done.stderr
    printed = done.stdout.splitlines()
    at = 0
    for line in shown:
        assert line in printed[at:], f"README shows a line the command no longer prints: {line}"
        at = printed.index(line, at) + 1
