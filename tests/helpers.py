"""Small helpers the in-process tests share (the fixtures live in conftest.py)."""

from __future__ import annotations

from pathlib import Path

from renewcast.catalog.ingest.outcomes import ingest_outcomes
from renewcast.catalog.ingest.top10 import ingest_top10
from renewcast.sources.netflix_top10 import read_top10
from renewcast.sources.outcomes import read_outcomes

FIXTURES = Path(__file__).parent / "fixtures"
# The two real articles the project started from, read where they are (``../shared``
# beside the repository), never copied in: others' writing stays theirs.
SEED_ARTICLES = Path(__file__).resolve().parents[2] / "shared" / "articles"
PARTNER_TRACK_000 = SEED_ARTICLES / "000_ada51cfb5eea212c.txt"
PARTNER_TRACK_001 = SEED_ARTICLES / "001_2f1599ee92e41364.txt"


def load_top10(name: str = "top10-excerpt.tsv", data: bytes | None = None):
    return ingest_top10(read_top10(data if data is not None else (FIXTURES / name).read_bytes()))


def load_outcomes(name: str = "outcomes-excerpt.csv", data: bytes | None = None):
    parsed = read_outcomes(data if data is not None else (FIXTURES / name).read_bytes())
    return ingest_outcomes(parsed, location=name)
