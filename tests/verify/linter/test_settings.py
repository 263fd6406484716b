"""The settings file: found upward as ruff finds its own, --config, --isolated, every key,
bad files refused with one line, the command line winning."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from derivetex.errors import InputError
from derivetex.settings import Settings, load, settings_for

from .helpers import findings, verify, write

BITS = "# Coding\n\nThree questions: $\\log 8 = 3$.\n"  # says nothing of bits: natural by default
SLIPS = "$3 \\cdot 4 = 13$\n\n$-\\log 0.5 = -0.693147$\n"  # DT101 on line 1, DT102 on line 3


def test_log_base_2_in_pyproject_reads_a_bare_log_in_bits(tmp_path: Path) -> None:
    pyproject = '[project]\nname = "blog"\n\n[tool.derivetex]\nlog-base = 2\n'
    write(tmp_path, "pyproject.toml", pyproject)
    post = write(tmp_path, "posts/2024/coding.md", BITS)
    assert findings(str(post))[0] == 0
    assert findings("--isolated", str(post))[0] == 1
    assert findings("--log-base", "e", str(post))[0] == 1  # the command line wins
    code, _, err = verify("--log-base", "10", str(post))
    assert code == 2 and "--log-base" in err


def test_the_nearest_file_wins_and_derivetex_toml_before_pyproject(tmp_path: Path) -> None:
    write(tmp_path, "pyproject.toml", "[tool.derivetex]\nignore = ['DT101']\n")
    write(tmp_path, "notes/derivetex.toml", "ignore = ['DT102']\n")
    write(tmp_path, "notes/pyproject.toml", "[tool.derivetex]\nignore = ['DT1']\n")
    write(tmp_path, "drafts/pyproject.toml", "[project]\nname = 'x'\n")  # no table: passed over
    top, notes, drafts = (write(tmp_path, f"{d}/slips.md", SLIPS) for d in (".", "notes", "drafts"))

    def ignored(path: Path) -> list[str]:
        _, files = findings(str(path))
        return [f["code"] for f in files[0]["findings"] if f["suppressed"]]

    assert ignored(top) == ["DT101"] == ignored(drafts)
    assert ignored(notes) == ["DT102"]
    assert settings_for(drafts).source == tmp_path / "pyproject.toml"


def test_config_names_one_file_and_isolated_uses_none(tmp_path: Path) -> None:
    write(tmp_path, "pyproject.toml", "[tool.derivetex]\nignore = ['DT101', 'DT102']\n")
    other = write(tmp_path, "ci/strict.toml", "select = ['DT102']\n")
    post = write(tmp_path, "slips.md", SLIPS)
    assert findings(str(post))[0] == 0
    assert findings("--isolated", str(post))[0] == 1
    code, files = findings("--config", str(other), str(post))
    assert code == 1
    assert [(f["code"], f["suppressed"]) for f in files[0]["findings"] if f["status"] == "error"
            ] == [("DT101", True), ("DT102", False)]
    assert verify("--config", str(other), "--isolated", str(post))[0] == 2


def test_per_file_ignores_by_glob_and_the_command_line_winning(tmp_path: Path) -> None:
    write(tmp_path, "derivetex.toml",
          "[per-file-ignores]\n'drafts/**' = ['DT1']\n'*.tex' = ['DT102']\n")
    draft = write(tmp_path, "drafts/a/slips.md", SLIPS)
    post = write(tmp_path, "posts/slips.md", SLIPS)
    homework = write(tmp_path, "hw/slips.tex", SLIPS)
    assert findings(str(draft))[0] == 0
    assert findings(str(post))[1][0]["summary"]["ignored"] == 0
    _, files = findings(str(homework))
    assert (files[0]["summary"]["error"], files[0]["summary"]["ignored"]) == (1, 1)
    _, files = findings("--select", "DT102", str(post))  # the command line over the file
    assert files[0]["summary"]["ignored"] == 1


@pytest.mark.parametrize(("text", "message"), [
    ("colour = 'red'\n", "unknown key 'colour'"),
    ("log-base = 3\n", "log-base: 3 is not one of e, 2"),
    ("log-base = true\n", "log-base: True is not one of e, 2"),
    ("flavor = 'hugo'\n", "flavor: 'hugo' is not one of katex"),
    ("select = ['DT9']\n", "select: unknown code 'DT9'"),
    ("exclude = 'drafts'\nignore = [3]\n", "ignore: expected a list of strings"),
    ("per-file-ignores = ['x']\n", "per-file-ignores: expected a table"),
    ("[per-file-ignores]\n'a.md' = ['E501']\n", "per-file-ignores 'a.md': unknown code 'E501'"),
    ("log-base = \n", "not valid TOML"),
])
def test_a_bad_file_is_one_line_naming_it_and_the_key(
    tmp_path: Path, text: str, message: str
) -> None:
    settings = write(tmp_path, "derivetex.toml", text)
    post = write(tmp_path, "post.md", SLIPS)
    code, out, err = verify(str(post))
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and err.startswith(f"derivetex: error: {settings}: ")
    assert message in err


def test_settings_are_frozen_and_relative_to_their_file(tmp_path: Path) -> None:
    path = write(tmp_path, "site/pyproject.toml",
                 "[tool.derivetex]\npreamble = ['tex/macros.tex']\nflavor = 'qiita'\n")
    settings = load(path)
    assert settings.preamble == (tmp_path / "site" / "tex" / "macros.tex",)
    assert settings.flavor == "qiita" and settings.root == tmp_path / "site"
    with pytest.raises(dataclasses.FrozenInstanceError):
        settings.flavor = "katex"  # type: ignore[misc]
    assert Settings().overridden(flavor=None, select=("DT1",)).select == ("DT1",)


def test_a_settings_file_created_edited_or_removed_is_seen_on_the_next_lookup(
    tmp_path: Path,
) -> None:
    """What a long-running process (the language server) relies on: no lookup is kept past
    a change of the file it read."""
    post = write(tmp_path, "posts/coding.md", BITS)
    write(tmp_path, "pyproject.toml", "[tool.derivetex]\nlog-base = 2\n")
    assert settings_for(post).log_base == "2"
    nearer = write(tmp_path, "posts/derivetex.toml", "log-base = 'e'\n")
    assert settings_for(post).log_base == "e"
    nearer.write_text("log-base = 2\n", encoding="utf-8")  # same folder, new content
    assert settings_for(post).log_base == "2" and settings_for(post).source == nearer
    nearer.write_text("log-base = 10\n", encoding="utf-8")  # sizes differ: a clock tick is coarse
    with pytest.raises(InputError, match="log-base: 10 is not one of e, 2"):
        settings_for(post)
    nearer.unlink()
    assert settings_for(post).source == tmp_path / "pyproject.toml"
