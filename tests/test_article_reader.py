"""The article reader (no database) on real articles, a page served on 127.0.0.1, bad input
and the hand-annotated gold set."""

from __future__ import annotations

import datetime as dt
import functools
import importlib.util
import json
import threading
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from conftest import free_port

from renewcast.sources.articles.dates import find_dates
from renewcast.sources.articles.document import Article
from renewcast.sources.articles.reader import MAX_BYTES, fetch_article
from renewcast.sources.articles.reading import identify_shows, read_claims
from renewcast.sources.errors import SourceError

ROOT = Path(__file__).resolve().parents[1]
ARTICLES = Path(__file__).parent / "fixtures" / "articles"
ARTICLE_000 = ARTICLES / "partner-track-000.txt"  # copy of ../shared/articles/000_*.txt
ARTICLE_001 = ARTICLES / "partner-track-001.txt"  # copy of ../shared/articles/001_*.txt
TITLES = ["Partner Track", "Wednesday", "You", "The Crown"]
GOLD = sorted(ARTICLES.glob("*.gold.json"))
CHUNK, HUGE = b"x" * 65536, 50 * 1024 * 1024


def wp_comment(author: str, text: str, replies: str = "") -> str:
    """One comment as WordPress marks it up, with its replies in an ``ol.children``."""
    return (f'<li class="comment"><article class="comment-body"><footer class="comment-meta">'
            f'<div class="comment-author vcard"><cite class="fn">{author}</cite> '
            f'<span class="says">says:</span></div></footer><div class="comment-content">'
            f'<p>{text}</p></div>{replies and f"<ol class=children>{replies}</ol>"}'
            f"</article></li>")


HTML_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Partner Track season 2 news | TV Porch</title>
<meta property="og:title" content="Partner Track Season 2: Will Netflix Renew the Legal Drama?">
<meta property="og:site_name" content="TV Porch">
<meta name="author" content="Dana Whitfield">
<meta property="article:published_time" content="2022-09-05T10:00:00+00:00">
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/tv">TV</a></li></ul></nav>
<article class="post"><h1>Partner Track Season 2: Will Netflix Renew the Legal Drama?</h1>
<div class="entry-content">
<p>Netflix has yet to renew Partner Track for a second season, but the streamer's drama team
has said it is in early conversations with creator Georgia Lee about where the story goes.</p>
<script>var trackingPixel = "EVIL_SCRIPT_PAYLOAD"; document.write(trackingPixel);</script>
<p>The first season of Partner Track premiered on Aug. 26. Arden Cho plays Ingrid Yun, a lawyer
fighting to make partner at a New York City law firm. The cast also includes Bradley Gibson as
Tyler Robinson and Dominic Sherwood as Jeff Murphy.</p>
<p>Filming for the first season took place between September 2021 and February 2022, so if
Netflix orders more episodes, a second season would probably arrive sometime in late 2023.</p>
</div></article>
<div id="comments" class="comments-area"><ol class="commentlist">{comments}</ol></div>
<footer><p>Copyright TV Porch</p></footer>
</body></html>
""".replace("{comments}", wp_comment(
    "Mo Reyes", "I need a second season of this show right now.",
    wp_comment("Jo Park", "Same here, that ending was brutal."),
) + wp_comment("Ann Lee", "Team Nick forever."))


SERVED = {
    "/article.html": (HTML_PAGE.encode(), "text/html; charset=utf-8"),
    "/document": ((ARTICLES / "bad_document.pdf").read_bytes(), "application/pdf"),
    "/empty.html": ((ARTICLES / "bad_empty.html").read_bytes(), "text/html"),
    "/zero": (b"", "text/html"),
    "/spanish.html": ((ARTICLES / "bad_non_english.html").read_bytes(), "text/html"),
    "/photo.png": (b"\x89PNG\r\n\x1a\n" + b"\0" * 200, "image/png"),
    "/huge-declared": (b"", "text/html"),
    "/huge-undeclared": (b"", "text/html"),
}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.0"

    def do_GET(self):  # the name http.server calls
        try:
            self._route()
        except (BrokenPipeError, ConnectionResetError):
            pass  # the reader hung up on a body it will not take, as it should

    def _route(self):
        body, content_type = SERVED.get(self.path, (b"unknown", "text/plain"))
        huge = self.path.startswith("/huge")  # 50 MB, written a chunk at a time, never held
        self.send_response(200 if self.path in SERVED else 404)
        self.send_header("Content-Type", content_type)
        if self.path != "/huge-undeclared":
            self.send_header("Content-Length", str(HUGE if huge else len(body)))
        self.end_headers()
        for _ in range(HUGE // len(CHUNK) if huge else 0):
            self.wfile.write(CHUNK)
        self.wfile.write(body)

    def log_message(self, *args):  # keep the test output quiet
        pass


@pytest.fixture(scope="module")
def base_url():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)


@functools.cache
def reading_of(path: Path) -> dict:
    return read_claims(fetch_article(str(path)), TITLES).to_dict()


def of_kind(reading: dict, kind: str) -> list[dict]:
    return [c for c in reading["claims"] if c["kind"] == kind]


# --- article 000: "Why Partner Track Is Likely Headed For A Season 2 Renewal" ---------------

def test_000_is_about_partner_track_awaiting_season_2():
    r000 = reading_of(ARTICLE_000)
    assert r000["shows"][0] == "Partner Track"
    assert set(r000) == {"source", "shows", "claims", "comments"}
    assert [(c["season"], c["value"]) for c in of_kind(r000, "status")] == [(2, "awaiting")]


def test_000_reads_all_eight_cast_pairs():
    r000 = reading_of(ARTICLE_000)
    cast = {(c["person"], c["character"]) for c in of_kind(r000, "cast")}
    assert cast == {
        ("Arden Cho", "Ingrid Yun"), ("Bradley Gibson", "Tyler Robinson"),
        ("Alexandra Turshen", "Rachel Friedman"), ("Rob Heaps", "Nick Laren"),
        ("Matthew Rauch", "Marty Adler"), ("Nolan Gerard Funk", "Dan Fallon"),
        ("Dominic Sherwood", "Jeff Murphy"), ("Roby Attal", "Justin"),
    }
    arden = next(c for c in of_kind(r000, "cast") if c["person"] == "Arden Cho")
    # the cast list misspells her character; the spelling used elsewhere wins, the quote stays
    assert arden["quote"] == "Arden Cho (Indrid Yung)"


def test_000_jinny_howe_statements():
    r000 = reading_of(ARTICLE_000)
    howe = [c for c in of_kind(r000, "statement") if c["speaker"] == "Jinny Howe"]
    assert howe and all("drama head" in c["role"] for c in howe)
    assert (howe[0]["stance"], howe[0]["date"]) == ("positive", "2022-08-23")
    assert howe[0]["quote"].startswith("We are really excited.")


def test_000_filming_window_and_predictions():
    r000 = reading_of(ARTICLE_000)
    events = {(c["event"], c["season"], c["date"]) for c in of_kind(r000, "event")}
    assert ("filming_start", 1, "2021-09") in events
    assert ("filming_wrap", 1, "2022-02") in events
    predictions = {(c["about"], c["season"], c["value"]) for c in of_kind(r000, "prediction")}
    assert ("premiere", 2, "2023-08") in predictions
    assert any(about == "renewal" and value == "renewed" for about, _, value in predictions)


def test_000_spoiler_plot_leaves_out_the_warning():
    r000 = reading_of(ARTICLE_000)
    [spoiler] = [c["text"] for c in of_kind(r000, "plot") if c["spoiler"]]
    assert "Spoilers ahead" not in spoiler and "Jeff is the one who betrayed her" in spoiler
    assert spoiler.startswith("Following an ongoing will-they-or-won’t-they")


# --- article 001: "Everything We Know About The Possibility Of Partner Track Season 2" --------

def test_001_status_premiere_and_author():
    r001 = reading_of(ARTICLE_001)
    assert r001["shows"][0] == "Partner Track"
    assert [(c["season"], c["value"]) for c in of_kind(r001, "status")] == [(2, "awaiting")]
    premieres = [c for c in of_kind(r001, "event") if c["event"] == "premiere"]
    assert [(c["season"], c["date"]) for c in premieres] == [(1, "2022-08-26")]
    assert r001["source"]["author"] == "Ayman Bhorania"


def test_001_statements():
    r001 = reading_of(ARTICLE_001)
    statements = of_kind(r001, "statement")
    howe = [c for c in statements if c["speaker"] == "Jinny Howe"]
    assert "Head of Drama Development" in howe[0]["role"] and howe[0]["stance"] == "positive"
    lee = [c for c in statements if c["speaker"] == "Georgia Lee"]
    assert lee and all("creator" in c["role"] and c["stance"] == "positive" for c in lee)


def test_001_comment_thread_is_apart_from_the_body():
    r001 = reading_of(ARTICLE_001)
    comments, body = r001["comments"], r001["source"]["body"]
    assert [c["parent"] for c in comments] == [None] * 5 + [4] + [None] * 2
    replies = [c for c in comments if c["parent"] is not None]
    assert comments[4]["text"].startswith("c Keith Ingrid father")
    assert replies[0]["text"].startswith("I like your comments.")
    for comment in comments:
        assert comment["text"][:60] not in body
    for furniture in ("Please enter your comment!", "Most Popular", "HomeEntertainment",
                      "A Writer By Heart"):
        assert furniture not in body


@pytest.mark.parametrize("path", [ARTICLE_000, ARTICLE_001], ids=["000", "001"])
def test_every_quote_is_the_body_at_its_offsets(path):
    reading = reading_of(path)
    body = reading["source"]["body"]
    assert reading["claims"]
    for claim in reading["claims"]:
        assert body[claim["start"]:claim["end"]] == claim["quote"], claim


# --- a served HTML page ---------------------------------------------------------------------

def test_served_html_page_metadata_comments_and_no_script(base_url):
    article = fetch_article(f"{base_url}/article.html", allow_private=True)
    assert article.title == "Partner Track Season 2: Will Netflix Renew the Legal Drama?"
    assert article.author == "Dana Whitfield"
    assert article.published == dt.date(2022, 9, 5)
    for outside in ("EVIL_SCRIPT_PAYLOAD", "document.write", "Copyright TV Porch", "Same here"):
        assert outside not in article.body
    assert [(c.text, c.parent) for c in article.comments] == [
        ("I need a second season of this show right now.", None),
        ("Same here, that ending was brutal.", 0),
        ("Team Nick forever.", None),
    ]
    # the exact names are checked in test_served_comment_authors_are_the_names_alone
    assert [c.author.split()[:2] for c in article.comments] == [
        ["Mo", "Reyes"], ["Jo", "Park"], ["Ann", "Lee"]]
    found = read_claims(article, TITLES).to_dict()
    assert found["shows"][0] == "Partner Track"
    assert [(c["season"], c["value"]) for c in of_kind(found, "status")] == [(2, "awaiting")]
    assert ("premiere", 1, "2022-08-26") in {(c["event"], c["season"], c["date"])
                                              for c in of_kind(found, "event")}
    assert ("Arden Cho", "Ingrid Yun") in {(c["person"], c["character"])
                                           for c in of_kind(found, "cast")}
    assert all(article.body[c["start"]:c["end"]] == c["quote"] for c in found["claims"])


def test_served_comment_authors_are_the_names_alone(base_url):
    article = fetch_article(f"{base_url}/article.html", allow_private=True)
    assert [c.author for c in article.comments] == ["Mo Reyes", "Jo Park", "Ann Lee"]


# --- bad input: one clear SourceError each --------------------------------------------------

BAD = {  # name: (a file, "@/path" on the server or "CLOSED/…"; key words of the message)
    "unreachable": ("CLOSED/article", ["could not fetch"]),
    "50MB-declared": ("@/huge-declared", ["over", f"{MAX_BYTES:,}"]),
    "50MB-streamed": ("@/huge-undeclared", ["over", f"{MAX_BYTES:,}"]),
    "pdf-file": (str(ARTICLES / "bad_document.pdf"), ["PDF"]),
    "pdf-served": ("@/document", ["PDF"]),
    "no-story-file": (str(ARTICLES / "bad_empty.html"), ["no article text"]),
    "no-story-served": ("@/empty.html", ["no article text"]),
    "zero-bytes": ("@/zero", ["empty"]),
    "spanish-file": (str(ARTICLES / "bad_non_english.html"), ["English"]),
    "spanish-served": ("@/spanish.html", ["English"]),
    "image": ("@/photo.png", ["image/png", "not an article"]),
}


@pytest.mark.parametrize("name", BAD)
def test_bad_input_is_refused_in_one_line(base_url, name):
    location, words = BAD[name]
    if location.startswith("CLOSED"):
        location = location.replace("CLOSED", f"http://127.0.0.1:{free_port()}")
    elif location.startswith("@"):
        location = base_url + location[1:]
    with pytest.raises(SourceError) as caught:
        fetch_article(location, allow_private=True)
    message = str(caught.value)
    assert "\n" not in message
    for word in words:
        assert word in message, message


# --- generality on the hand-annotated corpus ------------------------------------------------

def gold_page(gold_path: Path) -> Path:
    name = gold_path.name.removesuffix(".gold.json")
    return next(p for p in ARTICLES.glob(name + ".*") if not p.name.endswith(".json"))


@pytest.mark.parametrize("gold_path", GOLD, ids=lambda p: p.name.removesuffix(".gold.json"))
def test_gold_article_claims_have_exact_offsets(gold_path):
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    article = fetch_article(str(gold_page(gold_path)))
    reading = read_claims(article, [gold["show"], *TITLES], show=gold["show"])
    assert reading.shows[0] == gold["show"]
    assert reading.claims
    for claim in reading.claims:
        assert article.body[claim.start:claim.end] == claim.quote, claim


def test_gold_shows_are_identified_among_distractors():
    golds = [json.loads(p.read_text(encoding="utf-8")) for p in GOLD]
    assert len(golds) == 11
    titles = [g["show"] for g in golds] + [
        *TITLES, "Stranger Things", "Bridgerton", "Ozark", "1899", "Inside Job", "Berlin",
    ]
    right = sum(
        (identify_shows(fetch_article(str(gold_page(p))), titles) or [None])[0] == g["show"]
        for p, g in zip(GOLD, golds, strict=True)
    )
    assert right >= 9


def test_benchmark_precision_and_recall_stay_above_half():
    path = ROOT / "benchmarks" / "reader_accuracy.py"
    spec = importlib.util.spec_from_file_location("reader_accuracy", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    total = Counter()
    for tally in module.score()["kinds"].values():
        total.update(tally)
    precision = total["tp"] / (total["tp"] + total["fp"])
    recall = total["tp"] / (total["tp"] + total["fn"])
    assert precision >= 0.5 and recall >= 0.5, (precision, recall)


@pytest.mark.parametrize("title", ["Shadow and Bone", "Emily in Paris"])
def test_title_with_a_lowercase_word_is_identified(title):
    body = (f"{title} Season 3: Everything We Know\n\nNetflix has not yet renewed {title} "
            f"for a third season, but fans of {title} remain hopeful.")
    article = Article(url="x", title=f"{title} Season 3: Everything We Know", body=body)
    assert identify_shows(article, [title, "Wednesday"]) == [title]


# --- dates ----------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "anchor", "expected"), [
    ("she told Deadline on Aug. 23", dt.date(2022, 9, 3), ["2022-08-23"]),
    ("The season will premiere June 12", dt.date(2024, 5, 1), ["2024-06-12"]),
    ("filming took place between September 2021 and February 2022", None,
     ["2021-09", "2022-02"]),
    ("It should arrive in early 2025.", None, ["2025"]),
    ("Filming started this April.", dt.date(2025, 6, 10), ["2025-04"]),
    ("Netflix confirmed it on 4 March 2024.", None, ["2024-03-04"]),
    ("Cameras started rolling last month.", dt.date(2025, 6, 10), ["2025-05"]),
    ("she told Deadline on Aug. 23", None, []),
])
def test_find_dates(text, anchor, expected):
    assert [m.value for m in find_dates(text, anchor)] == expected
