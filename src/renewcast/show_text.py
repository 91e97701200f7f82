"""Print a show for people, with Rich: the terminal twin of the show page."""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape
from rich.table import Table

STATUS_WORDS = {
    "awaiting": "awaiting a decision",
    "renewed": "renewed",
    "canceled": "canceled",
    "ended": "ended",
}


def print_answer(data: dict, outlook, console: Console | None = None) -> None:
    """What a fan wants first: the status with its source, then the next season's answer,
    chance and premiere window, as the show page gives them."""
    console = console or Console()
    console.print(f"[bold]{escape(data['title'])}[/bold]  "
                  f"({escape(data['platform'] or 'platform unknown')})", highlight=False)
    status = STATUS_WORDS[data["status"]]
    if data["status_date"]:
        status += f" on {data['status_date']}"
    console.print(f"Status: {status}", highlight=False)
    if data["status_source"]:
        console.print(f"Source: {escape(data['status_source'])}", highlight=False,
                      soft_wrap=True)
    answer = outlook.answer
    console.print(f"\n{escape(answer.question)} [bold]{escape(answer.short)}[/bold] — "
                  f"{escape(answer.text)}", highlight=False)
    forecast = outlook.forecast
    if forecast is not None:
        console.print(f"Chance of renewal: {forecast.p_renew:.0%} ({forecast.verdict})",
                      highlight=False)
    if outlook.premiere is not None:
        console.print(f"Premiere: {escape(outlook.premiere.sentence)}", highlight=False)


def print_show(data: dict, console: Console | None = None) -> None:
    """The seasons and their Top 10 weeks, after :func:`print_answer`."""
    console = console or Console()
    for season in data["seasons"]:
        weeks = season["chart_weeks"]
        console.print(f"\n[bold]{season['label']}[/bold]: {len(weeks)} weeks in the Top 10",
                      highlight=False)
        if not weeks:
            continue
        table = Table("Week", "List", "Rank", "Hours", "Views", "Weeks on list")
        for w in weeks:
            table.add_row(w["week"], w["list"], str(w["rank"]), f"{w['hours']:,}",
                          f"{w['views']:,}" if w["views"] is not None else "—",
                          str(w["weeks_on_list"]))
        console.print(table)
