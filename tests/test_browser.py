"""End-to-end checks in a real browser (Debian's chromium driven by Playwright).

These run against ``renewcast serve`` started by the ``served`` fixture in conftest.py,
exactly as a user would see the site. Screenshots go to tests/artifacts/ (git-ignored)
so a person can look at them after a run.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from browser_helpers import CHROMIUM, new_page
from django.template.defaultfilters import floatformat

from renewcast.forecast.store import SHIPPED

if not CHROMIUM.exists():
    pytest.skip(
        f"browser tests need Debian's chromium at {CHROMIUM}, which is not installed",
        allow_module_level=True,
    )

sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed")
expect = sync_api.expect

ARTIFACTS = Path(__file__).parent / "artifacts"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


@pytest.fixture
def desktop_page(browser):
    context, page = new_page(browser, viewport=DESKTOP)
    yield page
    context.close()


@pytest.fixture
def phone_page(browser):
    context, page = new_page(
        browser, viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True
    )
    yield page
    context.close()


@pytest.fixture
def no_js_page(browser):
    context, page = new_page(browser, viewport=DESKTOP, java_script_enabled=False)
    yield page
    context.close()


def test_fan_finds_a_show_despite_a_typo(served, desktop_page, artifacts):
    page = desktop_page
    response = page.goto(served.url + "/")
    assert response is not None and response.ok

    box = page.locator("main input[name=q]")
    expect(box).to_be_visible()
    box.fill("partner trak")
    with page.expect_navigation():
        box.press("Enter")
    assert "/search/" in page.url

    suggestion = page.get_by_role("link", name="Partner Track", exact=True)
    expect(suggestion).to_be_visible()
    with page.expect_navigation():
        suggestion.click()
    expect(page).to_have_url(re.compile(r"/shows/partner-track/$"))
    expect(page.locator("h1")).to_have_text("Partner Track")

    status = page.locator(".status-line .status")
    expect(status).to_have_text(re.compile(r"^\s*canceled\s*$", re.IGNORECASE))

    source = page.locator("a.source-link")
    expect(source).to_have_count(1)
    expect(source).to_have_attribute("href", re.compile(r"comicbook\.com"))

    rows = page.locator("table.chart tbody tr")
    expect(rows).to_have_count(3)
    expect(rows.locator("td:nth-child(3)")).to_have_text(["#7", "#4", "#6"])

    page.screenshot(path=str(artifacts / "show-partner-track.png"), full_page=True)


def test_show_page_fits_a_phone(served, phone_page, artifacts):
    page = phone_page
    response = page.goto(served.url + "/shows/partner-track/")
    assert response is not None and response.ok
    expect(page.locator("table.chart")).to_be_visible()

    overflow = page.evaluate(
        "() => ({scroll: document.documentElement.scrollWidth, inner: window.innerWidth})"
    )
    assert overflow["scroll"] <= overflow["inner"] + 1, (
        f"page scrolls sideways on a phone: scrollWidth {overflow['scroll']}px "
        f"> innerWidth {overflow['inner']}px"
    )
    # A wide table may scroll, but only inside its own wrapper.
    expect(page.locator("table.chart").first.locator("xpath=..")).to_have_class("table-wrap")

    search = page.locator("header.site input[name=q]")
    expect(search).to_be_visible()
    box = search.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"] + 1

    page.screenshot(path=str(artifacts / "show-phone.png"), full_page=True)


def test_home_page_screenshot(served, desktop_page, artifacts):
    page = desktop_page
    response = page.goto(served.url + "/")
    assert response is not None and response.ok
    expect(page.get_by_role("heading", name="Most watched on Netflix: English-language TV")
           ).to_be_visible()
    expect(page.get_by_role("heading", name="Most watched on Netflix: non-English TV")
           ).to_be_visible()
    expect(page.get_by_role("heading", name="Latest decisions")).to_be_visible()
    page.screenshot(path=str(artifacts / "home.png"), full_page=True)


def test_search_works_without_javascript(served, no_js_page):
    page = no_js_page
    response = page.goto(served.url + "/")
    assert response is not None and response.ok

    box = page.locator("main input[name=q]")
    box.fill("sex life")
    with page.expect_navigation():
        box.press("Enter")
    assert "/search/" in page.url

    link = page.locator('a[href="/shows/sex-life/"]').first
    expect(link).to_have_text("Sex/Life")
    with page.expect_navigation():
        link.click()
    expect(page).to_have_url(re.compile(r"/shows/sex-life/$"))
    expect(page.locator("h1")).to_have_text("Sex/Life")


def test_admin_login_is_the_sites_styled_sign_in(served, desktop_page):
    page = desktop_page
    response = page.goto(served.url + "/admin/login/")
    assert response is not None and response.ok
    assert "/accounts/login/?next=" in page.url  # one sign-in page, with a way back
    expect(page.locator("input[name=username]")).to_be_visible()
    expect(page.locator("input[name=password]")).to_be_visible()
    expect(page.locator("header a").first).to_be_visible()

    hrefs = page.eval_on_selector_all(
        "link[rel=stylesheet]", "links => links.map(link => link.href)"
    )
    assert any(href.endswith("/static/renewcast/site.css") for href in hrefs), hrefs
    for href in hrefs:
        css = page.request.get(href)
        assert css.status == 200, f"{href} -> HTTP {css.status}"
        assert "text/css" in css.headers.get("content-type", ""), css.headers

    # The stylesheet actually applied: the site sets its own font and a non-default body
    # margin, unlike an unstyled page (Times, 8px margin).
    style = page.evaluate(
        "() => { const s = getComputedStyle(document.body);"
        " return {margin: s.marginTop, font: s.fontFamily}; }"
    )
    assert style["margin"] != "8px", style
    assert "times" not in style["font"].lower(), style


def test_awaiting_show_shows_its_forecast_reasons_timing_and_path(served, desktop_page,
                                                                   artifacts):
    page = desktop_page
    response = page.goto(served.url + "/shows/beef/")
    assert response is not None and response.ok
    block = page.locator("section.forecast")
    expect(block).to_be_visible()
    chance = block.locator(".chance").inner_text()
    assert re.fullmatch(r"\d{1,3}%", chance), chance
    assert 0 <= int(chance[:-1]) <= 100
    verdict = block.locator(".verdict").inner_text()
    assert verdict in {"likely renewed", "toss-up", "likely canceled"}
    reasons = block.locator("ul.reasons li")
    assert reasons.count() >= 2
    expect(reasons.first).to_contain_text(re.compile(r"\d"))
    expect(block.locator(".timing")).to_contain_text("weeks after premiere")
    svg = block.locator("figure.path svg:visible")  # the wide drawing, not the phone's
    expect(svg).to_be_visible()
    assert svg.bounding_box()["width"] > 200
    expect(block.locator("a", has_text="How forecasts are made")).to_have_attribute(
        "href", "/forecasts/")
    page.screenshot(path=str(artifacts / "show-forecast.png"), full_page=True)


def test_decided_show_has_no_forecast_block(served, desktop_page):
    page = desktop_page
    page.goto(served.url + "/shows/partner-track/")
    expect(page.locator(".status-canceled").first).to_be_visible()
    assert page.locator("section.forecast").count() == 0


def test_forecast_fits_a_phone(served, phone_page, artifacts):
    page = phone_page
    page.goto(served.url + "/shows/beef/")
    # the phone's own drawing: squarer, larger type; the wide one is hidden
    expect(page.locator("section.forecast figure.path .chart-phone svg")).to_be_visible()
    expect(page.locator("section.forecast figure.path .chart-wide svg")).to_be_hidden()
    overflow = page.evaluate(
        "() => ({scroll: document.documentElement.scrollWidth, inner: window.innerWidth})"
    )
    assert overflow["scroll"] <= overflow["inner"] + 1, overflow
    page.screenshot(path=str(artifacts / "show-forecast-phone.png"), full_page=True)


def test_method_page_publishes_the_backtest(served, desktop_page, artifacts):
    page = desktop_page
    response = page.goto(served.url + "/forecasts/")
    assert response is not None and response.ok
    rows = page.locator("table.scores:not(.wait)").first.locator("tbody tr")
    assert rows.count() == 3
    expect(rows.first).to_contain_text("renewcast")
    brier = [float(rows.nth(i).locator("td").nth(2).inner_text()) for i in range(3)]
    assert brier[0] < min(brier[1:]), brier
    # the first table is the pre-registered run on seasons the model never saw
    fair = json.loads((SHIPPED / "fair-test.json").read_text(encoding="utf-8"))
    assert rows.first.locator("td").nth(1).inner_text() == str(fair["scores"]["renewcast"]["n"])
    expect(page.locator("article.method")).to_contain_text("It was run once")
    expect(page.locator("article.method")).to_contain_text("Its published record")
    # the fair test's published chances, re-scored against the fates known today
    rescored = page.locator("#rescored")
    expect(rescored).to_contain_text("The chances stay as published")
    expect(rescored).to_contain_text("fates changed since")
    # the engagement report stage: what it learns from today and its one registered run
    report = json.loads((SHIPPED / "report-stage-test.json").read_text(encoding="utf-8"))
    stage = page.locator("#engagement + p + p")
    expect(page.locator("#engagement + p")).to_contain_text("Today it learns from")
    aucs = [floatformat(report["scores"][name]["auc"], 3)
            for name in ("without the report", "with the report")]
    expect(stage).to_contain_text(f"ROC AUC {aucs[0]} → {aucs[1]}")
    # the wait rule: which renewals a silence is compared with, and its registered run
    expect(page.locator("#waiting + p")).to_contain_text("announced later still")
    wait = page.locator("table.wait tbody tr")
    assert wait.count() == 4
    expect(wait.first).to_contain_text("renewals as announced (used)")
    expect(page.locator("table.wait thead")).to_contain_text("48 weeks on")
    expect(page.locator("table.weights")).to_contain_text("Weeks in the global Top 10")
    premiere = page.locator("#premiere ~ table.scores").first
    expect(premiere).to_contain_text("Same gap as last time")
    errors = [int(premiere.locator("tbody tr").nth(i).locator("td").nth(1).inner_text()
                  .split()[0]) for i in range(3)]
    assert errors[0] < min(errors[1:]), errors
    page.screenshot(path=str(artifacts / "forecasts.png"), full_page=True)


def test_premiere_window_on_a_show_page_fits_desktop_and_phone(served, desktop_page,
                                                               phone_page, artifacts):
    for page, name in ((desktop_page, "premiere.png"), (phone_page, "premiere-phone.png")):
        page.goto(served.url + "/shows/wednesday/")
        section = page.locator("section.premiere")
        expect(section).to_be_visible()
        expect(section.locator("h2")).to_contain_text("When will season 3 come out?")
        dates = [t.get_attribute("datetime") for t in section.locator("ol.window time").all()]
        assert len(dates) == 3 and dates == sorted(dates), dates
        expect(section.locator("a", has_text="calendar")).to_have_attribute(
            "href", "/shows/wednesday/calendar.ics")
        overflow = page.evaluate(
            "() => ({scroll: document.documentElement.scrollWidth, inner: window.innerWidth})")
        assert overflow["scroll"] <= overflow["inner"] + 1, overflow
        section.screenshot(path=str(artifacts / name))
