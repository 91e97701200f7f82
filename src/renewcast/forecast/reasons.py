"""A forecast's reasons in plain words, each with its numbers and a peer comparison.

The model's push from each feature (its change to the chance against an average
training season) picks which reasons come first; the words compare the season with
past seasons of the same list (renewed, or not: canceled, or a year without news), so a
reader can check the claim.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from renewcast.forecast.features import Features
from renewcast.forecast.history import NON_ENGLISH
from renewcast.forecast.model import RenewalModel, sigmoid
from renewcast.forecast.priors import list_name, season_bucket
from renewcast.numbers import compact, in_ten, ordinal

TOP = 4


@dataclass
class Reason:
    feature: str
    text: str
    effect: float  # change in the chance of renewal, -1..1, against an average season

    def to_dict(self) -> dict:
        return {"feature": self.feature, "text": self.text, "effect": round(self.effect, 3)}


def explain(features: Features, model: RenewalModel,
            training: Sequence[tuple[Features, int]]) -> list[Reason]:
    row = features.vector()
    logit = model.logit(row)
    p = sigmoid(logit)
    same_list = [t for t in training if t[0].list == features.list] or list(training)
    reasons = []
    for name, push in model.contributions(row).items():
        effect = p - sigmoid(logit - push)
        text = _describe(name, features, same_list, training)
        if text:
            reasons.append(Reason(name, text, effect))
    reasons.sort(key=lambda r: -abs(r.effect))
    # A push under half a point is noise to a reader, unless nothing else is left to say.
    return [r for i, r in enumerate(reasons[:TOP]) if i < 2 or abs(r.effect) >= 0.005]


def what_would_move(features: Features, model: RenewalModel, wait=lambda p: p) -> list[str]:
    """Plausible changes to the inputs and where they would take the chance (``wait``: the
    same allowance for the time waited without news as the forecast itself makes)."""
    row = features.vector()
    now = wait(model.predict_proba(row))
    out = []
    if "hours_percentile" in model.features and features.hours_percentile is not None:
        target = 0.75 if row["hours_percentile"] < 0.75 else 0.5
        moved = wait(model.predict_proba({**row, "hours_percentile": target}))
        if abs(moved - now) >= 0.01:
            place = "the top quarter" if target == 0.75 else "the middle"
            out.append(f"hours in {place} of its peers would have made it {moved:.0%}")
    if "stance" in model.features:
        moved = wait(model.predict_proba({**row, "stance": row["stance"] + 1}))
        out.append(f"another encouraging statement from the makers would make it {moved:.0%}")
    return out


def _describe(name: str, f: Features, same_list, training) -> str | None:
    window = f.window
    group = f"{list_name(f.list)} seasons"
    if name == "weeks_in_top10" and window:
        weeks = window.weeks_in_top10
        text = (f"{weeks} of its first {window.horizon} week{'s' if window.horizon > 1 else ''} "
                f"in the Top 10 (peak #{window.peak_rank})")
        renewed = [t.window.weeks_in_top10 for t, y in same_list if y and t.window]
        canceled = [t.window.weeks_in_top10 for t, y in same_list if not y and t.window]
        if renewed and canceled:
            more = sum(w > weeks for w in renewed) / len(renewed)
            as_many = sum(w >= weeks for w in canceled) / len(canceled)
            if more >= 0.5:
                text += f" — {in_ten(more)} renewed {group} had more"
            elif as_many < 0.05:
                text += f" — no unrenewed {group[:-1]} had as many"
            else:
                text += f" — only {in_ten(as_many)} unrenewed {group} had as many"
        return text
    if name == "hours_percentile" and window and f.hours_percentile is not None:
        share = round(f.hours_percentile * 100)
        text = (f"{compact(window.hours)} hours viewed in its first {window.horizon} "
                f"week{'s' if window.horizon > 1 else ''}: more than {share}% of "
                f"{f.peer_count} {group} that debuted in the previous 12 months")
        renewed = sorted(t.hours_percentile for t, y in same_list
                         if y and t.hours_percentile is not None)
        if renewed:
            middle = renewed[len(renewed) // 2]
            text += f" (the typical renewed one: {ordinal(round(middle * 100))} percentile)"
        return text
    if name == "non_english":
        mine = [y for t, y in training if t.non_english == f.non_english]
        other = [y for t, y in training if t.non_english != f.non_english]
        if not mine or not other:
            return None
        there = list_name(None if f.non_english else NON_ENGLISH)
        return (f"on the {list_name(f.list)} list: {_share(mine)} past seasons there were "
                f"renewed, against {_share(other)} on the {there} list")
    if name == "non_english_scripted" and f.non_english:
        mine = [y for t, y in training if t.vector()[name] == f.vector()[name]]
        other = [y for t, y in training if t.non_english and t.vector()[name] != f.vector()[name]]
        if not mine or not other:
            return None
        what = "non-English drama or comedy" if f.vector()[name] else "non-English, not drama"
        return (f"{what}: {_share(mine)} past seasons like it were renewed, against "
                f"{_share(other)} other non-English seasons")
    if name == "log_season_number":
        bucket = season_bucket(f.season.number)
        mine = [y for t, y in training if season_bucket(t.season.number) == bucket]
        other = [y for t, y in training if season_bucket(t.season.number) != bucket]
        if not mine or not other:
            return None
        return (f"season {f.season.number}: {_share(mine)} past {bucket} were renewed, "
                f"against {_share(other)} other seasons")
    if name == "stance" and f.stance:
        word = "encouraging" if f.stance > 0 else "discouraging"
        return f"on balance {abs(f.stance)} {word} statement(s) from people involved"
    if name == "next_season_work" and f.next_season_work:
        return f"{f.next_season_work} report(s) of work on a later season (writers' room, filming)"
    if name.startswith("kind_") and f.season.kind == name[5:]:
        return f"a {f.season.kind} series"
    return None


def _share(outcomes: Sequence[int]) -> str:
    return f"{sum(outcomes)} of {len(outcomes)}"
