"""``renewcast read`` as a user runs it: a real subprocess on a database holding the bundled data.

An article's claims are only proposals: the show's public facts change when an editor
confirms them (through :func:`renewcast.catalog.review.review`, here run with
``renewcast manage shell``) and change back when they are rejected.
"""

from __future__ import annotations

import json
from pathlib import Path

from conftest import free_port, run_cli
from helpers import PARTNER_TRACK_000 as ARTICLE_000
from helpers import PARTNER_TRACK_001 as ARTICLE_001

ARTICLES = Path(__file__).parent / "fixtures" / "articles"
URL_000 = ARTICLE_000.resolve().as_uri()
NO_SHOW = ("The Week in Television\n\nIt was a busy week for the networks. Several "
           "studios announced new projects, a handful of actors signed overall deals, and "
           "the awards season calendar took shape. Executives spoke at a conference about "
           "budgets, schedules and the state of the business, and analysts weighed in on "
           "what the coming year may hold for viewers and for the industry at large.\n")

COUNTS = f"""
import json
from collections import Counter
from renewcast.catalog.models import Claim, Source
states = Counter(Claim.objects.filter(source__url={URL_000!r}).values_list("state", flat=True))
print(json.dumps({{"sources": Source.objects.count(), "claims": Claim.objects.count(),
                  "states": dict(states)}}))
"""
REVIEW = """
from renewcast.catalog.models import Claim
from renewcast.catalog.review import review
print(review(Claim.objects.filter(kind="cast", state="{old}", source__url={url!r}), "{new}"))
"""


def shell(env: dict, code: str) -> str:
    """The last line ``code`` prints, run by ``renewcast manage shell``."""
    done = run_cli(env, "manage", "shell", "-c", code)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip().splitlines()[-1]


def counts(env: dict) -> dict:
    return json.loads(shell(env, COUNTS))


def review_cast(env: dict, old: str, new: str) -> int:
    return int(shell(env, REVIEW.format(old=old, new=new, url=URL_000)))


def show_json(env: dict) -> dict:
    done = run_cli(env, "show", "Partner Track", "--json")
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def cast_of(show: dict) -> set[tuple[str, str | None]]:
    return {(c["person"], c["character"]) for c in show["cast"]}


def failed(env: dict, *args: str) -> str:
    """``renewcast read ARGS`` must fail with exit 2 and one error line; returns that line."""
    done = run_cli(env, "read", *args)
    assert done.returncode == 2, (done.stdout, done.stderr)
    assert "Traceback" not in done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    return lines[0]


def test_read_proposes_claims_that_an_editor_confirms_and_rejects(bundled_cli_env):
    env = bundled_cli_env
    done = run_cli(env, "read", str(ARTICLE_000), "--json")
    assert done.returncode == 0, done.stderr
    reading = json.loads(done.stdout)
    assert set(reading) == {"source", "shows", "new_show", "claims", "comments"}
    assert reading["shows"][0] == "Partner Track"
    assert "proposed for review" in done.stderr
    proposed = len(reading["claims"])
    cast = [c for c in reading["claims"] if c["kind"] == "cast"]
    assert len(cast) == 8
    assert counts(env)["states"] == {"proposed": proposed}

    # proposals are not public: the outcomes' cancellation stands, and no article cast shows
    before = show_json(env)
    assert before["status"] == "canceled"
    assert "Arden Cho" not in {c["person"] for c in before["cast"]}

    assert review_cast(env, "proposed", "confirmed") == 8
    confirmed = show_json(env)
    assert ("Arden Cho", "Ingrid Yun") in cast_of(confirmed)
    assert ("Roby Attal", "Justin") in cast_of(confirmed)
    assert confirmed["status"] == "canceled"  # cast says nothing about renewal

    assert review_cast(env, "confirmed", "rejected") == 8
    rejected = show_json(env)
    assert "Arden Cho" not in {c["person"] for c in rejected["cast"]}
    assert cast_of(rejected) == cast_of(before)
    assert rejected["status"] == "canceled"
    assert counts(env)["states"] == {"proposed": proposed - 8, "rejected": 8}

    # a re-read replaces the open proposals, keeps the decisions and proposes none twice
    again = run_cli(env, "read", str(ARTICLE_000))
    assert again.returncode == 0, again.stderr
    assert f"{proposed - 8} claim(s) proposed for review, 8 already reviewed" in again.stderr
    after = counts(env)
    assert after["states"] == {"proposed": proposed - 8, "rejected": 8}
    assert "Arden Cho" not in {c["person"] for c in show_json(env)["cast"]}


def test_bad_input_and_dry_run_store_nothing(bundled_cli_env, tmp_path):
    env = bundled_cli_env
    before = counts(env)

    (tmp_path / "no-show.txt").write_text(NO_SHOW, encoding="utf-8")
    line = failed(env, str(tmp_path / "no-show.txt"))
    assert line.startswith("renewcast: error: ") and "--show" in line

    assert "PDF" in failed(env, str(ARTICLES / "bad_document.pdf"))

    line = failed(env, "--show", "Nonexistent Show Xyz", str(ARTICLE_000))
    assert "no show" in line and "Nonexistent Show Xyz" in line

    line = failed(env, f"http://127.0.0.1:{free_port()}/x")
    assert line.startswith("renewcast: error: could not fetch")

    dry = run_cli(env, "read", str(ARTICLE_001), "--json", "--dry-run")
    assert dry.returncode == 0, dry.stderr
    reading = json.loads(dry.stdout)
    assert reading["shows"][0] == "Partner Track"
    assert reading["claims"] and len(reading["comments"]) == 8
    assert "proposed for review" not in dry.stderr

    assert counts(env) == before


def test_bad_date_is_an_argparse_error(bundled_cli_env):
    done = run_cli(bundled_cli_env, "read", "--date", "2022-13-45", str(ARTICLE_000))
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert "'2022-13-45' is not a date like 2022-09-03" in done.stderr


def test_plain_output_lists_claims_by_kind(bundled_cli_env):
    done = run_cli(bundled_cli_env, "read", str(ARTICLE_001), "--dry-run")
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert out.startswith("Everything We Know About The Possibility Of Partner Track Season 2")
    assert "about: Partner Track" in out
    assert "season 1: premiere 2022-08-26" in out
    assert "Jinny Howe (Head of Drama Development at Netflix), positive" in out
    assert "comments: 7 and 1 reply" in out
