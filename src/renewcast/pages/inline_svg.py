"""A matplotlib figure as SVG to put inside a page, fit for a strict Content-Security-Policy.

Matplotlib writes its styling as a ``<style>`` element and ``style="…"`` attributes, which a
policy without ``'unsafe-inline'`` blocks, so the charts would lose their colours. Every
property it writes (fill, stroke, font-size, text-anchor, …) also exists as an SVG
presentation attribute, which no policy restricts, so the style is moved there.
"""

from __future__ import annotations

import io
import re

_STYLE_ATTRIBUTE = re.compile(r' style="([^"]*)"')
_STYLE_ELEMENT = re.compile(r"<style[^>]*>(.*?)</style>\s*", re.S)
_UNIVERSAL_RULE = re.compile(r"\*\s*\{([^}]*)\}")
_NAME = re.compile(r"[a-z-]+")


def figure_svg(figure, *, root: str = 'aria-hidden="true" focusable="false"', **save) -> str:
    """The figure as an ``<svg>`` element (no XML prolog, no inline CSS); ``root`` is added
    to the ``<svg>`` tag. ``save`` goes to ``savefig``."""
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", **save)
    svg = buffer.getvalue()
    return presentational(svg[svg.index("<svg"):]).replace("<svg ", f"<svg {root} ", 1)


def presentational(svg: str) -> str:
    """``svg`` with its ``style`` attributes and ``<style>`` element turned into
    presentation attributes (a rule for ``*`` goes on the root, where it is inherited)."""
    inherited = []
    for block in _STYLE_ELEMENT.findall(svg):
        inherited += [_attributes(rule) for rule in _UNIVERSAL_RULE.findall(block)]
    svg = _STYLE_ELEMENT.sub("", svg)
    svg = _STYLE_ATTRIBUTE.sub(lambda m: _attributes(m.group(1)), svg)
    if inherited:
        svg = svg.replace("<svg ", "<svg" + "".join(inherited) + " ", 1)
    return svg


def _attributes(declarations: str) -> str:
    out = []
    for declaration in declarations.split(";"):
        name, _, value = declaration.partition(":")
        name, value = name.strip(), value.strip()
        if _NAME.fullmatch(name) and value:
            out.append(f' {name}="{value}"')
    return "".join(out)
