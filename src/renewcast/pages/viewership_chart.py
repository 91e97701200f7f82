"""A season's weeks in Netflix's Top 10 as a chart: views (or hours) as bars, rank as a line.

Drawn by matplotlib as inline SVG (no script, no image request, so it works with
JavaScript off and prints). Drawn once per season and set of weeks: the cache key is
the weeks themselves, so new chart data draws a new picture. The same numbers are in
a table beside it for screen readers, which is why the SVG is hidden from them.
"""

from __future__ import annotations

from functools import lru_cache

from renewcast.pages.inline_svg import figure_svg

BAR = "#1f5fa8"
RANK = "#b3261e"


def viewership_svg(weeks, phone: bool = False) -> str:
    """``weeks`` are one season's ChartWeek rows on one list, in week order. ``phone``
    draws it for a narrow screen: squarer, larger type, about five week labels."""
    points = tuple((w.week.isoformat(), w.views if w.views is not None else w.hours,
                    w.views is not None, w.rank) for w in weeks)
    return _draw(points, phone) if points else ""


@lru_cache(maxsize=512)
def _draw(points: tuple[tuple[str, int, bool, int], ...], phone: bool = False) -> str:
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot

    views = all(p[2] for p in points)
    values = [p[1] / 1e6 for p in points]
    labels = [p[0][5:] for p in points]  # MM-DD: the year is in the table and caption
    x = list(range(len(points)))
    step = max(1, -(-len(x) // 5)) if phone else 1
    ticks = [i for i in x if i % step == 0]
    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": "renewcast",
                                "font.size": 11 if phone else 8}):
        figure, axes = pyplot.subplots(figsize=(3.6, 2.8) if phone else (6.4, 2.4), dpi=100)
        axes.bar(x, values, color=BAR, width=0.6, zorder=2)
        if phone:
            label = "views (M)" if views else "hours (M)"
        else:
            label = "views (millions)" if views else "hours viewed (millions)"
        axes.set_ylabel(label, color=BAR)
        axes.set_xticks(ticks, [labels[i] for i in ticks])
        axes.spines[["top"]].set_visible(False)
        axes.grid(axis="y", color="#e4e4ea", zorder=0)
        ranks = axes.twinx()
        ranks.plot(x, [p[3] for p in points], color=RANK, marker="o", linewidth=2, zorder=3)
        ranks.set_ylim(10.5, 0.5)  # rank 1 at the top, as fans read a chart
        ranks.set_yticks([1, 5, 10], ["#1", "#5", "#10"])
        ranks.set_ylabel("rank", color=RANK)
        ranks.spines[["top"]].set_visible(False)
        figure.tight_layout(pad=0.4)
        svg = figure_svg(figure, metadata={"Date": None})
        pyplot.close(figure)
    return svg
