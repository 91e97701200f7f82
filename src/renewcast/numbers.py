"""Numbers and dates as fans read them, shared by the pages, the CLI and forecast reasons."""

from __future__ import annotations

from datetime import date


def compact(value) -> str:
    """16660000 -> "16.66M", 850000 -> "850K"; None -> an em dash."""
    if value is None or value == "":
        return "—"
    number = float(value)
    if abs(number) >= 1_000_000:
        return f"{number / 1_000_000:.2f}M"
    if abs(number) >= 1_000:
        return f"{number / 1_000:.0f}K"
    return f"{number:.0f}"


def in_ten(share: float) -> str:
    """0.68 -> "7 in 10": how the reasons state shares."""
    return f"{round(share * 10):.0f} in 10"


def ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def seasons_words(numbers) -> str:
    """(3,) -> "season 3", (5, 6) -> "seasons 5 and 6", (3, 4, 5) -> "seasons 3, 4 and 5"."""
    numbers = [str(n) for n in numbers]
    if len(numbers) == 1:
        return f"season {numbers[0]}"
    return f"seasons {', '.join(numbers[:-1])} and {numbers[-1]}"


def human_date(day: date | None, precision: str = "day") -> str:
    """8 November 2022, November 2022 or 2022: no more precise than the source was."""
    if day is None:
        return ""
    if precision == "year":
        return f"{day:%Y}"
    if precision == "month":
        return f"{day:%B %Y}"
    return f"{day.day} {day:%B %Y}"


def at_precision(day: date, precision: str = "day") -> tuple[int, ...]:
    """``day`` cut to the precision it is known to, for comparing: (2022,) for a year,
    (2022, 11) for a month, (2022, 11, 8) for a day."""
    if precision == "year":
        return (day.year,)
    if precision == "month":
        return (day.year, day.month)
    return (day.year, day.month, day.day)
