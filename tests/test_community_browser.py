"""Comments in a real browser: post, reply, see both; an empty form shows both messages.

Twice: with JavaScript (the season page loads the live discussion into itself and posts
without a reload) and without (plain forms on the discussion page, redirects back). Runs
against ``renewcast serve`` on the bundled data; screenshots go to tests/artifacts/.
"""

from __future__ import annotations

import re
import uuid

import pytest
from browser_helpers import new_page
from test_browser import ARTIFACTS, DESKTOP, PHONE

sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed")
expect = sync_api.expect

SEASON = "/shows/partner-track/season-2/"
NAME_MESSAGE = "Please enter your name here"
COMMENT_MESSAGE = "Please enter your comment!"


def test_post_and_reply_in_place_with_javascript(served, browser):
    ARTIFACTS.mkdir(exist_ok=True)
    context, page = new_page(browser, viewport=DESKTOP)
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    try:
        page.goto(served.url + SEASON)
        section = page.locator("#discussion")
        section.scroll_into_view_if_needed()
        expect(section).to_have_attribute("data-live", "1")  # the live fragment arrived
        form = section.locator("form.comment-form")

        form.get_by_role("button", name="Post comment").click()
        expect(form.locator('.error[data-for="name"]')).to_have_text(NAME_MESSAGE)
        expect(form.locator('.error[data-for="comment"]')).to_have_text(COMMENT_MESSAGE)

        words = f"Season 3 or bust {uuid.uuid4().hex[:6]}"
        form.get_by_label("Comment").fill(words)
        form.get_by_label("Name").fill("Maya <i>")
        form.get_by_role("button", name="Post comment").click()
        comment = section.locator("li.comment", has_text=words)
        expect(comment).to_be_visible()
        expect(comment.locator(".author")).to_have_text("Maya <i>")
        expect(section.locator(".live")).to_have_text("Thanks! Your comment is posted.")
        expect(form.locator('.error[data-for="name"]')).to_be_empty()

        comment.get_by_role("link", name="Reply").click()
        expect(form.locator("h3")).to_have_text("Reply to Maya <i>")
        answer = f"It has to happen {uuid.uuid4().hex[:6]}"
        form.get_by_label("Comment").fill(answer)
        form.get_by_role("button", name="Post comment").click()
        reply = comment.locator("ol.replies li.comment", has_text=answer)
        expect(reply).to_be_visible()
        expect(page).to_have_url(re.compile(re.escape(SEASON) + "$"))  # no reload, no jump
        page.screenshot(path=str(ARTIFACTS / "community-season-1280.png"), full_page=False)

        reply.get_by_role("link", name="Edit").click()  # the author's window: in place
        box = reply.locator("form.edit-form textarea")
        expect(box).to_have_value(answer)
        box.fill(answer + " (edited: season 3!)")
        reply.get_by_role("button", name="Save").click()
        expect(reply.locator(".comment-body")).to_have_text(answer + " (edited: season 3!)")
        expect(reply.locator(".edited")).to_have_text("edited")
        expect(page).to_have_url(re.compile(re.escape(SEASON) + "$"))

        page.reload()  # and they stay: the cached season page now carries both
        section = page.locator("#discussion")
        section.scroll_into_view_if_needed()
        thread = section.locator("li.comment", has_text=words)
        expect(thread.locator("ol.replies li.comment", has_text=answer)).to_be_visible()
        assert not errors, errors
    finally:
        context.close()


def test_post_and_reply_without_javascript(served, browser):
    context, page = new_page(browser, viewport=PHONE, java_script_enabled=False)
    try:
        page.goto(served.url + SEASON)
        page.locator("#discussion a.button").click()
        expect(page).to_have_url(re.compile(r"/discuss/#comment-form$"))
        form = page.locator("form.comment-form")
        form.get_by_role("button", name="Post comment").click()
        expect(page.locator("form.comment-form .error[data-for='name']")).to_have_text(
            NAME_MESSAGE)
        expect(page.locator("form.comment-form .error[data-for='comment']")).to_have_text(
            COMMENT_MESSAGE)

        words = f"No script needed {uuid.uuid4().hex[:6]}"
        page.locator("#id_comment").fill(words)
        page.locator("#id_name").fill("Theo")
        page.get_by_role("button", name="Post comment").click()
        expect(page.locator(".notice").first).to_have_text("Thanks! Your comment is posted.")
        comment = page.locator("li.comment", has_text=words)
        expect(comment).to_be_visible()

        comment.get_by_role("link", name="Reply").click()
        expect(page.locator("form.comment-form h3")).to_have_text("Reply to Theo")
        answer = f"Agreed {uuid.uuid4().hex[:6]}"
        page.locator("#id_comment").fill(answer)
        page.get_by_role("button", name="Post comment").click()
        thread = page.locator("li.comment", has_text=words)
        expect(thread.locator("ol.replies li.comment", has_text=answer)).to_be_visible()
        page.screenshot(path=str(ARTIFACTS / "community-discuss-390.png"), full_page=True)
    finally:
        context.close()
