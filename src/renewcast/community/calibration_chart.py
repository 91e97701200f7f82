"""A player's calibration as a chart: what they said against how often it happened.

Each dot is one bin of forecasts (0–10%, 10–20%, ...): across, the player's mean forecast
in it; up, the share of those seasons that were renewed; its size, how many forecasts it
holds. A perfectly calibrated player's dots sit on the diagonal. Drawn by matplotlib as
inline SVG like the viewership chart (no script or image request: it works with
JavaScript off), cached by the bins themselves, and hidden from screen readers because
the same numbers are in a table beside it.
"""

from __future__ import annotations

from functools import lru_cache

from renewcast.forecast.scoring import CalibrationBin
from renewcast.pages.inline_svg import figure_svg

DOT = "#1f5fa8"
DIAGONAL = "#8e8e99"


def calibration_svg(bins: list[CalibrationBin]) -> str:
    points = tuple((b.mean_forecast, b.observed, b.n) for b in bins if b.n)
    return _draw(points) if points else ""


@lru_cache(maxsize=256)
def _draw(points: tuple[tuple[float, float, int], ...]) -> str:
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot

    most = max(n for _, _, n in points)
    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": "renewcast",
                                "font.size": 8}):
        figure, axes = pyplot.subplots(figsize=(3.2, 3.2), dpi=100)
        axes.plot([0, 100], [0, 100], color=DIAGONAL, linestyle="--", linewidth=1, zorder=1)
        axes.scatter([p * 100 for p, _, _ in points], [o * 100 for _, o, _ in points],
                     s=[30 + 170 * n / most for _, _, n in points], color=DOT, alpha=0.85,
                     edgecolors="white", linewidths=0.8, zorder=3)
        axes.set_xlim(0, 100)
        axes.set_ylim(-3, 103)  # room for dots at 0% and 100%
        ticks = [0, 25, 50, 75, 100]
        axes.set_xticks(ticks, [f"{t}%" for t in ticks])
        axes.set_yticks(ticks, [f"{t}%" for t in ticks])
        axes.set_xlabel("forecast chance of renewal")
        axes.set_ylabel("share renewed")
        axes.spines[["top", "right"]].set_visible(False)
        axes.grid(color="#e4e4ea", zorder=0)
        axes.set_aspect("equal")
        figure.tight_layout(pad=1.0)
        svg = figure_svg(figure, metadata={"Date": None})
        pyplot.close(figure)
    return svg
