"""How fast is the editors' "To review" page with a full queue?

A scratch database (``renewcast init``, the bundled data) gets the 40 real articles of
``../shared/reader-corpus/`` read into it ``--copies`` times each (each copy under its own
address, so every copy is a separate article with its own proposals). Then, signed in as
an editor, it times (median of ``--repeat``): the admin index with its "To review" count,
the queue page on the newest article, the queue searched by a show's name, and saving one
article's decisions (every claim confirmed, facts created, statuses refreshed).

    python benchmarks/review_queue.py [--copies 25] [--repeat 7]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import subprocess
import sys
import tempfile
import time

from reader_corpus import CORPUS, load


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=25)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    data_dir = tempfile.mkdtemp(prefix="renewcast-review-bench-")
    os.environ["RENEWCAST_DATA_DIR"] = data_dir
    subprocess.run([sys.executable, "-m", "renewcast", "init"], check=True,
                   capture_output=True)
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "renewcast.settings")
    django.setup()
    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.test.utils import setup_test_environment

    from renewcast.catalog.ingest.articles import store_reading
    from renewcast.catalog.models import Claim, ClaimState, Show
    from renewcast.catalog.reading import read_for_catalog
    from renewcast.sources.articles.reader import read_article
    from renewcast.sources.errors import SourceError
    from renewcast.sources.fetch import Fetched

    setup_test_environment()  # lets the test client through ALLOWED_HOSTS
    titles = list(Show.objects.values_list("title", flat=True))
    started, read = time.perf_counter(), 0
    for copy in range(args.copies):
        for path in sorted(CORPUS.glob("*.txt")):
            _url, title, day, excerpt = load(path)
            address = f"https://bench.example/{copy}/{path.stem}"
            fetched = Fetched(data=f"{title}\n\n{excerpt}".encode(), location=address,
                              is_url=True, retrieved_at=dt.datetime.now(dt.UTC))
            try:
                reading = read_for_catalog(read_article(fetched, published=day), titles=titles)
            except SourceError:
                continue
            store_reading(reading, location=address, is_url=True,
                          retrieved_at=dt.datetime.now(dt.UTC))
            read += 1
    waiting = Claim.objects.filter(state=ClaimState.PROPOSED)
    print(f"queue: {waiting.count():,} proposed claims from {read:,} articles "
          f"(read and stored in {time.perf_counter() - started:.1f} s)")

    user = get_user_model().objects.create_superuser("bench", "b@example.org", "x")
    client = Client()
    client.force_login(user)

    def timed(label, request):
        times = []
        for _ in range(args.repeat):
            t = time.perf_counter()
            response = request()
            times.append(time.perf_counter() - t)
            assert response.status_code in (200, 302), (label, response.status_code)
        print(f"{label:<44} {statistics.median(times) * 1000:7.1f} ms")

    timed("admin index with the To review count", lambda: client.get("/admin/"))
    timed("To review, newest article", lambda: client.get("/admin/catalog/claim/to-review/"))
    timed("To review, searched for a show", lambda: client.get(
        "/admin/catalog/claim/to-review/", {"q": "wednesday"}))
    saves = []
    for _ in range(args.repeat):
        page = client.get("/admin/catalog/claim/to-review/")
        source = page.context["source"]
        fields = {"source": source.pk, "confirm_rest": "1"}
        for row in page.context["rows"]:
            form = row.form
            for name, field in form.fields.items():
                value = form.initial.get(name, field.initial)
                fields[f"{form.prefix}-{name}"] = "" if value is None else value
        t = time.perf_counter()
        response = client.post("/admin/catalog/claim/to-review/", fields)
        saves.append((time.perf_counter() - t, len(page.context["rows"])))
        assert response.status_code == 302, response.status_code
    median = statistics.median(s for s, _ in saves)
    claims = statistics.median(n for _, n in saves)
    print(f"{'save one article (confirm all left)':<44} {median * 1000:7.1f} ms "
          f"({claims:.0f} claims)")


if __name__ == "__main__":
    main()
