"""Score ``derivetex verify`` on the documents of a folder with an expected.json.

    .venv/bin/python bench/fresh/score.py            # a table: flags, misses, unchecked share
    .venv/bin/python bench/fresh/score.py --show     # also every error and unchecked finding
    .venv/bin/python bench/fresh/score.py bench/fresh-2 --preview   # another folder; the
                                                      # confirm-only readings may accuse too
    .venv/bin/python bench/fresh/score.py bench/fresh-3 --json      # the totals as JSON

``bench/fresh/`` holds ten documents of our own (stop 19); ``bench/fresh-2/`` twelve more,
written blind (by a writer who saw neither verify's code nor its output) in stop 21, to
measure readings on writing they were not built from.

A flag within one line of a planted mistake is true, anywhere else a false alarm. A document
that is refused, crashes or has no finding counts as "no verdict".
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def where(finding: dict) -> str:
    line = str(finding["line"])
    return f"{finding['cell']}:{line}" if finding.get("cell") else line


def near(a: str, b: str) -> bool:
    """Within one line, in the same notebook cell (``3:13`` and ``cell 3:line 13`` alike)."""
    a, b = (text.replace("cell ", "").replace("line ", "") for text in (a, b))
    *cell_a, line_a = a.split(":")
    *cell_b, line_b = b.split(":")
    return cell_a == cell_b and abs(int(line_a) - int(line_b)) <= 1


def main() -> None:
    show = "--show" in sys.argv
    extra = ["--preview"] if "--preview" in sys.argv else []
    folders = [Path(a).resolve() for a in sys.argv[1:] if not a.startswith("--")]
    folder = folders[0] if folders else HERE
    expected = json.loads((folder / "expected.json").read_text(encoding="utf-8"))["files"]
    totals = {"true": 0, "false": 0, "found": 0, "mistakes": 0, "findings": 0, "unchecked": 0,
              "no verdict": 0}
    for name, judged in expected.items():
        done = subprocess.run(
            [sys.executable, "-m", "derivetex", "verify", "--json", *extra, name],
            cwd=folder, capture_output=True, text=True, timeout=120,
        )
        try:
            findings = json.loads(done.stdout)["files"][0]["findings"]
        except (json.JSONDecodeError, KeyError, IndexError):
            findings = []
        errors = [where(f) for f in findings if f["status"] == "error"]
        planted = [str(e) for e in judged["errors"]]
        true = sum(1 for e in errors if any(near(e, p) for p in planted))
        found = sum(1 for p in planted if any(near(e, p) for e in errors))
        unchecked = sum(1 for f in findings if f["status"] == "unchecked")
        totals["true"] += true
        totals["false"] += len(errors) - true
        totals["found"] += found
        totals["mistakes"] += len(planted)
        totals["findings"] += len(findings)
        totals["unchecked"] += unchecked
        totals["no verdict"] += int(not findings)
        status = f"exit {done.returncode}"
        if not findings:
            status += " " + (done.stderr.strip().splitlines() or ["no finding"])[-1][:70]
        if "--json" not in sys.argv:
            print(f"{name:<36} links {len(findings):>2}  errors {errors}  planted {planted}  "
                  f"unchecked {unchecked}  {status}")
        if show:
            for f in findings:
                if f["status"] != "ok":
                    print(f"    {where(f)} {f['status']}: {f['latex'][:60]}: {f['message'][:90]}")
    flagged = totals["true"] + totals["false"]
    figures = {
        "precision": totals["true"] / flagged if flagged else 1.0,
        "recall": totals["found"] / totals["mistakes"],
        "unchecked": totals["unchecked"] / max(totals["findings"], 1),
        "false alarms": totals["false"],
        "no verdict": totals["no verdict"],
    }
    if "--json" in sys.argv:
        print(json.dumps(figures))
        return
    print(f"precision {figures['precision']:.2f}, recall {figures['recall']:.2f}, "
          f"unchecked {figures['unchecked']:.2f}; "
          f"false alarms {totals['false']}, documents without a verdict {totals['no verdict']}")


if __name__ == "__main__":
    main()
