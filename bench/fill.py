"""Measure the fill (issue 20): for each catalog derivation, the rows its spec writes against
the rows the fill found, the time of each fill gap and the longest fill; then a six-step fill
from the command line (``derivetex fill 'LATEX' 'LATEX'``), whose promise is under 2 s.
Not a timed test: it prints one table in one run.

    .venv/bin/python bench/fill.py              # every catalog spec, the command 3 times
    .venv/bin/python bench/fill.py --rounds 5
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field

import derivetex.specs.build as build
from derivetex.fill_command import fill_text
from derivetex.specs.loader import load_spec
from derivetex.specs.shipped import CATALOG, SHIPPED

SIX = (r"\frac{d}{dx} \log (x^{2} e^{3 x} \sigma(x))", r"\frac{2}{x} + 4 - \sigma(x)")
"""Six steps: log_product, log_exp, diff_linearity, chain_rule, power_rule, d_sigmoid."""


@dataclass
class Gaps:
    """Each fill gap of one build: (rows found, seconds), in the order built."""

    found: list[tuple[int, float]] = field(default_factory=list)


def measured_build(name: str, gaps: Gaps) -> tuple[int, int, float]:
    """Build one shipped spec with every fill gap timed: rows written, rows found, seconds."""
    original = build.filled_steps

    def timed(*args, **kwargs):  # type: ignore[no-untyped-def]
        start = time.perf_counter()
        steps = original(*args, **kwargs)
        gaps.found.append((len(steps), time.perf_counter() - start))
        return steps

    spec = load_spec(SHIPPED[name])
    build.filled_steps = timed
    try:
        start = time.perf_counter()
        derivation = build.build_spec(spec)
        seconds = time.perf_counter() - start
    finally:
        build.filled_steps = original
    written = sum(1 for chain in spec.chains for row in chain.rows if not row.fill)
    found = sum(1 for chain in derivation.chains for step in chain.steps
                if step.params.get("filled"))
    return written, found, seconds


def command_seconds(rounds: int) -> tuple[list[float], int]:
    """Wall time of the whole ``derivetex fill`` process, and the rows it printed."""
    times, rows = [], 0
    for _ in range(rounds):
        start = time.perf_counter()
        done = subprocess.run([sys.executable, "-m", "derivetex", "fill", *SIX, "--format",
                               "json"], capture_output=True, text=True, check=False)
        times.append(time.perf_counter() - start)
        if done.returncode != 0:
            raise SystemExit(f"bench/fill.py: derivetex fill failed: {done.stderr.strip()}")
        rows = len(json.loads(done.stdout)["rows"])
    return times, rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    print("| spec | rows written | rows fill found | gaps: rows found (time) | build |")
    print("|---|---|---|---|---|")
    longest: tuple[int, float, str] = (0, 0.0, "")
    slowest: tuple[float, int, str] = (0.0, 0, "")
    for name in CATALOG:
        gaps = Gaps()
        written, found, seconds = measured_build(name, gaps)
        shown = ", ".join(f"{n} ({t:.2f} s)" for n, t in gaps.found) or "—"
        print(f"| {name} | {written} | {found} | {shown} | {seconds:.2f} s |")
        for n, t in gaps.found:
            longest = max(longest, (n, t, name))
            slowest = max(slowest, (t, n, name))
    print(f"\nlongest fill: {longest[0]} rows in {longest[1]:.2f} s ({longest[2]}); slowest "
          f"gap: {slowest[0]:.2f} s ({slowest[1]} rows, {slowest[2]})")
    fill_text(*SIX, "json")  # warm: the reader and the rules imported and cached once
    inside = []
    for _ in range(args.rounds):
        start = time.perf_counter()
        rows = len(json.loads(fill_text(*SIX, "json"))["rows"])
        inside.append(time.perf_counter() - start)
    times, printed = command_seconds(args.rounds)
    print(f"\nderivetex fill '{SIX[0]}' '{SIX[1]}': {printed} rows; the command "
          f"(a fresh process) median {statistics.median(times):.2f} s of {args.rounds} "
          f"(max {max(times):.2f} s), the fill in one warm process median "
          f"{statistics.median(inside):.2f} s ({rows} rows)")


if __name__ == "__main__":
    main()
