"""The article reader on real articles: precision and recall per kind on the 40 published
excerpts of ``../shared/reader-corpus/``, against the hand gold written before any reader
saw them (its README gives the conventions).

End to end, as ``renewcast read`` works: the reader finds the show among the catalog's
titles itself (an article about a show the catalog lacks yields nothing), then its claims
are compared with the gold:

- show found: the first show it names is the gold show;
- status: value and season (one gold status per article at most);
- cast: person, and character where the gold names one (its alternatives accepted);
  ``allowed_extra_cast`` is neither right nor wrong;
- statements: speaker (full name, or the surname alone) and stance (alternatives accepted);
- events: kind and date at the gold's precision;
- predictions: what about and the value.

The article texts are others' writing and stay where they are; nothing is copied here.

    python benchmarks/reader_corpus.py [--details] [--corpus PATH]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import time
from collections import Counter
from pathlib import Path

from reader_accuracy import catalog_titles, norm, pair_up

from renewcast.sources.articles.reader import read_article
from renewcast.sources.articles.reading import read_claims
from renewcast.sources.errors import SourceError
from renewcast.sources.fetch import Fetched

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "reader-corpus"
KINDS = ("show", "status", "cast", "statement", "event", "prediction")
STORE_NOTE = re.compile(r"^\s*date \d{4}-\d{2}-\d{2}\s*")
EVENT_KINDS = {"renewal": "renewal", "cancellation": "cancellation", "ending": "ending",
               "final_season": "ending", "premiere": "premiere",
               "filming_start": "filming_start", "filming_wrap": "filming_wrap",
               "writers_room": "writers_room", "trailer": "trailer",
               "date_announced": "date_announced"}


def load(path: Path) -> tuple[str, str, dt.date | None, str]:
    """(url, title, date, excerpt) of one corpus file."""
    head, _, body = path.read_text(encoding="utf-8").partition("\n")
    url = head.removeprefix("URL:").strip()
    title_line, _, rest = body.partition("\n")
    date_line, _, excerpt = rest.partition("\n")
    title = title_line.removeprefix("TITLE:").strip()
    day = date_line.removeprefix("DATE:").strip()
    return url, title, dt.date.fromisoformat(day) if day else None, STORE_NOTE.sub("", excerpt)


def read(path: Path, titles: list[str]) -> tuple[list[str], list[dict]]:
    url, title, day, excerpt = load(path)
    text = f"{title}\n\n{excerpt}".encode()
    fetched = Fetched(data=text, location=url, is_url=True,
                      retrieved_at=dt.datetime.now(dt.UTC), content_type="text/plain")
    try:
        article = read_article(fetched, published=day)
        reading = read_claims(article, titles)
    except SourceError:
        return [], []
    return reading.shows, [c.to_dict() for c in reading.claims]


def _surname_match(found: str, gold: str) -> bool:
    found, gold = norm(found), norm(gold)
    return bool(found) and (found == gold or found == gold.split()[-1]
                            or gold == found.split()[-1] and len(found.split()) == 1)


def score(gold: dict, shows: list[str], claims: list[dict], tally: dict, say=None) -> None:
    def count(kind, got, want, same):
        pairs, wrong, unmatched = pair_up(got, want, same)
        tally[kind]["tp"] += len(pairs)
        tally[kind]["fp"] += len(wrong)
        tally[kind]["fn"] += len(unmatched)
        if say:
            for item in wrong:
                say(f"  + {kind} {item}")
            for w in unmatched:
                say(f"  - {kind} {w}")

    count("show", [shows[0]] if shows else [], [gold["show"]],
          lambda a, b: norm(a) == norm(b))
    by = {k: [c for c in claims if c["kind"] == k] for k in ("status", "cast", "statement",
                                                               "event", "prediction")}
    statuses = sorted({(c["value"], c.get("season")) for c in by["status"]}, key=str)
    want_status = [(gold["status"], gold["status_season"])] if gold.get("status") else []
    count("status", statuses, want_status, lambda a, b: a == b)

    alternatives = {norm(k): {norm(x) for x in v}
                    for k, v in gold.get("character_alternatives", {}).items()}
    extra = {norm(p) for p, *_ in gold.get("allowed_extra_cast", [])}
    cast = {(c["person"], c.get("character")) for c in by["cast"]}
    cast = [c for c in cast if norm(c[0]) not in extra
            or norm(c[0]) in {norm(p) for p, _ in gold["cast"]}]

    def same_cast(a, b):
        if norm(a[0]) != norm(b[0]):
            return False
        if b[1] is None:
            return True
        return norm(a[1]) in ({norm(b[1])} | alternatives.get(norm(b[0]), set()))

    count("cast", sorted(cast, key=str), [tuple(c) for c in gold["cast"]], same_cast)

    stance_alt = {norm(k): set(v) for k, v in gold.get("stance_alternatives", {}).items()}
    said = sorted({(c.get("speaker") or "", c.get("stance")) for c in by["statement"]},
                  key=str)
    said = [s for s in said if s[0]]
    count("statement", said, [tuple(s) for s in gold["speakers"]],
          lambda a, b: _surname_match(a[0], b[0])
          and (a[1] == b[1] or a[1] in stance_alt.get(norm(b[0]), set())))

    events = sorted({(EVENT_KINDS.get(c.get("event"), c.get("event")), c.get("date") or "")
                     for c in by["event"]}, key=str)
    count("event", events, [tuple(e) for e in gold["events"]],
          lambda a, b: a[0] == b[0] and bool(a[1]) and a[1][:len(b[1])] == b[1])
    predictions = sorted({(c.get("about"), str(c.get("value"))) for c in by["prediction"]},
                         key=str)
    count("prediction", predictions, [tuple(map(str, p)) for p in gold["predictions"]],
          lambda a, b: a[0] == b[0] and (a[1] == b[1] or a[1].startswith(b[1])))


def measure(corpus: Path = CORPUS, details: bool = False) -> dict:
    gold = json.loads((corpus / "gold.json").read_text(encoding="utf-8"))
    titles = catalog_titles()
    tally = {k: Counter() for k in KINDS}
    began = time.perf_counter()
    for name in sorted(gold):
        path = corpus / name if name.endswith(".txt") else corpus / f"{name}.txt"
        shows, claims = read(path, titles)
        if details:
            print(f"{path.name}: {gold[name]['show']} — reader: {shows[:1]}")
        score(gold[name], shows, claims, tally, print if details else None)
    return {"articles": len(gold), "tally": tally,
            "ms": (time.perf_counter() - began) * 1000 / max(len(gold), 1)}


def figures(tally: Counter) -> tuple[float, float]:
    found, want = tally["tp"] + tally["fp"], tally["tp"] + tally["fn"]
    return (tally["tp"] / found if found else 0.0, tally["tp"] / want if want else 0.0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--details", action="store_true")
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    args = parser.parse_args()
    result = measure(args.corpus, args.details)
    print(f"{result['articles']} real articles ({args.corpus}):")
    print(f"{'kind':<11}{'gold':>6}{'found':>7}{'right':>7}{'precision':>11}{'recall':>8}")
    for kind, tally in result["tally"].items():
        precision, recall = figures(tally)
        print(f"{kind:<11}{tally['tp'] + tally['fn']:>6}{tally['tp'] + tally['fp']:>7}"
              f"{tally['tp']:>7}{precision:>11.2f}{recall:>8.2f}")
    print(f"reading time: {result['ms']:.0f} ms per article")


if __name__ == "__main__":
    main()
