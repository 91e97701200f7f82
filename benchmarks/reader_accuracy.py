"""Precision and recall of the article reader, per claim kind, on hand-annotated articles.

Each ``tests/fixtures/articles/NAME.(txt|html)`` has a ``NAME.gold.json`` written by
someone who had not seen the reader's rules. A claim counts as found when its facts
match a gold claim's (quotes and offsets are not compared):

- status: season and value;  cast: person and character;  event: event, season, date;
- prediction: about, season, value;  plot: season and spoiler flag;
- statement: speaker, and the quote starting with the gold quote's first words.
Stance and role of matched statements, comment threads and show identification
are reported on their own lines.

    python benchmarks/reader_accuracy.py [--details]
"""

from __future__ import annotations

import csv
import functools
import json
import re
import sys
import time
from collections import Counter
from pathlib import Path

from renewcast.sources.articles.reader import fetch_article
from renewcast.sources.articles.reading import identify_shows, read_claims

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = ROOT / "tests" / "fixtures" / "articles"
KINDS = ("status", "event", "prediction", "cast", "statement", "plot")


def catalog_titles() -> list[str]:
    path = ROOT / "src" / "renewcast" / "data" / "netflix-top10" / "all-weeks-global.tsv"
    with path.open(encoding="utf-8") as f:
        return sorted({row["show_title"] or row["season_title"]
                       for row in csv.DictReader(f, delimiter="\t")
                       if row["category"].startswith("TV")})


def norm(text) -> str:
    return re.sub(r"[^\w]+", " ", str(text or "").replace("’", "'").lower()).strip()


def facts(kind: str, claim: dict) -> tuple:
    if kind == "status":
        return claim["season"], claim["value"]
    if kind == "cast":
        return norm(claim["person"]), norm(claim.get("character"))
    if kind == "event":
        return claim["event"], claim["season"], claim["date"]
    if kind == "prediction":
        return claim["about"], claim["season"], claim["value"]
    if kind == "plot":
        return claim["season"], claim["spoiler"]
    return (norm(claim["speaker"]),)


def same(kind: str, found: dict, gold: dict) -> bool:
    if facts(kind, found) != facts(kind, gold):
        return False
    if kind == "statement":
        return norm(found["quote"]).startswith(norm(gold["quote_start"])[:25])
    return True


def pair_up(got: list, want: list, same) -> tuple[list, list, list]:
    """Each found item matched to at most one gold item, in order: the (found, gold) pairs,
    the found items left over (wrong) and the gold items left over (missed)."""
    unmatched, pairs, wrong = list(want), [], []
    for item in got:
        match = next((w for w in unmatched if same(item, w)), None)
        if match is None:
            wrong.append(item)
        else:
            unmatched.remove(match)
            pairs.append((item, match))
    return pairs, wrong, unmatched


def score(details: bool = False) -> dict:
    titles = catalog_titles()
    tally = {k: Counter() for k in KINDS}
    extra = Counter()
    for gold_path in sorted(ARTICLES.glob("*.gold.json")):
        name = gold_path.name.removesuffix(".gold.json")
        page = next(p for p in ARTICLES.glob(name + ".*") if not p.name.endswith(".json"))
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        began = time.perf_counter()
        article = fetch_article(str(page))
        shows = identify_shows(article, titles)
        extra["identified"] += bool(shows and shows[0] == gold["show"])
        extra["articles"] += 1
        reading = read_claims(article, titles, show=gold["show"])
        extra["ms"] += round((time.perf_counter() - began) * 1000)
        found = [c.to_dict() for c in reading.claims]
        for kind in KINDS:
            want = [g for g in gold["claims"] if g["kind"] == kind]
            got = [c for c in found if c["kind"] == kind]
            pairs, wrong, unmatched = pair_up(got, want, functools.partial(same, kind))
            tally[kind]["tp"] += len(pairs)
            tally[kind]["fp"] += len(wrong)
            tally[kind]["fn"] += len(unmatched)
            if kind == "statement":
                for claim, match in pairs:
                    extra["stance_ok"] += claim["stance"] == match["stance"]
                    extra["role_found"] += bool(claim["role"])
                    extra["date_ok"] += claim["date"] == match.get("date")
                    extra["statements"] += 1
            if details:
                for claim in wrong:
                    print(f"  + {name}: {kind} {facts(kind, claim)} | {claim['quote'][:70]!r}")
                for g in unmatched:
                    print(f"  - {name}: {kind} {facts(kind, g)}")
        want_comments = gold.get("comments", [])
        got_comments = [c.to_dict() for c in article.comments]
        extra["comments_gold"] += len(want_comments)
        extra["comments_ok"] += sum(
            1 for w in want_comments
            if any(norm(c["text"]).startswith(norm(w["starts"])[:20]) and c["parent"] == w["parent"]
                   for c in got_comments))
        extra["comments_found"] += len(got_comments)
    return {"kinds": tally, "extra": extra}


def main() -> None:
    result = score(details="--details" in sys.argv)
    print(f"{'kind':<11}{'gold':>6}{'found':>7}{'right':>7}{'precision':>11}{'recall':>8}")
    total = Counter()
    for kind, t in result["kinds"].items():
        total.update(t)
        _row(kind, t)
    _row("all", total)
    e = result["extra"]
    print(f"\nshow identified from the catalog's {len(catalog_titles())} titles: "
          f"{e['identified']}/{e['articles']} articles")
    if e["statements"]:
        print(f"matched statements: stance right {e['stance_ok']}/{e['statements']}, "
              f"role found {e['role_found']}/{e['statements']}, date right "
              f"{e['date_ok']}/{e['statements']}")
    print(f"reading time: {e['ms'] / e['articles']:.0f} ms per article on average (fetch from "
          "disk, clean, find the show among all titles, read the claims)")
    print(f"comments: {e['comments_ok']}/{e['comments_gold']} found with the right parent "
          f"({e['comments_found']} read)")


def _row(kind: str, t: Counter) -> None:
    gold, found, right = t["tp"] + t["fn"], t["tp"] + t["fp"], t["tp"]
    precision = right / found if found else float("nan")
    recall = right / gold if gold else float("nan")
    print(f"{kind:<11}{gold:>6}{found:>7}{right:>7}{precision:>11.2f}{recall:>8.2f}")


if __name__ == "__main__":
    main()
