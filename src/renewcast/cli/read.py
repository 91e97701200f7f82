"""``renewcast read``: an article in, proposed claims out, waiting for an editor.

The page is fetched and read before the database is touched, so a bad address, a PDF
or an article about no known show stores nothing.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys

KIND_ORDER = ("status", "event", "prediction", "cast", "statement", "plot")


def add_command(commands) -> None:
    read = commands.add_parser(
        "read", help="read a news article into claims for editors to confirm",
        description="Fetch an article (URL) or read a saved page (HTML or text), find the "
                    "show it is about and propose its claims for review in the admin.")
    read.add_argument("location", metavar="URL_OR_PATH")
    read.add_argument("--show", metavar="TITLE", help="the show the article is about "
                      "(default: the catalog show it names most)")
    read.add_argument("--new-show", action="store_true",
                      help="--show names a show the catalog does not have yet: add it, off "
                           "the public site until an editor confirms one of its claims")
    read.add_argument("--date", type=iso_date, metavar="YYYY-MM-DD",
                      help="the article's publication date, when the page does not give it")
    read.add_argument("--json", action="store_true", help="print JSON (see docs/reader.md)")
    read.add_argument("--dry-run", action="store_true", help="print the claims, store nothing")


def iso_date(text: str) -> dt.date:
    """An argparse type for YYYY-MM-DD, with a one-line message for anything else."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2022-09-03") from None


def cmd_read(args, user_error, ensure_database) -> int:
    from django.conf import settings

    from renewcast.sources.articles.reader import fetch_article

    article = fetch_article(args.location, published=args.date,
                            allow_private=settings.ALLOW_PRIVATE_FETCH)
    ensure_database()
    from renewcast.catalog.ingest.articles import store_reading
    from renewcast.catalog.reading import read_for_catalog

    if args.new_show and not args.show:
        raise user_error("--new-show needs --show TITLE: the new show's title")
    reading = read_for_catalog(article, show_title=args.show, error=user_error,
                               new_show=args.new_show)
    stored = None
    if not args.dry_run:
        from renewcast.sources.fetch import is_url

        stored = store_reading(reading, location=article.url, is_url=is_url(article.url),
                               retrieved_at=dt.datetime.now(dt.UTC),
                               new_show=args.new_show or reading.new_show is not None)
    if args.json:
        print(json.dumps(reading.to_dict(), indent=2, ensure_ascii=False))
    else:
        _print(reading)
    if stored is not None and not stored.show.listed:
        print(f"renewcast: {stored.show.title!r} is new to the catalog; it goes on the site "
              "when an editor confirms one of its claims", file=sys.stderr)
    if stored is not None:
        print(f"renewcast: {len(stored.proposed)} claim(s) proposed for review"
              + (f", {stored.already_reviewed} already reviewed" if stored.already_reviewed
                 else "")
              + f"; review them at /admin/catalog/claim/to-review/?source={stored.source.pk}",
              file=sys.stderr)
    return 0


def _print(reading) -> None:
    source = reading.article.source_dict()
    print(source["title"] or source["url"])
    meta = [x for x in (source["site"], source["author"], source["published"]) if x]
    if meta:
        print("  " + " · ".join(meta))
    print(f"  about: {', '.join(reading.shows)}")
    for kind in KIND_ORDER:
        claims = [c for c in reading.claims if c.kind == kind]
        if not claims:
            continue
        print(f"\n{kind} ({len(claims)})")
        for claim in claims:
            print(f"  - {_summary(claim)}")
            quote = " ".join(claim.quote.split())
            more = "…" if len(quote) > 140 else ""
            print(f"    “{quote[:140]}{more}” [{claim.start}:{claim.end}]")
    if reading.article.comments:
        replies = sum(1 for c in reading.article.comments if c.parent is not None)
        print(f"\ncomments: {len(reading.article.comments) - replies} and {replies} repl"
              f"{'y' if replies == 1 else 'ies'}")


def _summary(claim) -> str:
    f, season = claim.fields, f"season {claim.season}" if claim.season else "season ?"
    if claim.kind == "status":
        return f"{season}: {f['value']}"
    if claim.kind == "event":
        return f"{season}: {f['event']} {f['date']}"
    if claim.kind == "prediction":
        return f"{season}: {f['about']} → {f['value']}"
    if claim.kind == "cast":
        return f"{f['person']}" + (f" as {f['character']}" if f.get("character") else "")
    if claim.kind == "statement":
        who = f["speaker"] + (f" ({f['role']})" if f.get("role") else "")
        return f"{who}, {f['stance']}" + (f", {f['date']}" if f.get("date") else "")
    return f"{season}" + (" (spoiler)" if f.get("spoiler") else "")
