"""The small "how the forecast moved" chart on a show page, drawn by matplotlib as SVG.

Drawn once per season and data version (the forecaster's stamp), so a busy page does not
redraw it; the numbers are also in a table beside it for screen readers and copy-paste.
"""

from __future__ import annotations

from functools import lru_cache

from renewcast.pages.inline_svg import figure_svg

LIKELY = 0.65


@lru_cache(maxsize=256)
def forecast_svg(points: tuple[tuple[str, float], ...], phone: bool = False) -> str:
    """``points`` are (label, p_renew) in order ("wk 3", or "now" for today's forecast
    after the chart days); returns an <svg> element. ``phone`` draws it for a narrow
    screen: a squarer picture with larger type, and only the first, last, lowest and
    highest chances labeled (every one is in the table beside it)."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot

    labels = [label for label, _ in points]
    values = [p * 100 for _, p in points]
    size, font = ((3.6, 2.5), 11) if phone else ((5.6, 1.9), 8)
    figure, axes = pyplot.subplots(figsize=size, dpi=100)
    axes.axhspan(LIKELY * 100, 100, color="#e3f1e6", zorder=0)
    axes.axhspan(0, (1 - LIKELY) * 100, color="#f7e1e1", zorder=0)
    axes.plot(labels, values, marker="o", color="#1f5fa8", linewidth=2, zorder=2)
    shown = set(range(len(points)))
    if phone:
        shown = {0, len(points) - 1, values.index(min(values)), values.index(max(values))}
    for i, (x, y) in enumerate(zip(labels, values, strict=True)):
        if i in shown:
            axes.annotate(f"{y:.0f}%", (x, y), textcoords="offset points", xytext=(0, 6),
                          ha="center", fontsize=font, color="#222")
    axes.set_ylim(0, 100)
    axes.set_yticks([0, 35, 65, 100], ["0%", "35%", "65%", "100%"], fontsize=font)
    axes.tick_params(axis="x", labelsize=font)
    if phone:
        step = max(1, -(-len(labels) // 4))  # about four week labels fit across a phone
        ticks = [i for i in range(len(labels)) if i % step == 0 or i == len(labels) - 1]
        axes.set_xticks(ticks, [labels[i] for i in ticks])
    axes.spines[["top", "right"]].set_visible(False)
    figure.tight_layout(pad=0.4)
    svg = figure_svg(figure, root='role="img" aria-hidden="true"')
    pyplot.close(figure)
    return svg
