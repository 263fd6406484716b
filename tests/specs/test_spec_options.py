"""The usual options on shipped specs: batch takes tables of values separated by `/` and
`--N N|K` like `--K`; JSON `values` holds `E` and `E_mean`; bad combinations are refused."""

from __future__ import annotations

import json
import math

import pytest

from derivetex.cli import main

Y = ["0.5", "0.5", "/", "0.2", "0.8", "/", "0.9", "0.1"]
T = ["1", "0", "/", "0", "1", "/", "1", "0"]


def _json(capsys, *args: str) -> dict:
    assert main(["derive", *args, "--format", "json", "-o", "-"]) == 0
    return json.loads(capsys.readouterr().out)


def test_batch_takes_rows_separated_by_slashes(capsys):
    data = _json(capsys, "batch", "--y", *Y, "--t", *T)
    expected = -(math.log(0.5) + math.log(0.8) + math.log(0.9))
    assert data["values"]["E"] == pytest.approx(expected, rel=1e-12)
    assert data["values"]["E_mean"] == pytest.approx(expected / 3, rel=1e-12)


def test_batch_default_is_the_two_sample_example(capsys):
    values = _json(capsys, "batch")["values"]
    assert values["E"] == pytest.approx(-(math.log(0.33) + math.log(0.7)), rel=1e-12)
    assert set(values) == {"E", "E_mean"}


def test_the_letter_asks_for_the_general_derivation(capsys):
    data = _json(capsys, "batch", "--N", "N")
    assert data["values"] == {}
    assert {step["chain"] for step in data["steps"]} == {"log_likelihood", "cross_entropy", "mean"}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["batch", "--N", "2", "--y", *Y, "--t", *T], "--y has 3 rows but --N is 2"),
        (["batch", "--y", "0.5", "0.5", "/", "0.2", "--t", *T], "needs the same number"),
        (["batch", "--y", *Y], "--y and --t go together"),
        (["batch", "--N", "0"], "--N must be an integer from 1 to 1000 or N"),
        (["multiclass", "--N", "3"], "--N does not apply to 'multiclass'"),
        (["gaussian-mse", "--K", "3"], "--K does not apply to the spec 'gaussian-mse'"),
        (["batch", "--N", "N", "--y", *Y, "--t", *T], "general derivation"),
    ],
    ids=["rows-vs-N", "ragged", "y-without-t", "N-zero", "N-multiclass", "K-gaussian",
         "letter-and-values"],
)
def test_bad_options_are_one_line_and_exit_2(capsys, tmp_path, args, message):
    assert main(["derive", *args, "-o", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1
    assert not (tmp_path / "out").exists()


def test_a_list_of_values_sets_the_size_and_a_size_needs_its_values(capsys, tmp_path):
    values = _json(capsys, "categorical", "--y", "0.5", "0.5", "--t", "1", "0")["values"]
    assert values["E"] == pytest.approx(math.log(2), rel=1e-12)
    assert main(["derive", "categorical", "--K", "2", "-o", str(tmp_path / "o")]) == 2
    assert "the example's y has 6 values but --K 2 ask for 2" in capsys.readouterr().err
    assert main(["derive", "gaussian-mse", "--N", "5", "-o", str(tmp_path / "o")]) == 2
    assert "the example's x has 3 values but --N 5 ask for 5" in capsys.readouterr().err
