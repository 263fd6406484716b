"""Benchmark: the article example end to end against the bare imports, K = 10 .. 10 000, and
``verify`` on the reference article and on a 300-line post.

Everything is measured in this one run, side by side, as ratios to the cost of
`python -c "import sympy, jinja2"` (the floor every derivetex run pays):

    .venv/bin/python bench/bench.py            # full (K up to 10 000, about a minute)
    .venv/bin/python bench/bench.py --quick    # K up to 1 000
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path


def wall(args: list[str], repeat: int) -> float:
    """Median wall time of a command, in seconds."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        wall_ok(args)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT.parent / "shared" / "reference" / "seed-article.md"
POST_LINES = 300


def wall_ok(args: list[str]) -> None:
    """verify exits 1 when it finds an error: that is a result, not a failure."""
    done = subprocess.run(args, capture_output=True)
    if done.returncode not in (0, 1):
        raise SystemExit(f"bench: {' '.join(args)} exited {done.returncode}")


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--repeat", type=int, default=5)
    options = parser.parse_args()
    python = sys.executable
    out = tempfile.mkdtemp(prefix="derivetex-bench-")
    derive = [python, "-m", "derivetex", "derive", "-o", out]

    floor = wall([python, "-c", "import sympy, jinja2"], options.repeat)
    rows = [("import sympy, jinja2", floor)]
    rows.append(("article example (md tex json)", wall(derive, options.repeat)))
    verify = [python, "-m", "derivetex", "verify"]
    if SEED.is_file():
        rows.append(("verify the reference article", wall([*verify, str(SEED)], options.repeat)))
    post = long_post(out)
    rows.append((f"verify a {POST_LINES}-line post", wall([*verify, post], options.repeat)))
    sizes = [10, 100, 1000] if options.quick else [10, 100, 1000, 10000]
    for k in sizes:
        repeat = options.repeat if k <= 100 else 1
        args = [*derive, "--format", "md", "json", *one_hot_sample(k)]
        rows.append((f"K = {k} written out, with values", wall(args, repeat)))

    print(f"{'case':<38} {'seconds':>9} {'x imports':>10}")
    for name, seconds in rows:
        print(f"{name:<38} {seconds:>9.3f} {seconds / floor:>10.1f}")


if __name__ == "__main__":
    main()
