"""Forecasts for a CSV of seasons: ``show_title,season,as_of`` in, probabilities out.

Beside the renewal probability each row gets the next season's premiere window
(``premiere_p10``/``p50``/``p90`` as ISO dates) and its sentence, which begins "If
renewed" while the renewal is not known.

Every input row gives exactly one output row, in order. A row that cannot be forecast
(an unknown show, a malformed date, a date after today) gets an empty ``p_renew`` and a
plain ``error``; the rest of the batch is still forecast.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date

from renewcast.forecast.forecaster import Forecaster
from renewcast.forecast.premiere import PREMIERE_FIELDS
from renewcast.sources.seasons import season_number
from renewcast.sources.spreadsheet import safe_row

REQUIRED = ("show_title", "season", "as_of")
ADDED = ("p_renew", "low_information", "verdict", "reasons", *PREMIERE_FIELDS, "premiere",
         "error")


class BatchError(ValueError):
    """The file as a whole cannot be read (no header, missing columns)."""


@dataclass
class Outcome:
    rows: list[dict[str, str]]
    columns: list[str]

    @property
    def errors(self) -> int:
        return sum(bool(r["error"]) for r in self.rows)

    def to_csv(self) -> str:
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=self.columns, extrasaction="ignore",
                                lineterminator="\n")
        writer.writeheader()
        writer.writerows(safe_row(row) for row in self.rows)
        return out.getvalue()


# resolve(show_title, season or None, as_of) -> (season key, None) or (None, error message)
Resolver = Callable[[str, int | None, date], tuple[object, str | None]]


def run_batch(text: str, forecaster: Forecaster, resolve: Resolver, today: date) -> Outcome:
    reader = csv.DictReader(io.StringIO(text))
    header = [h.strip() for h in (reader.fieldnames or [])]
    if not header:
        raise BatchError("the file is empty; expected a header: " + ",".join(REQUIRED))
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise BatchError(f"missing column(s) {', '.join(missing)}; expected a header with "
                         + ",".join(REQUIRED))
    reader.fieldnames = header
    rows = []
    for line, row in _rows(reader):
        out = {k: (v if isinstance(v, str) else "") for k, v in row.items() if k}
        out.update(dict.fromkeys(ADDED, ""))
        try:
            key, as_of = _parse(row, line, forecaster, resolve, today)
            forecast = forecaster.forecast(key, as_of)
        except RowProblem as exc:
            out["error"] = str(exc)
        else:
            out["p_renew"] = "" if forecast.p_renew is None else f"{forecast.p_renew:.4f}"
            out["low_information"] = "true" if forecast.low_information else "false"
            out["verdict"] = forecast.verdict
            out["reasons"] = forecast.reasons_text or _decided(forecast)
            out.update({k: v or "" for k, v in forecast.premiere_fields().items()})
            out["premiere"] = forecast.premiere.sentence if forecast.premiere else ""
        rows.append(out)
    return Outcome(rows, header + [c for c in ADDED if c not in header])


class RowProblem(ValueError):
    pass


def _rows(reader: csv.DictReader) -> Iterator[tuple[int, dict]]:
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield reader.line_num, {"__error__": f"unreadable CSV: {exc}"}
            continue
        yield reader.line_num, row


def _parse(row: dict, line: int, forecaster: Forecaster, resolve: Resolver,
           today: date) -> tuple[object, date]:
    if "__error__" in row:
        raise RowProblem(f"line {line}: {row['__error__']}")
    if None in row:
        raise RowProblem(f"line {line}: more fields than the header has")
    title = (row.get("show_title") or "").strip()
    if not title:
        raise RowProblem(f"line {line}: show_title is empty")
    season_text = (row.get("season") or "").strip()
    season = None
    if season_text:
        try:
            season = season_number(season_text)
        except ValueError as exc:
            raise RowProblem(f"line {line}: {exc}") from None
    as_of_text = (row.get("as_of") or "").strip()
    as_of = today
    if as_of_text:
        try:
            as_of = date.fromisoformat(as_of_text)
        except ValueError:
            raise RowProblem(f"line {line}: as_of {as_of_text!r} is not a date "
                             "(use YYYY-MM-DD)") from None
    if as_of > today:
        raise RowProblem(f"line {line}: as_of {as_of} is in the future; nothing is known "
                         "about it yet")
    key, problem = resolve(title, season, as_of)
    if problem:
        raise RowProblem(f"line {line}: {problem}")
    return key, as_of


def _decided(forecast) -> str:
    if forecast.decision:
        return f"decided: {forecast.decision.outcome} ({forecast.decision.event.date})"
    return ""
