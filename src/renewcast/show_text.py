"""Print a show for people, with Rich: the terminal twin of the show page."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

STATUS_WORDS = {
    "awaiting": "awaiting a decision",
    "renewed": "renewed",
    "canceled": "canceled",
    "ended": "ended",
}


def print_show(data: dict, console: Console | None = None) -> None:
    console = console or Console()
    console.print(f"[bold]{data['title']}[/bold]  ({data['platform'] or 'platform unknown'})",
                  highlight=False)
    status = STATUS_WORDS[data["status"]]
    if data["status_date"]:
        status += f" on {data['status_date']}"
    console.print(f"Status: {status}", highlight=False)
    if data["status_source"]:
        console.print(f"Source: {data['status_source']}", highlight=False, soft_wrap=True)
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
