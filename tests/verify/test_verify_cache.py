"""``derivetex verify``'s cache: kept per content and build, used when trusted, else rewritten."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from derivetex.cli import main
from derivetex.verify.cache import ENVIRONMENT, build

POST = (Path(__file__).parents[1] / "lsp" / "docs" / "post.md").read_text(encoding="utf-8")
HOMEWORK = (Path(__file__).parents[1] / "lsp" / "docs" / "homework.tex").read_text("utf-8")


@pytest.fixture
def blog(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Two posts in a folder of their own, the cache beside them (as a user's would be)."""
    monkeypatch.delenv(ENVIRONMENT)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "post.md").write_text(POST, encoding="utf-8")
    (tmp_path / "homework.tex").write_text(HOMEWORK, encoding="utf-8")
    return tmp_path


def _verify(capsys: pytest.CaptureFixture[str], *extra: str) -> tuple[int, str]:
    code = main(["verify", "-v", "post.md", "homework.tex", *extra])
    return code, capsys.readouterr().out


def _entries(blog: Path) -> list[Path]:
    return sorted((blog / ".derivetex_cache").glob("*/*.json"))


def test_a_second_run_reads_the_kept_findings(blog: Path, capsys) -> None:
    first = _verify(capsys)
    assert first[0] == 1 and "error" in first[1]
    cache = blog / ".derivetex_cache"
    assert (cache / ".gitignore").read_text().splitlines()[-1] == "*"
    tag = (cache / "CACHEDIR.TAG").read_text()
    assert tag.startswith("Signature: 8a477f597d28d172789f06886806bc55")
    entries = _entries(blog)
    assert len(entries) == 2
    assert _verify(capsys) == first
    for entry in entries:  # a kept finding is what the next run prints
        data = json.loads(entry.read_text())
        data["findings"][0]["message"] = "as kept"
        entry.write_text(json.dumps(data))
    assert _verify(capsys)[1].count(": as kept") == 2


@pytest.mark.parametrize("damage", ["truncated", "foreign build", "other key", "odd field"])
def test_an_entry_not_to_be_trusted_is_ignored_and_rewritten(blog: Path, capsys, damage) -> None:
    fresh = _verify(capsys)
    for entry in _entries(blog):
        data = json.loads(entry.read_text())
        data["findings"][0]["message"] = "not to be trusted"
        if damage == "foreign build":
            data["build"] = "0.0.1+0000"
        elif damage == "other key":
            data["key"] = "0" * 64
        elif damage == "odd field":
            data["findings"][0]["colour"] = "red"
        text = json.dumps(data)
        entry.write_text(text[: len(text) // 2] if damage == "truncated" else text)
    assert _verify(capsys) == fresh
    for entry in _entries(blog):
        data = json.loads(entry.read_text())
        assert data["build"] == build() and "not to be trusted" not in entry.read_text()


def test_no_cache_reads_and_writes_nothing(blog: Path, capsys) -> None:
    fresh = _verify(capsys, "--no-cache")
    assert not (blog / ".derivetex_cache").exists()
    _verify(capsys)
    for entry in _entries(blog):
        data = json.loads(entry.read_text())
        data["findings"][0]["message"] = "as kept"
        entry.write_text(json.dumps(data))
    assert _verify(capsys, "--no-cache") == fresh


def test_an_edited_file_is_audited_again(blog: Path, capsys) -> None:
    _verify(capsys)
    (blog / "homework.tex").write_text(HOMEWORK.replace("3x", "2x"), encoding="utf-8")
    code, out = _verify(capsys)
    assert "homework.tex: 3 links: 3 ok, 0 error, 0 unchecked" in out
    assert len(_entries(blog)) == 3
