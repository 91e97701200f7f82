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
from helpers import PARTNER_TRACK_000, PARTNER_TRACK_001

from renewcast.sources.articles.dates import find_dates
from renewcast.sources.articles.document import Article
from renewcast.sources.articles.reader import MAX_BYTES, fetch_article
from renewcast.sources.articles.reading import identify_shows, read_claims
from renewcast.sources.errors import SourceError

ROOT = Path(__file__).resolve().parents[1]
ARTICLES = Path(__file__).parent / "fixtures" / "articles"
ARTICLE_000, ARTICLE_001 = PARTNER_TRACK_000, PARTNER_TRACK_001
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
    assert set(r000) == {"source", "shows", "new_show", "claims", "comments"}
    assert r000["new_show"] is None
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


# --- cast and statements on real-article phrasing (issue 21, reader v2) ----------------------

def _read(body: str, show: str = "Harbor Lights") -> dict:
    article = Article(url="x", title=f"{show} season 2", body=body)
    return read_claims(article, [show], show=show).to_dict()


def _cast(body: str, show: str = "Harbor Lights") -> set[tuple[str, str | None]]:
    return {(c["person"], c["character"]) for c in of_kind(_read(body, show), "cast")}


def _said(body: str, show: str = "Harbor Lights") -> set[tuple[str, str]]:
    return {(c["speaker"], c["stance"]) for c in of_kind(_read(body, show), "statement")}


def test_character_before_actor_in_a_plot_summary():
    body = ("The second season centers Edwin Payne (George Rexstrew), a ghost detective who "
            "keeps the agency afloat. Edwin spends most of it arguing with Charles.")
    assert _cast(body) == {("George Rexstrew", "Edwin Payne")}


def test_surname_in_brackets_is_the_performer():
    body = ("Harbor Lights stars Kellan Pruitt. The finale left Joe Marsh (Pruitt) in a cell, "
            "and Pruitt has teased a darker turn.")
    assert _cast(body) == {("Kellan Pruitt", "Joe Marsh")}


def test_actor_as_a_described_character():
    body = "Harbor Lights starring Dana Vell as the Roman goddess Juno premiered in May."
    assert _cast(body) == {("Dana Vell", "Juno")}


def test_paired_performers_and_parts_respectively():
    body = ("Adam Brody and Kristen Bell led the cast as rabbi Noah and podcast host Joanna "
            "respectively.")
    assert _cast(body) == {("Adam Brody", "Noah"), ("Kristen Bell", "Joanna")}


def test_cast_named_before_their_verb():
    body = ("Thandiwe Newton will star in the second season. Mara Quill, Tobin Reyes and "
            "Alain Uy recur. Jonah Pike will be back with other key cast members such as "
            "Emma Myers.")
    assert _cast(body) == {("Thandiwe Newton", None), ("Mara Quill", None), ("Tobin Reyes", None),
                           ("Alain Uy", None), ("Jonah Pike", None), ("Emma Myers", None)}


def test_producers_and_other_work_are_not_cast():
    body = ("Harbor Lights stars Fallout's Rena Holt. Alongside her, Dana Morrow and Eli Frank "
            "will also serve as executive producers. Creator Sam Ortiz's Harbor Lights novels "
            "sold well.")
    assert _cast(body) == {("Rena Holt", None)}


def test_played_by_on_another_show_is_not_this_cast():
    body = ("Lady Marlow, played by Ada Stone on “Old Harbor” and Bea Lind on “Harbor Lights,” "
            "returns.")
    assert _cast(body) == {("Bea Lind", "Lady Marlow")}


def test_attribution_that_starts_with_a_role():
    body = ("Netflix renewed Harbor Lights on Monday. “We have so many more stories to tell,” "
            "showrunner Patrick Smith told Tudum.")
    assert _said(body) == {("Patrick Smith", "positive")}


def test_joint_statement_is_each_speakers():
    body = ("Harbor Lights was created by Ana Ruiz and Ben Kato. The duo said in a joint "
            "statement: “We are thrilled to keep going with a third season of the show.”")
    assert _said(body) == {("Ana Ruiz", "positive"), ("Ben Kato", "positive")}


def test_quoted_fragment_has_a_speaker():
    body = ("Author Leah Marsh shared her thoughts on Instagram. She was “heartbroken and deeply "
            "disappointed” by the cancellation of Harbor Lights.")
    assert _said(body) == {("Leah Marsh", "negative")}


def test_refusal_outweighs_the_hope_words_inside_it():
    body = ("Harbor Lights has been canceled. “Although we won't be continuing with another "
            "season, we loved making it,” said Mia Lang, the streamer's head of drama.")
    assert _said(body) == {("Mia Lang", "negative")}


# --- reader v2 (issue 21): rules read from real news prose, tried on sentences written here ---

def _read_v2(title: str, body: str, day: dt.date | None = dt.date(2024, 10, 7),
          titles=("Harbour Lights", "Wednesday", "Money Heist")):
    article = Article(url="x", title=title, body=f"{title}\n\n{body}", published=day)
    reading = read_claims(article, list(titles))
    return reading, [c.to_dict() for c in reading.claims]


def _v2_of(claims, kind):
    return [c for c in claims if c["kind"] == kind]


def _plain_v2(text: str):
    from renewcast.sources.articles.plain import read_plain
    return read_plain(text, "x")


@pytest.mark.parametrize("headline", [
    "‘Harbour Lights’ Season 2: Has Netflix Renewed or Canceled?",
    "Not even a great cast could save Harbour Lights…",
    "Harbour Lights Welcomes a New Star to the Season 2 Cast (VIDEO)",
])
def test_headlines_in_any_shape_are_read_as_the_headline(headline):
    body = ("The streamer has not said much about the drama yet, and fans of the series keep "
            "asking about what comes next for the show and its cast. " * 3)
    article = _plain_v2(f"{headline}\n\n{body}")
    assert article.title == headline
    assert identify_shows(article, ["Harbour Lights"]) == ["Harbour Lights"]


def test_a_subtitled_title_is_found_by_its_main_part_and_a_parent_does_not_count():
    titles = ["Queen Mab: A Fairy Story", "Money Heist"]
    article = Article(url="x", title="Queen Mab might not get a season 2",
                      body="Queen Mab was a hit. Fans want more Queen Mab.")
    assert identify_shows(article, titles) == ["Queen Mab: A Fairy Story"]
    spin = Article(url="x", title="Filming begins on the Money Heist prequel",
                   body="Shooting of the Money Heist prequel Berlin has begun in Seville.")
    assert identify_shows(spin, titles) == []


@pytest.mark.parametrize(("text", "anchor", "expected"), [
    ("Netflix set a Dec. 19 premiere date for Season 6.", dt.date(2024, 10, 7), ["2024-12-19"]),
    ("It premiered on Dec. 19 to strong reviews.", dt.date(2024, 10, 7), ["2023-12-19"]),
    ("The creators shared the news on Monday.", dt.date(2023, 1, 3), ["2023-01-02"]),
    ("The teaser was released Friday.", dt.date(2024, 6, 22), ["2024-06-21"]),
    ("It was canceled earlier this week.", dt.date(2023, 11, 18), ["2023-11"]),
    ("It landed on New Year's Day.", dt.date(2023, 1, 3), ["2023-01-01"]),
    ("October saw the arrival of season 3.", dt.date(2024, 10, 4), ["2024-10"]),
    ("It debuted in January of this year.", dt.date(2023, 5, 12), ["2023-01"]),
    ("Wednesday season 2 is filming in Ireland.", dt.date(2024, 10, 7), []),
])
def test_dates_without_a_year_follow_the_verb_beside_them(text, anchor, expected):
    assert [m.value for m in find_dates(text, anchor)] == expected


def test_a_status_word_about_something_else_is_no_status():
    _, claims = _read_v2("Harbour Lights season 2 news",
                      "The news comes amid a string of projects being axed at the streamer. "
                      "Now that both strikes have come to an end, the writers are back at work. "
                      "Harbour Lights has not yet been renewed for a second season.")
    assert [(c["value"], c["season"]) for c in _v2_of(claims, "status")] == [("awaiting", 2)]


def test_a_return_date_is_a_premiere_not_a_renewal():
    _, claims = _read_v2("Harbour Lights returns in December",
                      "Harbour Lights will return for a sixth season in December. "
                      "Netflix set a Dec. 19 premiere date for Season 6.")
    assert [(c["value"], c["season"]) for c in _v2_of(claims, "status")] == [("renewed", 6)]
    events = {(c["event"], c["date"]) for c in _v2_of(claims, "event")}
    assert ("premiere", "2024-12-19") in events
    assert not any(kind == "renewal" for kind, _ in events)


def test_not_yet_decided_and_yet_to_be_decided_are_not_renewals():
    _, claims = _read_v2("Harbour Lights season 3", "Season 2 premiered in March. The cast is in "
                      "place for Season 3 to be greenlit. But until Netflix gives us the green "
                      "light, we wait.")
    assert not _v2_of(claims, "status")


def test_a_final_season_not_yet_out_is_renewed_with_its_number_as_the_last():
    _, claims = _read_v2("Harbour Lights season 3 will be its last",
                      "The second season of Harbour Lights concluded in June. Netflix has "
                      "announced that Harbour Lights will end with its upcoming third season. "
                      "The streamer shared the news on Friday.")
    (status,) = _v2_of(claims, "status")
    assert (status["value"], status["season"], status["final_season"]) == ("renewed", 3, 3)
    assert ("ending", "2024-10-04") in {(c["event"], c["date"]) for c in _v2_of(claims, "event")}


def test_a_show_that_has_come_to_a_close_has_ended_with_its_last_season():
    _, claims = _read_v2("Harbour Lights series finale", "After all that, Harbour Lights has "
                      "finally come to a close after five seasons. Its star talked about the "
                      "final season and last episode.")
    assert [(c["value"], c["season"]) for c in _v2_of(claims, "status")] == [("ended", 5)]


def test_two_more_seasons_count_from_the_last_one_out():
    _, claims = _read_v2("Netflix renews Harbour Lights for two more seasons",
                      "The first season of Harbour Lights premiered in late February.")
    (status,) = _v2_of(claims, "status")
    assert (status["season"], status["covers"]) == (3, [2, 3])


def test_a_cancellation_names_the_season_that_will_not_come():
    _, claims = _read_v2("Harbour Lights cancellation reactions",
                      "Netflix canceled the drama in March, just weeks after Season 2 dropped.",
                      day=dt.date(2024, 4, 17))
    assert [(c["value"], c["season"]) for c in _v2_of(claims, "status")] == [("canceled", 3)]
    assert ("cancellation", "2024-03") in {(c["event"], c["date"]) for c in _v2_of(claims, "event")}


def test_only_the_writers_own_forecasts_are_predictions():
    _, hedges = _read_v2("Harbour Lights season 2",
                         "Netflix often spends time weighing the numbers before approving a "
                         "second season, and it could renew the drama.")
    assert not _v2_of(hedges, "prediction")
    _, own = _read_v2("Harbour Lights season 2",
                      "The story is not finished, so we strongly suspect a renewal will be "
                      "announced soon. Our feeling is that you won't see it premiere until 2026.")
    assert {(c["about"], c["value"]) for c in _v2_of(own, "prediction")} == {
        ("renewal", "renewed"), ("premiere", "2026")}
    assert not any(c["event"] == "premiere" for c in _v2_of(own, "event"))


def test_other_titles_and_other_work_give_no_events():
    _, claims = _read_v2("Harbour Lights season 2 begins filming",
                      "Filming on Harbour Lights season 2 began in September. "
                      "Money Heist also dropped its fifth season this March. "
                      "Its star is also set to star in a new film, which begins filming in May.")
    events = {(c["event"], c["date"]) for c in _v2_of(claims, "event")}
    assert events == {("filming_start", "2024-09")}


def test_trailers_and_premiere_date_announcements_are_dated():
    _, claims = _read_v2("Harbour Lights season 2 trailer",
                      "Netflix has confirmed the premiere date for Harbour Lights Season 2, which "
                      "will drop on Nov. 22. The teaser of the series was shared on Monday.")
    events = {(c["event"], c["date"]) for c in _v2_of(claims, "event")}
    assert {("premiere", "2024-11-22"), ("date_announced", "2024-10-07"),
            ("trailer", "2024-10-07")} <= events


# --- statements: quotation marks, name particles, joint and introduced quotes ----------------

def _quoted(body: str) -> list[str]:
    from renewcast.sources.articles.sentences import quotations
    return [body[q.start:q.end] for q in quotations(body)]


def test_quotation_marks_are_read_by_what_stands_around_them():
    # a mistyped closing mark, a quote inside a quote, and a quote the page cut off
    assert _quoted("“We are glad to be back for more,“ said Ida Moss. “Thank you all so much.”") \
        == ["We are glad to be back for more,", "Thank you all so much."]
    assert _quoted("“At the party, “Harbor Lights” star Ida Moss waved to every fan there.”") \
        == ["At the party, “Harbor Lights” star Ida Moss waved to every fan there."]
    assert _quoted("She said: “It would take two more years to finish the") \
        == ["It would take two more years to finish the"]


def test_a_quote_running_over_paragraphs_with_straight_marks():
    body = 'They said: "The first part of it goes here.\n\n"And the last part ends here."'
    assert _quoted(body) == ['The first part of it goes here.\n\n"And the last part ends here.']


def test_a_joint_statement_over_paragraphs_is_each_creators():
    body = ("Netflix will bring the drama back, as planned by co-creators Ana Ruiz, Ben Kato "
            "and Cal Ortiz.\n\nThe trio said in a joint statement: \"We started with a single "
            "picture of a harbour at night.\n\n\"We can't wait to share another season with "
            "everyone.\"")
    assert _said(body) == {("Ana Ruiz", "positive"), ("Ben Kato", "positive"),
                           ("Cal Ortiz", "positive")}


def test_a_name_particle_joins_a_given_name_to_its_surname():
    from renewcast.sources.articles.people import People
    known = People(["Its director Pieter van Dijk spoke. Later van Dijk left."])
    assert known.resolve("Dijk") == "Pieter van Dijk"
    # a particle that is no English word counts where the page repeats it before the surname
    page = "It comes from Mara Olsen and Tomas ka Vinter. Olsen and ka Vinter wrote it."
    assert People([page]).resolve("Vinter") == "Tomas ka Vinter"
    assert People(["Emily in Paris is back. She lives in Paris."]).resolve("Paris") is None


def test_a_headline_run_does_not_hide_the_name_inside_it():
    from renewcast.sources.articles.people import People
    known = People(["Harbor Lights Welcomes Jo Kim", "Jo Kim joins the cast."])
    assert known.resolve("Kim") == "Jo Kim"


def test_a_word_seldom_a_name_is_a_surname_after_a_role():
    body = ("Harbor Lights is back. The show's creator Lena Head told Tudum, \"We're thrilled "
            "and excited to return for a third season.\"")
    assert _said(body) == {("Lena Head", "positive")}


def test_a_quote_introduced_by_the_paragraph_before_it():
    body = ("Ana Ruiz and Ben Kato, co-creators and writers of Harbor Lights, said the following "
            "about the casting, per Deadline:\n\n“We're so thrilled to have her join our family "
            "for the next season.”")
    assert _said(body) == {("Ana Ruiz", "positive"), ("Ben Kato", "positive")}


def test_a_critics_verdict_is_no_statement():
    body = ("Harbor Lights got a three-star review from Tom Vale, who wrote for NME: “It is "
            "quite simple and the characters are broad.”")
    assert _said(body) == set()


def test_the_end_of_a_season_is_a_time_not_an_ending():
    body = ("“Here we are at the end of our second season, and we hope to be back for more,” "
            "said Ida Moss.")
    assert _said(body) == {("Ida Moss", "positive")}


# -- the audit's held-out phrasings: rules that generalise, not one article's wording -------

def test_a_first_name_ending_in_s_is_still_a_name():
    assert ("Wes Calloway", "Jed Harlan") in _cast(
        "Wes Calloway returns as Jed Harlan in the new season of Harbor Lights.")


@pytest.mark.parametrize("sentence", [
    "Joining them for the new season are Priya Okafor, Dev Lindholm and Sara Quint.",
    "Priya Okafor, Dev Lindholm and Sara Quint round out the ensemble.",
])
def test_cast_lists_in_inverted_and_closing_forms(sentence):
    found = {person for person, _ in _cast(sentence)}
    assert {"Priya Okafor", "Dev Lindholm", "Sara Quint"} <= found


def test_a_past_debut_with_a_yearless_date_is_not_moved_a_year_ahead():
    _, claims = _read_v2("Harbour Lights season 2 in the works",
                         "Since its October 3 debut, Harbour Lights has topped the charts.",
                         day=dt.date(2024, 10, 20))
    assert all(c.get("date") != "2025-10-03" for c in _v2_of(claims, "event"))


def test_a_weekday_before_a_capitalised_word_is_a_name_not_a_date():
    from renewcast.sources.articles.dates import find_dates

    text = "The show airs after Monday Night Football, the network said on Tuesday."
    found = [d for d in find_dates(text, dt.date(2024, 10, 9))]
    assert [d.value for d in found] == ["2024-10-08"]


# -- general rules from a second audit (each with sentences of its own) ---------------------

@pytest.mark.parametrize("tail", [
    "said HBO's president of programming Mara Quell.",
    "said co-creator Teo Banks.",
    "said Hulu's head of drama Ilse Marr in a statement.",
])
def test_a_speaker_named_after_said_and_a_title(tail):
    body = f"“We are thrilled to be making another season of this show,” {tail}"
    name = tail.removesuffix(" in a statement.").removesuffix(".").split()[-2:]
    assert {who for who, _ in _said(body)} == {" ".join(name)}


def test_a_pronoun_after_a_short_fragment_is_the_person_named_before_it():
    body = ("“It was a hard year for everyone on the crew,” producer Ada Lund said.\n\n"
            "Jonas Bright, for his part, is hopeful. “Stay tuned,” he said. “There is a lot "
            "more story to tell about these people.”")
    assert _said(body) == {("Ada Lund", "neutral"), ("Jonas Bright", "positive")}


@pytest.mark.parametrize(("quote", "expected"), [
    ("It breaks our hearts that this family of actors will not work together again.",
     "negative"),
    ("We never got to finish the story we planned, and I'm gutted about it.", "negative"),
    ("If the story has another chapter in it, I would be there in a heartbeat.", "positive"),
])
def test_stance_words_for_endings_and_hopes(quote, expected):
    from renewcast.sources.articles.statements import stance
    assert stance(quote) == expected


def test_names_in_brackets_after_a_plot_verb_are_characters_first():
    body = ("The drama centers on a band of smugglers led by Tomas Reyne (Idris Vahl) and his "
            "sister Lena Reyne (Maud Ekker).")
    assert _cast(body) == {("Idris Vahl", "Tomas Reyne"), ("Maud Ekker", "Lena Reyne")}


def test_a_cast_word_after_the_plot_verb_keeps_performers_first():
    body = "The series follows the Reyne family and stars Idris Vahl (Tomas Reyne)."
    assert _cast(body) == {("Idris Vahl", "Tomas Reyne")}


def test_a_part_named_after_a_relation_and_a_comma():
    body = "Ines Varga is back as her mentor, Judge Ada Brook, in the second season."
    assert ("Ines Varga", "Judge Ada Brook") in _cast(body)


def test_a_newcomer_named_then_playing_a_part():
    body = "Also new this season is Tam Oyelaran, playing a smuggler named Rook Vance."
    assert ("Tam Oyelaran", "Rook Vance") in _cast(body)


def test_a_trailer_released_alongside_an_announcement_shares_its_day():
    _, claims = _read_v2("Harbour Lights season 2 date",
                         "HBO announced the premiere date for Harbour Lights on Monday along "
                         "with a new trailer.", day=dt.date(2024, 10, 9))
    events = {(c["event"], c["date"]) for c in _v2_of(claims, "event")}
    assert ("trailer", "2024-10-07") in events


def test_coming_back_on_a_date_is_a_premiere_not_a_renewal():
    _, claims = _read_v2("Harbour Lights news", "Harbour Lights is coming back in March.",
                         day=dt.date(2024, 10, 9))
    events = {(c["event"], c["date"]) for c in _v2_of(claims, "event")}
    assert ("premiere", "2025-03") in events
    assert not any(kind == "renewal" for kind, _ in events)


def test_an_ending_said_in_the_present_is_an_ended_status_and_its_day():
    _, claims = _read_v2("Harbour Lights bows out",
                         "After seven seasons, Harbour Lights wraps its run tonight on HBO.",
                         day=dt.date(2024, 10, 9))
    assert [(c["value"], c["season"]) for c in _v2_of(claims, "status")] == [("ended", 7)]
    assert ("ending", "2024-10-09") in {(c["event"], c["date"]) for c in _v2_of(claims, "event")}


def test_a_season_coming_to_an_end_does_not_end_the_show():
    _, claims = _read_v2("Harbour Lights finale",
                         "As the third season of Harbour Lights comes to an end, fans ask "
                         "what is next.", day=dt.date(2024, 10, 9))
    assert all(c["value"] != "ended" for c in _v2_of(claims, "status"))


@pytest.mark.parametrize("sentence", [
    "The network confirmed to Deadline on Thursday that Harbour Lights has been canceled.",
    "HBO confirmed Thursday that Harbour Lights has been canceled.",
])
def test_a_decision_takes_the_weekday_it_was_confirmed(sentence):
    _, claims = _read_v2("Harbour Lights canceled", sentence, day=dt.date(2024, 10, 7))
    events = {(c["event"], c["date"]) for c in _v2_of(claims, "event")}
    assert ("cancellation", "2024-10-03") in events


def test_a_season_in_a_background_clause_is_not_the_one_renewed():
    _, claims = _read_v2("Harbour Lights news",
                         "Harbour Lights was renewed in August, two months after its second "
                         "season premiered on June 5.", day=dt.date(2024, 10, 9))
    assert [(c["value"], c["season"]) for c in _v2_of(claims, "status")] == [("renewed", 3)]


def test_the_season_out_is_the_one_next_to_its_verb():
    _, claims = _read_v2("Harbour Lights news",
                         "HBO has not yet renewed Harbour Lights for a fourth season, though the "
                         "third season, which premiered in May, was a hit.",
                         day=dt.date(2024, 10, 9))
    assert [(c["value"], c["season"]) for c in _v2_of(claims, "status")] == [("awaiting", 4)]


@pytest.mark.parametrize("sentence", [
    "HBO has given Harbour Lights a two-season renewal, a month after the second season "
    "premiered.",
    "HBO orders two more seasons of Harbour Lights, a month after the second season premiered.",
])
def test_a_multi_season_order_in_other_words(sentence):
    _, claims = _read_v2("Harbour Lights news", sentence, day=dt.date(2024, 10, 9))
    status = _v2_of(claims, "status")
    assert [(c["value"], c["season"], c.get("covers")) for c in status] == [
        ("renewed", 4, [3, 4])]
    assert ("renewal", "2024-10-09") in {(c["event"], c["date"]) for c in _v2_of(claims, "event")}


def test_played_by_in_a_plot_summary_does_not_make_it_a_cast_list():
    body = ("The drama follows a detective played by Ana Ruiz, who is joined by her partner "
            "Joe Kim (Sam Lee).")
    assert ("Sam Lee", "Joe Kim") in _cast(body)


@pytest.mark.parametrize("sentence, season", [
    ("Harbour Lights is a tightly knit eight-episode limited series set in Cork.", 1),
    ("Netflix ordered Harbour Lights as a limited series, and it ends where it began.", 1),
])
def test_a_limited_series_is_an_ended_season(sentence, season):
    _, claims = _read_v2("Harbour Lights review", sentence)
    assert [(c["value"], c["season"], c.get("final_season")) for c in
            _v2_of(claims, "status")] == [("ended", season, season)]


@pytest.mark.parametrize("sentence", [
    "Harbour Lights was originally conceived as a limited series, but it goes on.",
    "Harbour Lights is not a limited series, its creator says.",
    "Is Harbour Lights a limited series?",
    "Harbour Lights could be a limited series if ratings fall.",
])
def test_a_limited_series_only_planned_doubted_or_asked_is_no_ending(sentence):
    _, claims = _read_v2("Harbour Lights review", sentence)
    assert all(c["value"] != "ended" for c in _v2_of(claims, "status"))


def _read_waiting_for(body: str, day: dt.date, waiting: int):
    """As the catalog reads it: the show is waiting for season ``waiting``."""
    article = Article(url="x", title="Harbour Lights news", body=f"Harbour Lights news\n\n{body}",
                      published=day)
    reading = read_claims(article, ["Harbour Lights"], next_season=lambda _title: waiting)
    return [c.to_dict() for c in reading.claims]


def test_a_debut_earlier_in_the_articles_month_is_the_season_out_not_the_next():
    claims = _read_waiting_for("Harbour Lights debuted earlier this month on Netflix.",
                               dt.date(2025, 7, 20), waiting=2)
    assert [(c["season"], c["event"], c["date"]) for c in _v2_of(claims, "event")] == [
        (1, "premiere", "2025-07")]
    assert all(c["value"] != "renewed" for c in _v2_of(claims, "status"))


def test_a_return_later_in_the_articles_month_is_still_the_next_season():
    claims = _read_waiting_for("Harbour Lights returns to Netflix later this month.",
                               dt.date(2025, 7, 3), waiting=2)
    assert [(c["season"], c["event"], c["date"]) for c in _v2_of(claims, "event")] == [
        (2, "premiere", "2025-07")]


@pytest.mark.parametrize("sentence", [
    "Supporting roles from Priya Okafor (Nell Hart) and Dev Lindholm (Otto Hart) flesh out "
    "the family.",
    "There are fine performances by Priya Okafor (Nell Hart) and Dev Lindholm (Otto Hart).",
])
def test_names_after_roles_from_are_performers_first(sentence):
    assert set(_cast(sentence)) == {("Priya Okafor", "Nell Hart"), ("Dev Lindholm", "Otto Hart")}


@pytest.mark.parametrize("text, expected", [
    ("It premiered in March 2023 and was renewed just two months later.", ["2023-03", "2023-05"]),
    ("It premiered on May 3, 2024, and was canceled a week later.", ["2024-05-03", "2024-05-10"]),
    ("It arrived in 2021 and was renewed a year later.", ["2021", "2022"]),
    ("It came out in November 2023 and was renewed three months later.", ["2023-11", "2024-02"]),
    ("It premiered in 2023 and wrapped filming a week later.", ["2023"]),  # no day to count from
])
def test_a_date_counted_from_the_one_before_it(text, expected):
    assert [d.value for d in find_dates(text, dt.date(2024, 9, 1))] == expected


def test_a_month_without_a_year_on_an_undated_page_is_left_out():
    article = Article(url="x", title="Harbour Lights news",
                      body="Harbour Lights news\n\nHarbour Lights was renewed in May 2024. The "
                           "second season of Harbour Lights dropped in September.")
    reading = read_claims(article, ["Harbour Lights"])
    assert all(c.fields.get("date") != "2024-09" for c in reading.claims if c.kind == "event")


def test_a_premiere_and_the_renewal_two_months_later_in_one_sentence():
    article = Article(url="x", title="Harbour Lights news",
                      body="Harbour Lights news\n\nHarbour Lights premiered on Netflix in March "
                           "2023 and was renewed for Season 2 just two months later.")
    reading = read_claims(article, ["Harbour Lights"])
    assert {(c.season, c.fields["event"], c.fields["date"]) for c in reading.claims
            if c.kind == "event"} == {(1, "premiere", "2023-03"), (2, "renewal", "2023-05")}
