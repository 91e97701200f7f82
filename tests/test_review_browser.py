"""An editor's whole loop in a real browser: made with ``renewcast editor add``, chooses a
password from the printed link, signs in, reads a real article from the admin, clears its
queue with the keyboard (one claim corrected on the way), and finds the confirmed facts on
the public page, and not the rejected ones."""

from __future__ import annotations

import re

import pytest
from browser_helpers import new_page
from conftest import run_cli
from helpers import PARTNER_TRACK_000
from test_browser import DESKTOP, PHONE

ARTICLE = PARTNER_TRACK_000
PASSWORD = "queue-clearing-7731"
pytestmark = pytest.mark.skipif(not ARTICLE.exists(),
                                reason=f"the seed article {ARTICLE} is not beside the repository")


def sign_in_new_editor(served, page, email: str) -> None:
    done = run_cli(served.env, "editor", "add", email, "--site", served.url)
    assert done.returncode == 0, done.stderr
    link = re.search(r"https?://\S+/accounts/set-password/\S+", done.stdout).group(0)
    page.goto(link)
    page.fill("#id_new_password1", PASSWORD)
    page.fill("#id_new_password2", PASSWORD)
    page.click("main button[type=submit]")
    page.goto(served.url + "/accounts/login/")
    page.fill("#id_username", email)
    page.fill("#id_password", PASSWORD)
    page.click("main button[type=submit]")
    page.goto(served.url + "/admin/")


def add_article(served, page, url: str, published: str = "") -> None:
    """Read the seed article from the admin's Add article form, as pasted text."""
    page.goto(served.url + "/admin/catalog/source/add-article/")
    page.fill("#id_url", url)
    page.fill("#id_text", ARTICLE.read_text(encoding="utf-8"))
    if published:
        page.fill("#id_published", published)
    page.click("input[type=submit]")
    page.wait_for_url(re.compile(r"/admin/catalog/claim/to-review/\?source=\d+$"))


def test_an_editor_clears_an_article_with_the_keyboard(served, browser):
    from playwright.sync_api import expect

    context, page = new_page(browser, viewport=DESKTOP)
    try:
        sign_in_new_editor(served, page, "queue-editor@example.org")
        expect(page.locator("#to-review")).to_contain_text("To review")

        add_article(served, page, "https://www.example-news.com/partner-track-season-2-renewal",
                    published="2022-09-05")
        expect(page.locator(".messagelist")).to_contain_text("claim(s) proposed")

        claims = page.locator(".rq-claim")
        count = claims.count()
        assert count >= 10
        kinds = [claims.nth(i).locator(".rq-kind").inner_text().strip().lower()
                 for i in range(count)]
        sentences = [claims.nth(i).locator(".rq-sentence").inner_text() for i in range(count)]
        assert "Predicted: Season 2 premieres August 2023" in sentences
        corrected = kinds.index("statement")
        for i, kind in enumerate(kinds):
            expect(claims.nth(i)).to_have_class(re.compile(r"\bcurrent\b"))
            if i == corrected:  # the speaker's role, in the site's words
                page.keyboard.press("e")
                expect(claims.nth(i).locator("input[name$='-season']")).to_be_focused()
                claims.nth(i).locator("input[name$='-role']").fill("head of drama at Netflix")
                page.keyboard.press("Escape")
                expect(claims.nth(i)).to_be_focused()
            page.keyboard.press("x" if kind == "prediction" else "c")
        confirmed = claims.locator("input[value=confirm]:checked")
        expect(confirmed).to_have_count(count - kinds.count("prediction"))
        expect(claims.locator("input[value=reject]:checked")).to_have_count(
            kinds.count("prediction"))
        page.keyboard.press("s")
        page.wait_for_load_state()
        expect(page.locator(".messagelist")).to_contain_text(
            f"{count - kinds.count('prediction')} confirmed, {kinds.count('prediction')} "
            "rejected, 1 corrected, 0 left to review.")
        expect(page.locator(".rq-articles")).not_to_contain_text(
            "Why Partner Track Is Likely Headed")

        page.goto(served.url + "/shows/partner-track/")
        expect(page.locator("main")).to_contain_text("Bradley Gibson")
        page.goto(served.url + "/shows/partner-track/season-2/")
        main = page.locator("main")
        expect(main).to_contain_text("Jinny Howe")
        expect(main).to_contain_text("head of drama at Netflix")
        expect(main).not_to_contain_text("August 2023")  # the rejected prediction
    finally:
        context.close()


def test_a_bad_correction_saves_nothing_and_says_why(served, browser):
    from playwright.sync_api import expect

    context, page = new_page(browser, viewport=PHONE)
    try:
        sign_in_new_editor(served, page, "careful-editor@example.org")
        add_article(served, page, "https://www.example-news.com/partner-track-what-we-know")
        claims = page.locator(".rq-claim")
        event = claims.filter(has=page.locator(".rq-kind", has_text="event")).first
        event.click()
        page.keyboard.press("e")
        event.locator("input[name$='-date']").fill("2022-13-40")
        page.keyboard.press("Escape")
        page.keyboard.press("a")  # every claim confirmed...
        page.keyboard.press("s")
        page.wait_for_load_state()
        expect(page.locator(".messagelist")).to_contain_text("Nothing was saved")
        expect(page.locator(".rq-claim.has-errors")).to_have_count(1)
        expect(page.locator(".rq-claim.has-errors")).to_contain_text("not a real date")
        # ...and the editor's choices are still there to save once the date is right
        expect(claims.locator("input[value=confirm]:checked")).to_have_count(claims.count())
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
    finally:
        context.close()
