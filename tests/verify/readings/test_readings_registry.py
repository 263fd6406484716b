"""The registry itself: stable codes, a test for every family, the catalog in the docs in step
with the code, and ``--disable-reading`` refusing a code it does not know."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from derivetex.errors import InputError
from derivetex.verify.readings import REGISTRY, ReadingRecord, disabled_codes
from derivetex.verify.readings.docs import DOC, catalog, with_catalog

HERE = Path(__file__).parent


def test_every_family_has_its_test_file() -> None:
    families = {record.family for record in REGISTRY.values()}
    files = {p.stem.removeprefix("test_readings_") for p in HERE.glob("test_readings_*.py")}
    assert families == files - {"registry"}


def test_codes_and_names_are_unique() -> None:
    names = [record.name for record in REGISTRY.values()]
    assert len(names) == len(set(names))
    assert all(code == record.code for code, record in REGISTRY.items())


def test_a_reading_that_accuses_says_where_it_was_measured() -> None:
    with pytest.raises(ValueError, match="measured"):
        ReadingRecord("R999", "fresh", "link", "reads", "$$ a = b $$", "$$ a = c $$", accuses=True)
    with pytest.raises(ValueError, match="R followed by three digits"):
        ReadingRecord("X1", "fresh", "link", "reads", "$$ a = b $$", "$$ a = c $$")
    assert ReadingRecord("R999", "fresh", "link", "r", "e", "c").role == "confirms"


def test_the_catalog_in_the_docs_is_the_registry() -> None:
    text = DOC.read_text(encoding="utf-8")
    assert with_catalog(text) == text, "run: python -m derivetex.verify.readings.docs --write"
    for code in REGISTRY:
        assert f"| {code} |" in catalog()


def test_disabled_codes_are_checked_against_the_registry() -> None:
    assert disabled_codes(["r102", "R101"]) == frozenset({"R101", "R102"})
    with pytest.raises(InputError, match="unknown reading 'R999'"):
        disabled_codes(["R102", "R999"])


def _verify(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "derivetex", "verify", *args],
        capture_output=True, text=True, timeout=120,
    )


def test_disable_reading_on_the_command_line(tmp_path: Path) -> None:
    post = tmp_path / "lg.md"
    post.write_text("Bits and digits.\n\n$$ \\lg 8 = 3 $$\n", encoding="utf-8")
    taken = _verify("-v", str(post))
    assert taken.returncode == 0 and ": ok: " in taken.stdout
    off = _verify("-v", "--disable-reading", "R102", "--disable-reading", "R101", str(post))
    assert off.returncode == 0 and ": unchecked: " in off.stdout
    bad = _verify("-v", "--disable-reading", "R999", str(post))
    assert bad.returncode == 2 and bad.stdout == ""
    assert len(bad.stderr.strip().splitlines()) == 1 and "R999" in bad.stderr


def test_preview_lets_a_confirm_only_reading_accuse(tmp_path: Path) -> None:
    """``--preview`` is how a confirm-only reading is measured: the failure it only withheld
    becomes an error naming it; the measured readings' verdicts are the same either way."""
    post = tmp_path / "half.md"
    post.write_text("# Half\n\n$$ \\half \\cdot 4 = 2 $$\n\n$$ \\half \\cdot 6 = 2 $$\n\n"
                    "$$ 2 + 2 = 5 $$\n", encoding="utf-8")
    plain = _verify("--isolated", str(post))
    assert plain.returncode == 1
    assert [line.split(": ")[0] for line in plain.stdout.splitlines()[:-1]] == [f"{post}:7"]
    preview = _verify("--isolated", "--preview", str(post))
    assert preview.returncode == 1
    errors = preview.stdout.splitlines()[:-1]
    assert [line.split(": ")[0] for line in errors] == [f"{post}:5", f"{post}:7"]
    assert "reading \\half as \\frac{1}{2}" in errors[0] and "claims 2" in errors[0]
