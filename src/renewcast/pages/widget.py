"""The embeddable widget: a show's status and forecast inside a publisher's article.

Editors paste an iframe, or a script snippet that turns a placeholder link into that
iframe, so their article stays current after it is published (the two articles this
product replaces went stale). The iframe page is the one page other sites may frame;
its links open on renewcast in a new tab. The script has a stable address and touches
nothing on the host page but its own placeholders.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.clickjacking import xframe_options_exempt

from renewcast.pages.season_page import load_seasons, load_show, season_context

SCRIPT = Path(__file__).parent / "static" / "renewcast" / "widget.js"


@xframe_options_exempt
def widget(request, slug):
    show = load_show(slug)
    if show is None:
        return render(request, "pages/widget.html", {"missing": slug}, status=404)
    context = season_context(show, load_seasons(show), None, timezone.localdate())
    return render(request, "pages/widget.html", context)


@lru_cache(maxsize=1)
def _script() -> bytes:
    return SCRIPT.read_bytes()


def widget_script(request):
    response = HttpResponse(_script(), content_type="text/javascript; charset=utf-8")
    response["Cache-Control"] = "public, max-age=3600"
    response["Access-Control-Allow-Origin"] = "*"
    return response
