"""Spec files are read as verify reads documents: a regular file only, a bounded read, and the
TOML's shape checked before tomllib, so a device, a FIFO or a dotted-key bomb is one line and
exit 2 in little time and memory, from ``--spec`` and from a post's ``spec:`` line alike."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from tests.hardening.helpers import cli, one_line_error

from derivetex.specs import SpecError, load_spec
from derivetex.specs.loader import _check_shape

ROOT = Path(__file__).resolve().parents[2]
POISSON = ROOT / "examples" / "poisson.toml"


def _fifo(tmp_path: Path) -> Path:
    fifo = tmp_path / "spec.toml"
    os.mkfifo(fifo)
    return fifo


@pytest.mark.parametrize("special", ["/dev/zero", "fifo"])
def test_a_special_file_as_spec_is_refused_at_once(tmp_path, special):
    path = str(_fifo(tmp_path)) if special == "fifo" else special
    run = cli("derive", "--spec", path, "-o", str(tmp_path / "out"), cwd=tmp_path, timeout=60)
    assert run.returncode == 2 and "not a regular file" in one_line_error(run)
    assert run.seconds < 30 and not (tmp_path / "out").exists()


@pytest.mark.parametrize("special", ["/dev/zero", "fifo"])
def test_a_posts_spec_line_naming_a_special_file_is_refused(tmp_path, special):
    target = "spec.toml" if special == "fifo" else special
    if special == "fifo":
        _fifo(tmp_path)
    post = tmp_path / "post.md"
    post.write_text(f"# Post\n\n```derivetex\nspec: {target}\n```\n", encoding="utf-8")
    run = cli("render", str(post), cwd=tmp_path, timeout=60)
    assert run.returncode == 2 and "not a regular file" in one_line_error(run)
    assert post.read_text(encoding="utf-8").endswith("```\n")  # unchanged


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        (".".join(["k"] * 20_000) + " = 1\n", "longer than 4096"),
        (".".join(["k"] * 1_000) + " = 1\n", "a key of more than 16 dotted parts"),
        ("[" + ".".join(["t"] * 100) + "]\n", "a key of more than 16 dotted parts"),
        ("a = " + "[" * 2_000 + "]" * 2_000 + "\n", "nested more than 32 deep"),
    ],
)
def test_a_toml_bomb_is_refused_before_tomllib_in_little_memory(tmp_path, text, problem):
    spec = tmp_path / "bomb.toml"
    spec.write_text(f'spec = 1\nname = "bomb"\n{text}', encoding="utf-8")
    run = cli("derive", "--spec", str(spec), "-o", str(tmp_path / "out"), cwd=tmp_path)
    assert run.returncode == 2 and problem in one_line_error(run)
    assert run.peak_kb < 300 * 1024 and run.seconds < 30


def test_the_shape_of_real_specs_passes():
    """Not for this gate: every shipped spec, and decimals and dots in prose and arrays."""
    for spec in [POISSON, *(ROOT / "src" / "derivetex" / "specs" / "derivations").glob("*.toml")]:
        _check_shape(spec.read_text(encoding="utf-8"), str(spec))
    _check_shape('rows = [\n  "0.1 + 0.2 + 0.3 + 0.4 + 0.5 + 0.6 + 0.7 + 0.8 + 0.9 + 1.1 + 1.2 '
                 '+ 1.3 + 1.4 + 1.5 + 1.6 + 1.7 + 1.8",\n]\nintro = """a. b. c. d. e. f. g. h. i.'
                 ' j. k. l. m. n. o. p. q. r."""\na.b.c = 1\n', "inline")


@pytest.mark.parametrize("name", ["evil\n", "poisson\n", "a\nb"])
def test_a_spec_name_is_matched_whole(name):
    text = POISSON.read_text(encoding="utf-8").replace('name = "poisson"', f"name = {name!r}"
                                                       .replace("'", '"'))
    with pytest.raises(SpecError, match="name: .* must be lower-case"):
        load_spec(text)


def test_a_spec_over_a_mebibyte_is_refused_without_reading_it_all(tmp_path):
    spec = tmp_path / "big.toml"
    spec.write_text(POISSON.read_text(encoding="utf-8") + "# padding\n" * 120_000,
                    encoding="utf-8")
    assert spec.stat().st_size > 1 << 20
    run = cli("derive", "--spec", str(spec), "-o", str(tmp_path / "out"), cwd=tmp_path)
    assert run.returncode == 2 and "larger than the limit of 1048576 bytes" in one_line_error(run)
    assert not (tmp_path / "out").exists()
