"""Benchmark: every case paired with its yardstick, run by turns, medians of several rounds.

Each case runs in rounds beside the command it is measured against -- ``python -c "import
sympy, jinja2"`` (the floor every derivetex run pays), or for large K SymPy's own ``latex()``
of the written-out product. The two alternate, the order reversed every round, so a noisy
neighbour slows both alike; the ratio of the medians is what is printed, with peak memory
(maximum resident set of each process, from ``wait4``).

    .venv/bin/python bench/bench.py              # every case, 5 rounds (a few minutes)
    .venv/bin/python bench/bench.py --quick      # K up to 1 000, 5 rounds
    .venv/bin/python bench/bench.py --rounds 9   # more rounds
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT.parent / "shared" / "reference" / "seed-article.md"
POST_LINES = 300
MIN_ROUNDS = 5


@dataclass
class Samples:
    """Wall seconds and peak memory (MiB) of one command over the rounds."""

    seconds: list[float] = field(default_factory=list)
    mebibytes: list[float] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)

    @property
    def peak(self) -> float:
        return max(self.mebibytes)


def run(args: list[str]) -> tuple[float, float]:
    """One run of ``args``: wall seconds and peak resident memory in MiB.

    verify exits 1 when it finds an error: that is a result, not a failure."""
    start = time.perf_counter()
    process = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        error = process.stderr.read().decode() if process.stderr else ""
        raise SystemExit(f"bench: {' '.join(args[:6])} ... exited {code}: {error[-300:]}")
    return seconds, usage.ru_maxrss / 1024  # Linux: kilobytes


def by_turns(commands: list[list[str]], rounds: int) -> list[Samples]:
    """The ``commands`` one after another in each round, the order reversed every round."""
    samples = [Samples() for _ in commands]
    order = list(range(len(commands)))
    for _ in range(rounds):
        for i in order:
            seconds, mebibytes = run(commands[i])
            samples[i].seconds.append(seconds)
            samples[i].mebibytes.append(mebibytes)
        order.reverse()
    return samples


def long_post(folder: str) -> str:
    """A post of about POST_LINES lines: derivetex's own English example, repeated under
    headings (our text; every section is verified from scratch)."""
    one = (ROOT / "output" / "multiclass.en.md").read_text(encoding="utf-8")
    parts: list[str] = []
    while sum(part.count("\n") for part in parts) < POST_LINES:
        parts.append(f"## Part {len(parts) + 1}\n\n{one}")
    path = Path(folder) / "post.md"
    path.write_text("\n".join(parts), encoding="utf-8")
    return str(path)


def one_hot_sample(k: int) -> list[str]:
    """--y/--t arguments for K classes: small equal predictions, the last one correct."""
    small = Decimal(1) / Decimal(10 * k)
    y = [str(small)] * (k - 1) + [str(1 - small * (k - 1))]
    t = ["0"] * (k - 1) + ["1"]
    return ["--y", *y, "--t", *t]


def printer_yardstick(python: str, k: int) -> list[str]:
    """SymPy's own latex() of the written-out product y_1^{t_1} ... y_K^{t_K}."""
    code = (
        "import sympy as sp\n"
        "y, t = sp.IndexedBase('y'), sp.IndexedBase('t')\n"
        f"sp.latex(sp.Mul(*[y[i] ** t[i] for i in range(1, {k} + 1)], evaluate=False))\n"
    )
    return [python, "-c", code]


def compiled_as_installed(python: str) -> str:
    """Compile derivetex's bytecode as ``pip install`` does, and say where.

    SymPy and Jinja2 were installed by pip, which wrote their ``.pyc`` files; an editable
    install in an environment with ``PYTHONDONTWRITEBYTECODE`` set would otherwise compile
    derivetex from source on every run, a cost no installed user pays."""
    code = (
        "import compileall, importlib.util, pathlib\n"
        "spec = importlib.util.find_spec('derivetex')\n"
        "root = pathlib.Path(spec.origin).parent\n"
        "compileall.compile_dir(str(root), quiet=1)\n"
        "print(root)\n"
    )
    done = subprocess.run([python, "-c", code], capture_output=True, text=True, check=True)
    return done.stdout.strip()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="K up to 1 000")
    parser.add_argument("--rounds", type=int, default=MIN_ROUNDS)
    options = parser.parse_args()
    rounds = max(options.rounds, MIN_ROUNDS)
    python = sys.executable
    out = tempfile.mkdtemp(prefix="derivetex-bench-")
    floor = [python, "-c", "import sympy, jinja2"]
    derive = [python, "-m", "derivetex", "derive", "-o", out]
    verify = [python, "-m", "derivetex", "verify"]

    package = compiled_as_installed(python)
    print(f"derivetex bytecode compiled as pip install does ({package})")
    print(
        f"{platform.node()}: {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"{time.strftime('%Y-%m-%d')}; medians of {rounds} rounds, by turns with the yardstick"
    )
    print(f"{'case':<40} {'seconds':>8} {'yardstick':>10} {'ratio':>7} {'MiB':>6} {'/floor':>7}")
    cases: list[tuple[str, list[str]]] = [("article example (md tex json)", derive)]
    if SEED.is_file():
        cases.append(("verify the reference article", [*verify, str(SEED)]))
    cases.append((f"verify a {POST_LINES}-line post", [*verify, long_post(out)]))
    sizes = [10, 100, 1000] if options.quick else [10, 100, 1000, 10000]
    for k in sizes:
        cases.append(
            (
                f"K = {k} written out, with values",
                [*derive, "--format", "md", "json", *one_hot_sample(k)],
            )
        )
    medians: dict[str, float] = {}
    for name, args in cases:
        ours, theirs = by_turns([args, floor], rounds)
        medians[name] = ours.median
        ratio = ours.median / theirs.median
        memory = ours.peak / theirs.peak
        print(
            f"{name:<40} {ours.median:>8.3f} {theirs.median:>10.3f} {ratio:>6.2f}x "
            f"{ours.peak:>6.0f} {memory:>6.2f}x"
        )
    if len(sizes) >= 2:
        big, small = sizes[-1], sizes[-2]
        growth = (
            medians[f"K = {big} written out, with values"]
            / medians[f"K = {small} written out, with values"]
        )
        print(f"growth K = {big} / K = {small}: {growth:.1f}x")
    k = sizes[-1]
    args = [*derive, "--format", "md", "json", *one_hot_sample(k)]
    ours, printer, base = by_turns([args, printer_yardstick(python, k), floor], rounds)
    above = (ours.median - base.median) / (printer.median - base.median)
    print(
        f"K = {k} against SymPy's latex() of the written-out product: {ours.median:.3f} s vs "
        f"{printer.median:.3f} s (floor {base.median:.3f} s); above the floor {above:.2f}x"
    )


if __name__ == "__main__":
    main()
