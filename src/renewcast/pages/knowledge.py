"""What editors confirmed about a show from articles: cast, statements, story, predictions.

Only confirmed claims reach a page; proposed ones wait in the admin's review queue.
"""

from __future__ import annotations

from renewcast.catalog.models import Claim, ClaimKind, ClaimState, Credit, Statement


def confirmed_knowledge(show) -> dict:
    credits = (Credit.objects.filter(season__show=show, job="")
               .exclude(claim__state__in=[ClaimState.PROPOSED, ClaimState.REJECTED])
               .select_related("person", "season", "source").order_by("season__number", "id"))
    statements = (Statement.objects.filter(show=show, claim__state=ClaimState.CONFIRMED)
                  .select_related("claim__source").order_by("-said_on", "id"))
    claims = (Claim.objects.filter(show=show, state=ClaimState.CONFIRMED,
                                   kind__in=[ClaimKind.PLOT, ClaimKind.PREDICTION])
              .select_related("source").order_by("created_at", "id"))
    plots = [c for c in claims if c.kind == ClaimKind.PLOT]
    predictions = [c for c in claims if c.kind == ClaimKind.PREDICTION]
    return {
        "cast": _cast(credits),
        "statements": statements,
        "plots": sorted(plots, key=lambda c: (c.value.get("season") or 0, c.created_at)),
        "press_predictions": predictions,
    }


def _cast(credits) -> list[dict]:
    """One row per person and character, with the seasons they are credited in."""
    rows: dict[tuple, dict] = {}
    for credit in credits:
        key = (credit.person_id, credit.character)
        row = rows.setdefault(key, {"person": credit.person, "character": credit.character,
                                    "seasons": [], "source": credit.source})
        if credit.season.number not in row["seasons"]:
            row["seasons"].append(credit.season.number)
    return list(rows.values())
