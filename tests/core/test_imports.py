"""No import circles: the layers import one way (model -> rules -> engine -> render, with the
API on top), including the imports made inside functions, which hide a circle from Python's
import machinery but not from a reader.

The graph is read from the source with ``ast``; a circle is a strongly connected component of
more than one module (Tarjan), reported by its members.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

import derivetex

PACKAGE = Path(derivetex.__file__).parent
ROOT = PACKAGE.parent


def _modules() -> dict[str, Path]:
    out = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(ROOT).with_suffix("").parts
        out[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return out


def _imported(module: str, path: Path, known: dict[str, Path]) -> set[str]:
    """The package's modules that ``module`` imports anywhere in its text."""
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names if alias.name in known}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                head = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*head, base] if base else head)
            for alias in node.names:
                target = f"{base}.{alias.name}"
                found.add(target if target in known else base)
    return {name for name in found if name in known and name != module}


def _circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one member (iterative Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    circles = []
    for start in sorted(graph):
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    circles.append(sorted(component))
    return circles


def test_the_circle_finder_finds_a_circle():
    """The finder itself: a -> b -> c -> a is one circle, d hanging off it is not in it."""
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}, "e": set()}
    assert _circles(graph) == [["a", "b", "c"]]


def test_no_module_of_derivetex_imports_itself_round_a_circle():
    known = _modules()
    graph = {name: _imported(name, path, known) for name, path in known.items()}
    assert "derivetex.model.arithmetic" in graph["derivetex.model.columns"] | graph[
        "derivetex.model.numeric"]
    circles = _circles(graph)
    new = circles
    assert new == []
    for circle in circles:  # none through the pairs the issue named or the merge made
        for pair in FORMER_CIRCLES:
            assert not set(pair) <= set(circle)


FORMER_CIRCLES = [
    ("derivetex.api", "derivetex.render.series"),  # render receives the parts it renders
    ("derivetex.model.columns", "derivetex.model.numeric"),  # arithmetic below both
    ("derivetex.api", "derivetex.verify"),  # verify(...) is the package's audit_document
    ("derivetex.cli", "derivetex.lsp.server"),  # the version lives in derivetex.about
    ("derivetex.fill_command", "derivetex.verify.explain"),  # engine.standalone below both
]


@pytest.mark.parametrize("module", sorted({name for pair in FORMER_CIRCLES for name in pair}))
def test_each_module_of_a_former_circle_imports_first_in_a_fresh_interpreter(module):
    """Imported first and alone, each works without its former partner already loaded."""
    code = f"import sys, {module}; print('derivetex.api' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    if module != "derivetex.api":  # none of them reaches up into the API
        assert result.stdout.strip() == "False"


def test_only_the_developer_tools_import_the_developer_tools():
    """``derivetex.tools`` holds the checks and regenerators of the developers (the render
    gate, golden files, LuaLaTeX probes); what a user runs imports none of it."""
    known = _modules()
    users = {
        module: sorted(name for name in _imported(module, path, known)
                       if name.startswith("derivetex.tools"))
        for module, path in known.items() if not module.startswith("derivetex.tools")
    }
    assert {module: names for module, names in users.items() if names} == {}
