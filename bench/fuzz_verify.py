"""The long fuzz run of ``derivetex verify``: ``python bench/fuzz_verify.py [EXAMPLES]``.

Same generator and checks as tests/hardening/test_fuzz.py (no traceback, exit 0/1/2, each file
within its budget, peak memory under 1 GB), with many more examples; prints the slowest and
the largest runs. A failing document is printed by hypothesis, shrunk. It also fails on an
internal error of the audit (exit 2, which the contract allows) unless ``--contract-only``.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from hypothesis import given, settings  # noqa: E402

from hardening.fuzzing import check_run, documents  # noqa: E402


def main(examples: int, strict: bool) -> None:
    runs = []

    @settings(max_examples=examples, database=None, deadline=None)
    @given(documents())
    def fuzz(document: tuple[str, str]) -> None:
        name, text = document
        with tempfile.TemporaryDirectory() as directory:
            run = check_run(Path(directory), name, text, strict=strict)
        runs.append((run.seconds, run.peak_kb, run.returncode))

    fuzz()
    print(f"{len(runs)} documents; exit codes {sorted({code for _, _, code in runs})}")
    print(f"slowest {max(s for s, _, _ in runs):.1f} s; largest {max(k for _, k, _ in runs)} KB")


if __name__ == "__main__":
    arguments = [a for a in sys.argv[1:] if a != "--contract-only"]
    main(int(arguments[0]) if arguments else 200, strict="--contract-only" not in sys.argv)
