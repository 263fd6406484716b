"""Generated documents for fuzzing ``derivetex verify``, and the checks every run must pass.

Shared by the CI test (a few examples) and ``bench/fuzz_verify.py`` (as many as you like).
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import strategies as st

from derivetex.verify.budget import FILE_SECONDS, GRACE_SECONDS
from hardening.helpers import Run, cli

START_UP_SECONDS = 30
PEAK_KB = 1_000_000  # 1 GB

atoms = st.sampled_from(
    ["x", "y_{1}", "t_{k}", "L", "E", "K", "N", "0", "1", "0.33", "9", "10^{999}", "1E+999999",
     "\\pi", "e", "-1", "\\infty"]
)


def _grow(inner: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.one_of(
        st.tuples(inner, inner).map(lambda p: f"{p[0]}^{{{p[1]}}}"),  # power towers
        st.tuples(inner, inner).map(lambda p: f"\\sum_{{k=1}}^{{{p[0]}}} {p[1]}"),
        st.tuples(inner, inner).map(lambda p: f"\\prod_{{i=1}}^{{{p[0]}}} {p[1]}"),
        inner.map(lambda a: f"\\log({a})"),
        inner.map(lambda a: f"\\log {a}"),
        st.tuples(inner, inner).map(lambda p: f"\\frac{{{p[0]}}}{{{p[1]}}}"),
        st.tuples(inner, st.sampled_from(["+", "-", "\\cdot", " "]), inner).map("".join),
        inner.map(lambda a: f"({a})"),
    )


expressions = st.recursive(atoms, _grow, max_leaves=12)
noise = st.sampled_from(["", "$", "$$", "\\[", "\\]", "\\(", "{", "}", "\\begin{aligned}", "&",
                         "\\\\", "%", "`", "\n", "\u3000", "\\end{equation}"])
rows = st.tuples(expressions, st.sampled_from(["=", "\\approx", "<", "="]), expressions).map(
    lambda r: f"{r[0]} {r[1]} {r[2]}"
)


@st.composite
def documents(draw: st.DrawFn) -> tuple[str, str]:
    """(file name, text) of a Markdown or LaTeX document with chains, numbers and debris."""
    kind = draw(st.sampled_from(["md", "tex"]))
    parts = []
    for _ in range(draw(st.integers(1, 4))):
        chain = " \\\\ ".join(draw(st.lists(rows, min_size=1, max_size=3)))
        wrap = draw(st.sampled_from(["$$ {} $$", "$ {} $", "\\[ {} \\]",
                                     "\\begin{{aligned}} {} \\end{{aligned}}"]))
        parts.append(draw(noise) + wrap.format(chain) + draw(noise))
    return f"doc.{kind}", "\n\n".join(parts) + "\n"


def check_run(directory: Path, name: str, text: str, *, strict: bool = False) -> Run:
    """Write the document, verify it with the real CLI, and hold the run to the contract.

    ``strict`` also fails on an internal error (a bug in the audit, reported as one line and
    exit 2, which the contract allows): the long run hunts for those.
    """
    (directory / name).write_text(text, encoding="utf-8")
    limit = FILE_SECONDS + GRACE_SECONDS + START_UP_SECONDS
    run = cli("verify", name, "--json", cwd=directory, timeout=limit)
    assert run.returncode in (0, 1, 2), run
    assert "Traceback" not in run.stderr, run.stderr
    assert len(run.stderr.splitlines()) <= 1, run.stderr
    if strict:
        assert "internal error" not in run.stderr, (text, run.stderr)
    assert run.seconds < limit
    assert run.peak_kb < PEAK_KB, run.peak_kb
    return run
