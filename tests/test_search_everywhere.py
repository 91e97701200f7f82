"""One search: the site's search page, the API's ``q`` and the CLI's "did you mean" agree."""

import json
import re

import pytest

from renewcast.bootstrap import load_bundled
from renewcast.catalog.lookup import did_you_mean

pytestmark = pytest.mark.django_db

# Misspelt the way people type: a letter dropped, doubled, swapped or wrong, a word short.
TYPED = {
    "partner trak": "Partner Track", "strnger things": "Stranger Things",
    "wensday": "Wednesday", "bridgerten": "Bridgerton", "squid gam": "Squid Game",
    "the witchr": "The Witcher", "cobra kia": "Cobra Kai", "ginny and georga": "Ginny & Georgia",
    "virgn river": "Virgin River", "emily in pari": "Emily in Paris",
    "the night agnt": "The Night Agent", "outer bank": "Outer Banks",
    "money heisst": None, "lupinn": "Lupin", "sex life": "Sex/Life", "you": "You",
    "the crown": "The Crown", "black mirorr": "Black Mirror", "the glorry": "The Glory",
    "kaoss": "KAOS",
}


def first_on_site(client, query: str) -> str | None:
    html = client.get("/search/", {"q": query}).content.decode()
    found = re.search(r'<ul class="results">\s*<li><a href="[^"]+">([^<]+)</a>', html)
    return found and found.group(1).replace("&amp;", "&").replace("&#x27;", "'")


def first_in_api(client, query: str) -> str | None:
    items = json.loads(client.get("/api/shows", {"q": query}).content)["items"]
    return items[0]["title"] if items else None


@pytest.fixture
def bundled():
    load_bundled(say=lambda _: None)


def test_the_site_and_the_api_give_the_same_first_result_for_misspelt_titles(client, bundled):
    assert len(TYPED) == 20
    for query, wanted in TYPED.items():
        site, api = first_on_site(client, query), first_in_api(client, query)
        assert site == api, (query, site, api)
        if wanted:
            assert site == wanted, (query, site)


def test_an_exact_title_comes_first_and_the_api_ranks_by_closeness(client, bundled):
    # "You" is one of dozens of titles containing the word; the show itself comes first
    items = json.loads(client.get("/api/shows", {"q": "you"}).content)["items"]
    assert items[0]["title"] == "You"
    assert len(items) > 10


def test_the_clis_did_you_mean_names_the_sites_first_result(client, bundled):
    for query in ("partner trak", "strnger things", "wensday"):
        assert first_on_site(client, query) in did_you_mean(query)
