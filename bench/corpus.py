"""Score ``derivetex verify`` on the hand-judged corpora in ``../shared/corpus/``.

``verify-real`` (30 documents) and ``verify-real-2`` (30 more, from other sources) are scored
separately and together: the gap between them measures how far verify generalises.

Scoring follows the corpus README: a line flagged ``error`` within one line of a genuine
mistake is a true flag, within one line of a ``minor`` or ``may_flag`` line it is excused,
anywhere else a false alarm. Precision = true / (true + false alarms); recall = mistakes with a
flag within one line / all mistakes; unchecked share = unchecked findings / all findings. A
file on which verify crashes, hangs or prints no report counts its mistakes as missed.

    .venv/bin/python bench/corpus.py                  # both corpora: tables, totals, together
    .venv/bin/python bench/corpus.py --corpus verify-real-2   # one corpus
    .venv/bin/python bench/corpus.py --json           # the same as JSON (what the test reads)
    .venv/bin/python bench/corpus.py --show 14        # the flags and misses of documents 14*
    .venv/bin/python bench/corpus.py --preview        # confirm-only readings may accuse:
                                                      # what each would flag, true or false

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
CORPORA = ROOT.parent / "shared" / "corpus"
NAMES = ("verify-real", "verify-real-2")
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
    silent: int = 0
    """Documents that got no verdict at all: no link found, or the whole file failed."""
    false_lines: list[int] = field(default_factory=list)
    missed_lines: list[int] = field(default_factory=list)

    def add(self, other: Score) -> None:
        for key in ("true_flags", "false_alarms", "excused", "mistakes", "found", "findings",
                    "unchecked", "silent"):
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


def run_verify(path: Path, extra: tuple[str, ...] = ()) -> tuple[dict | None, str]:
    """The JSON report of one file, or None and why there is none."""
    command = [sys.executable, "-m", "derivetex", "verify", "--json", *extra, str(path)]
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
        result.silent = 1
        result.missed_lines = list(expected["errors"])
        return result
    findings = report["files"][0]["findings"]
    result.findings = len(findings)
    result.silent = int(not findings or any(
        "internal error while auditing" in f.get("message", "") for f in findings
    ))
    result.unchecked = sum(1 for f in findings if f["status"] == "unchecked")
    flagged = sorted({f["line"] for f in findings if f["status"] == "error"})
    excusing = expected.get("minor", []) + expected.get("may_flag", [])
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


def evaluate(
    corpus: Path, only: str = "", extra: tuple[str, ...] = ()
) -> tuple[list[Score], Score, dict[str, dict | None]]:
    expected = json.loads((corpus / "expected.json").read_text(encoding="utf-8"))["files"]
    names = sorted(n for n in expected if n.startswith(only))
    with ThreadPoolExecutor(max_workers=2) as pool:
        outcomes = list(pool.map(lambda n: run_verify(corpus / n, extra), names))
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
    lines.append(summary(total))
    return "\n".join(lines)


def summary(total: Score) -> str:
    return (
        f"precision {total.precision:.2f}, recall {total.recall:.2f}, "
        f"unchecked {total.unchecked_share:.3f}; "
        f"flags: {total.true_flags} true, {total.false_alarms} false, {total.excused} excused; "
        f"mistakes found {total.found}/{total.mistakes}; "
        f"findings {total.findings}, unchecked {total.unchecked}; "
        f"documents without a verdict {total.silent}"
    )


def as_json(total: Score, scores: list[Score]) -> dict:
    return {
        "total": {**asdict(total), "precision": total.precision, "recall": total.recall,
                  "unchecked_share": total.unchecked_share},
        "documents": [asdict(s) for s in scores],
    }


def preview_flags(
    corpus: Path, reports: dict[str, dict | None]
) -> dict[str, dict[str, list[str]]]:
    """For each confirm-only reading: the lines its errors flag under ``--preview``, sorted
    into true flags, excused and false alarms, as the scoring counts them."""
    from derivetex.verify.readings import confirm_only

    expected = json.loads((corpus / "expected.json").read_text(encoding="utf-8"))["files"]
    flags: dict[str, dict[str, list[str]]] = {}
    for name, report in reports.items():
        if report is None:
            continue
        wanted = expected[name]
        excusing = wanted.get("minor", []) + wanted.get("may_flag", [])
        for finding in report["files"][0]["findings"]:
            if finding["status"] != "error":
                continue
            line = finding["line"]
            kind = ("true" if near(line, wanted["errors"]) else
                    "excused" if near(line, excusing) else "false")
            for code in confirm_only(finding.get("readings", [])):
                flags.setdefault(code, {}).setdefault(kind, []).append(f"{name[:7]}:{line}")
    return flags


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print the scores as JSON")
    parser.add_argument("--show", default="", help="print the error findings of these files")
    parser.add_argument("--corpus", choices=NAMES, action="append",
                        help="score only this corpus (repeatable; default: both)")
    parser.add_argument("--preview", action="store_true",
                        help="verify with --preview and list what each confirm-only reading "
                        "would flag")
    options = parser.parse_args()
    names = options.corpus or list(NAMES)
    together = Score("together")
    results: dict[str, dict] = {}
    for name in names:
        corpus = CORPORA / name
        if not corpus.is_dir():
            sys.exit(f"corpus.py: no corpus at {corpus}")
        extra = ("--preview",) if options.preview else ()
        scores, total, reports = evaluate(corpus, options.show, extra)
        together.add(total)
        together.crashed += total.crashed
        results[name] = as_json(total, scores)
        if not options.json:
            print(f"== {name}")
            print(table(scores, total))
            show(options.show, reports)
            if options.preview:
                for code, kinds in sorted(preview_flags(corpus, reports).items()):
                    print(f"preview {code}: " + "; ".join(
                        f"{kind} {len(lines)} {lines}" for kind, lines in sorted(kinds.items())))
            print()
    if options.json:
        print(json.dumps({"corpora": results, "together": as_json(together, [])["total"]},
                         indent=2))
    elif len(names) > 1:
        print(f"== together ({', '.join(names)})")
        print(summary(together))


def show(only: str, reports: dict[str, dict | None]) -> None:
    if not only:
        return
    for name, report in reports.items():
        for f in (report or {"files": [{"findings": []}]})["files"][0]["findings"]:
            if f["status"] != "ok":
                print(f"{name[:12]}:{f['line']}: {f['status']}: {f['latex'][:70]}: "
                      f"{f['message'][:110]}")


if __name__ == "__main__":
    main()
