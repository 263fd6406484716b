"""Score ``derivetex verify`` on the hand-judged corpus in ``../shared/corpus/verify-real``.

Scoring follows the corpus README: a line flagged ``error`` within one line of a genuine
mistake is a true flag, within one line of a ``minor`` or ``may_flag`` line it is excused,
anywhere else a false alarm. Precision = true / (true + false alarms); recall = mistakes with a
flag within one line / all mistakes; unchecked share = unchecked findings / all findings. A
file on which verify crashes, hangs or prints no report counts its mistakes as missed.

    .venv/bin/python bench/corpus.py                  # table per document, then the totals
    .venv/bin/python bench/corpus.py --json           # the same as JSON (what the test reads)
    .venv/bin/python bench/corpus.py --show 14        # the flags and misses of documents 14*

Each document is verified in its own ``derivetex verify --json`` process (as a user runs it),
two at a time, with a time limit.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "verify-real"
TIME_LIMIT = 120.0


@dataclass
class Score:
    """Counts for one document (or the total)."""

    name: str
    true_flags: int = 0
    false_alarms: int = 0
    excused: int = 0
    mistakes: int = 0
    found: int = 0
    findings: int = 0
    unchecked: int = 0
    crashed: str = ""
    false_lines: list[int] = field(default_factory=list)
    missed_lines: list[int] = field(default_factory=list)

    def add(self, other: Score) -> None:
        for key in ("true_flags", "false_alarms", "excused", "mistakes", "found", "findings",
                    "unchecked"):
            setattr(self, key, getattr(self, key) + getattr(other, key))

    @property
    def precision(self) -> float:
        flagged = self.true_flags + self.false_alarms
        return self.true_flags / flagged if flagged else 1.0

    @property
    def recall(self) -> float:
        return self.found / self.mistakes if self.mistakes else 1.0

    @property
    def unchecked_share(self) -> float:
        return self.unchecked / self.findings if self.findings else 0.0


def near(line: int, lines: list[int]) -> bool:
    return any(abs(line - other) <= 1 for other in lines)


def run_verify(path: Path) -> tuple[dict | None, str]:
    """The JSON report of one file, or None and why there is none."""
    command = [sys.executable, "-m", "derivetex", "verify", "--json", str(path)]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=TIME_LIMIT)
    except subprocess.TimeoutExpired:
        return None, f"hung (over {TIME_LIMIT:.0f} s)"
    if done.returncode not in (0, 1):
        last = (done.stderr.strip().splitlines() or ["no output"])[-1]
        return None, f"exit {done.returncode}: {last[:120]}"
    try:
        return json.loads(done.stdout), ""
    except json.JSONDecodeError:
        return None, "no JSON report"


def score(name: str, expected: dict, report: dict | None, crash: str) -> Score:
    result = Score(name, mistakes=len(expected["errors"]), crashed=crash)
    if report is None:
        result.missed_lines = list(expected["errors"])
        return result
    findings = report["files"][0]["findings"]
    result.findings = len(findings)
    result.unchecked = sum(1 for f in findings if f["status"] == "unchecked")
    flagged = sorted({f["line"] for f in findings if f["status"] == "error"})
    excusing = expected["minor"] + expected["may_flag"]
    for line in flagged:
        if near(line, expected["errors"]):
            result.true_flags += 1
        elif near(line, excusing):
            result.excused += 1
        else:
            result.false_alarms += 1
            result.false_lines.append(line)
    for line in expected["errors"]:
        if near(line, flagged):
            result.found += 1
        else:
            result.missed_lines.append(line)
    return result


def evaluate(only: str = "") -> tuple[list[Score], Score, dict[str, dict | None]]:
    expected = json.loads((CORPUS / "expected.json").read_text(encoding="utf-8"))["files"]
    names = sorted(n for n in expected if n.startswith(only))
    with ThreadPoolExecutor(max_workers=2) as pool:
        outcomes = list(pool.map(lambda n: run_verify(CORPUS / n), names))
    scores = [
        score(n, expected[n], report, crash)
        for n, (report, crash) in zip(names, outcomes, strict=True)
    ]
    total = Score("total")
    for item in scores:
        total.add(item)
        if item.crashed:
            total.crashed += f"{item.name}: {item.crashed}; "
    return scores, total, dict(zip(names, (r for r, _ in outcomes), strict=True))


def table(scores: list[Score], total: Score) -> str:
    head = f"{'document':<42} {'prec':>5} {'recall':>6} {'unchk':>5}  false alarms / missed"
    lines = [head]
    for s in [*scores, total]:
        extra = s.crashed or f"{s.false_lines or ''} / {s.missed_lines or ''}"
        if s is total:
            lines.append("-" * len(head))
            extra = s.crashed or ""
        lines.append(
            f"{s.name[:42]:<42} {s.precision:>5.2f} {s.recall:>6.2f} {s.unchecked_share:>5.2f}"
            f"  {extra}"
        )
    lines.append(
        f"flags: {total.true_flags} true, {total.false_alarms} false, {total.excused} excused; "
        f"mistakes found {total.found}/{total.mistakes}; "
        f"findings {total.findings}, unchecked {total.unchecked}"
    )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print the scores as JSON")
    parser.add_argument("--show", default="", help="print the error findings of these files")
    options = parser.parse_args()
    if not CORPUS.is_dir():
        sys.exit(f"corpus.py: no corpus at {CORPUS}")
    scores, total, reports = evaluate(options.show)
    if options.json:
        data = {
            "total": {**asdict(total), "precision": total.precision, "recall": total.recall,
                      "unchecked_share": total.unchecked_share},
            "documents": [asdict(s) for s in scores],
        }
        print(json.dumps(data, indent=2))
        return
    print(table(scores, total))
    if options.show:
        for name, report in reports.items():
            for f in (report or {"files": [{"findings": []}]})["files"][0]["findings"]:
                if f["status"] != "ok":
                    print(f"{name[:2]}:{f['line']}: {f['status']}: {f['latex'][:70]}: "
                          f"{f['message'][:110]}")


if __name__ == "__main__":
    main()
