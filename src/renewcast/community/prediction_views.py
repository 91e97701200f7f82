"""Fans' predictions over HTTP: making one, the leaderboard, and a fan's own page.

A prediction is a plain HTML form (no JavaScript: post, then a 303 back to the season's
discussion page, where the saved message shows) and the same form sent by ``fetch`` with
``Accept: application/json`` (``community.js``), answered with JSON. A refused form comes
back with its messages beside the fields: as a page with the form filled in, or as JSON
``{"ok": false, "errors": {field: [message]}}``; messages that belong to no field are
under ``"__all__"``, as in Django's forms.
"""

from __future__ import annotations

from datetime import timedelta

from django.contrib import messages
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from renewcast.community import clients, predictions
from renewcast.community.calibration_chart import calibration_svg
from renewcast.community.leaderboard import board, fan_record, player_url
from renewcast.community.models import Ban, Fan, FanPrediction
from renewcast.community.posting import rate
from renewcast.community.views import season_page_show
from renewcast.forecast.scoring import COIN_FLIP_BRIER
from renewcast.forecast.store import read_fair_test


def _banned(request, fan: Fan | None) -> bool:
    if fan is not None and fan.banned:
        return True
    return Ban.objects.filter(client=clients.client_key(request)).exists()


@require_POST
def predict(request, slug, number):
    show = season_page_show(slug, number, recent=True)
    today = timezone.localdate()
    fan = clients.current_fan(request)
    client = clients.client_key(request)
    if _banned(request, fan):
        refusal = {"__all__": [predictions.BANNED_MESSAGE]}
        return _refused(request, show, number, fan, refusal, 403)
    reason = predictions.closed_reason(show, number, today)
    if reason:
        return _refused(request, show, number, fan, {"__all__": [reason]}, 400)
    values, errors = predictions.clean(request.POST, fan is not None, today)
    if errors:
        return _refused(request, show, number, fan, errors, 400)
    limit, seconds = rate()
    since = timezone.now() - timedelta(seconds=seconds)
    if limit and FanPrediction.objects.filter(client=client, created_at__gte=since).count() \
            >= limit:
        refusal = {"__all__": [f"You are predicting quickly: please wait a minute (at most "
                               f"{limit} predictions every {seconds} seconds)."]}
        response = _refused(request, show, number, fan, refusal, 429)
        response["Retry-After"] = str(seconds)
        return response
    fan, set_cookie = clients.fan_for_post(request, values["name"])
    prediction, changed = predictions.save_prediction(
        fan, show, number, values["probability"], values["premiere_month"], client)
    message = _saved_message(prediction, number, changed)
    if clients.wants_json(request):
        response = JsonResponse({
            "ok": True, "message": message, "changed": changed,
            "crowd": predictions.crowd_json(predictions.crowd_summary(show, number)),
            "prediction": predictions.prediction_json(prediction),
        })
    else:
        messages.success(request, message)
        response = redirect(reverse("discuss", args=[show.slug, number]) + "#predict")
        response.status_code = 303
    if set_cookie:
        clients.remember_fan(response, fan)
    return response


def _saved_message(prediction, number: int, changed: bool) -> str:
    month = prediction.premiere_month
    when = f", premiering in {month:%B %Y}" if month else ""
    said = f"{prediction.probability}% for season {number}{when}"
    if not changed:
        return f"Your prediction is unchanged: {said}."
    return f"Your prediction is saved: {said}. You can change it until the decision is in."


def _refused(request, show, number, fan, errors: dict[str, list[str]], status: int):
    first = next(iter(errors.values()))[0]
    if clients.wants_json(request):
        return JsonResponse({"ok": False, "message": first, "errors": errors}, status=status)
    context = predictions.prediction_context(fan, show, number, timezone.localdate())
    form = context["predict"]
    posted = request.POST
    probability, _ = predictions.clean_probability(posted.get("probability"))
    form.update({
        "errors": errors,
        "general_errors": errors.get("__all__", []),
        "probability": probability or form["probability"],
        "premiere_month": posted.get("premiere_month", "")[:20],
        "name": posted.get("name", "")[:200],
        "open": form["open"] and "__all__" not in errors,
    })
    return render(request, "community/predict_page.html", {
        **context, "show": show, "number": number, "message": first,
        "page_title": f"Your prediction for {show.title} season {number}",
        "discuss_url": reverse("discuss", args=[show.slug, number]),
    }, status=status)


@require_http_methods(["GET", "HEAD"])
def leaderboard(request):
    scoreboard = board(timezone.localdate())
    ranked = [_row(s) for s in scoreboard.ranked]
    benchmarks = [_row(s, chart=True) for s in scoreboard.ranked + scoreboard.waiting
                  if s.player.kind != "fan"]
    waiting_fans = sum(1 for s in scoreboard.waiting if s.player.kind == "fan")
    return render(request, "community/leaderboard.html", {
        "ranked": ranked, "benchmarks": benchmarks, "waiting_fans": waiting_fans,
        "minimum": scoreboard.minimum, "coin_flip": COIN_FLIP_BRIER,
        "fair": read_fair_test(),
        "page_title": "Leaderboard: the best-calibrated renewal forecasters – renewcast",
        "page_description": "Fans, the press and renewcast's model, scored on the same "
                            "renewal questions by the Brier score.",
    })


def _row(standing, chart: bool = False) -> dict:
    summary = standing.summary
    return {"standing": standing, "player": standing.player, "summary": summary,
            "url": player_url(standing.player),
            "chart": calibration_svg(summary.calibration) if chart else ""}


@require_http_methods(["GET", "HEAD"])
def fan_page(request, pk):
    fan = get_object_or_404(Fan, pk=pk, banned=False)
    record = fan_record(fan, timezone.localdate())
    summary = record["summary"]
    return render(request, "community/fan.html", {
        **record, "fan": fan, "coin_flip": COIN_FLIP_BRIER,
        "chart": calibration_svg(summary.calibration) if summary else "",
        "page_title": f"{fan}'s renewal predictions – renewcast",
    })
