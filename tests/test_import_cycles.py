"""No module of the project imports itself back through others at import time.

A cycle makes the import order decide what exists when (an ImportError for whoever is
imported first) and ties the plain-Python ``sources/`` and ``forecast/`` packages to the
Django apps. Imports inside functions are allowed to point back: they run later.
"""

from __future__ import annotations

import ast
from graphlib import CycleError, TopologicalSorter
from importlib.util import resolve_name
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"


def modules(root: Path) -> dict[str, Path]:
    found = {}
    for path in root.rglob("*.py"):
        if "migrations" in path.parts:
            continue
        parts = path.relative_to(root).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


def import_graph(root: Path) -> dict[str, set[str]]:
    """Each module's project modules imported at module level (not in functions)."""
    known = modules(root)
    graph = {}
    for name, path in known.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        deps = set()
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.Import):
                deps |= {a.name for a in node.names if a.name in known}
            elif isinstance(node, ast.ImportFrom):
                base = resolve_name("." * node.level + (node.module or ""), package) \
                    if node.level else node.module
                for alias in node.names:
                    target = f"{base}.{alias.name}"
                    if target in known:
                        deps.add(target)
                    elif base in known:
                        deps.add(base)
        graph[name] = deps - {name}
    return graph


def cycle(graph: dict[str, set[str]]) -> list[str] | None:
    try:
        TopologicalSorter(graph).prepare()
    except CycleError as error:
        return error.args[1]
    return None


def test_the_project_has_no_import_cycle():
    graph = import_graph(SRC)
    assert len(graph) > 100 and "renewcast.forecast.forecaster" in graph
    assert cycle(graph) is None, f"import cycle: {' -> '.join(cycle(graph))}"


def test_a_cycle_is_found_and_named(tmp_path):
    package = tmp_path / "pkg"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "a.py").write_text("from pkg.b import thing\n")
    (package / "b.py").write_text("from . import c\n\ndef later():\n    import pkg.a\n")
    (package / "c.py").write_text("import pkg.a\n")
    found = cycle(import_graph(tmp_path))
    assert found is not None and {"pkg.a", "pkg.b", "pkg.c"} <= set(found)
    (package / "c.py").write_text("def later():\n    import pkg.a\n")
    assert cycle(import_graph(tmp_path)) is None


@pytest.mark.parametrize("plain", ["sources", "forecast"])
def test_the_plain_python_packages_import_no_django(plain):
    graph = import_graph(SRC)
    for name, deps in graph.items():
        if name.startswith(f"renewcast.{plain}"):
            assert not any(d.startswith(("renewcast.catalog", "renewcast.pages",
                                         "renewcast.community", "renewcast.api",
                                         "renewcast.alerts", "renewcast.jobs")) for d in deps), (
                name, deps)
