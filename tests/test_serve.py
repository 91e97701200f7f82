"""``renewcast serve`` on a fresh database, over real HTTP on loopback."""

import httpx


def test_partner_track_page_over_http(served):
    response = httpx.get(f"{served.url}/shows/partner-track/", timeout=30)
    assert response.status_code == 200
    assert response.headers["server"] == "renewcast"  # waitress, not Django's dev server
    html = response.text
    assert ">canceled</span>" in html
    assert "https://comicbook.com/tv-shows/news/netflix-cancels-partner-track" in html
    for rank, hours in ((7, "16.66M"), (4, "31.14M"), (6, "18.21M")):
        assert f"#{rank}</td>" in html and hours in html


def test_first_start_loads_the_bundled_data_quickly(served):
    assert served.startup_seconds < 60


def test_static_files_and_admin_are_served(served):
    css = httpx.get(f"{served.url}/static/admin/css/base.css", timeout=30)
    assert css.status_code == 200 and "text/css" in css.headers["content-type"]
    login = httpx.get(f"{served.url}/admin/login/", timeout=30, follow_redirects=True)
    assert login.status_code == 200 and "csrfmiddlewaretoken" in login.text
    assert login.url.path == "/accounts/login/"  # the admin signs in on the site's page


def test_unknown_host_header_is_refused(served):
    response = httpx.get(f"{served.url}/", headers={"Host": "evil.example"}, timeout=30)
    assert response.status_code == 400


def test_a_second_start_on_the_same_data_is_fast(served, tmp_path):
    import subprocess
    import sys
    import time

    from conftest import _wait_for_port, free_port

    port = free_port()
    log = tmp_path / "second.log"
    started = time.monotonic()
    with open(log, "w") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "renewcast", "serve", "--port", str(port)],
            env=served.env, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
        )
    try:
        _wait_for_port(port, process, log, timeout=60)
        elapsed = time.monotonic() - started
        assert httpx.get(f"http://127.0.0.1:{port}/", timeout=30).status_code == 200
    finally:
        process.terminate()
        process.wait(timeout=15)
    assert "Creating the database" not in log.read_text()
    assert elapsed < 5
