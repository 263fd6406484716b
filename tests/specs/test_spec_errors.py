"""Specs are user input: a wrong row, a malformed file and hostile text are refused or escaped,
each with one line on stderr, exit 2 and no files written."""

from __future__ import annotations

from pathlib import Path

import pytest

import derivetex
from derivetex.cli import main
from derivetex.specs import SpecError, load_spec

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = (ROOT / "examples" / "poisson.toml").read_text(encoding="utf-8")
ROW4 = r"'\sum_{i=1}^{N} (x_{i} \log \lambda - \lambda - \log x_{i}!)',"


def _run(tmp_path: Path, text: str, capsys) -> tuple[int, str, Path]:
    spec = tmp_path / "spec.toml"
    spec.write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    code = main(["derive", "--spec", str(spec), "-o", str(out)])
    return code, capsys.readouterr().err, out


def test_a_wrong_row_is_refused_naming_the_file_the_row_and_what_was_computed(tmp_path, capsys):
    wrong = ROW4.replace(r"- \lambda -", r"+ \lambda -")
    code, err, out = _run(tmp_path, EXAMPLE.replace(ROW4, wrong), capsys)
    assert code == 2 and not out.exists()
    assert err.count("\n") == 1 and "Traceback" not in err
    assert "spec.toml:25: chains[1].rows[4] (row 4): does not follow" in err
    computed = r"\sum_{i=1}^{N} (x_{i} \log \lambda - \log x_{i}! - \lambda)"
    assert err.endswith(f"derivetex computed {computed}\n")


def test_a_named_rule_that_does_not_give_the_row_is_refused(tmp_path, capsys):
    named = ROW4.replace("'", "{ latex = '", 1).replace("',", "', rule = \"log_quotient\" },")
    code, err, _ = _run(tmp_path, EXAMPLE.replace(ROW4, named), capsys)
    assert code == 2
    assert "chains[1].rows[4] (row 4): rule 'log_quotient' does not apply" in err


def test_a_true_row_no_rule_explains_is_refused(tmp_path, capsys):
    # Row 3 skipped: true, but no sequence of at most 3 registered rules writes it so.
    row3 = r"'\sum_{i=1}^{N} (\log \lambda^{x_{i}} + \log e^{-\lambda} - \log x_{i}!)',"
    skipped = EXAMPLE.replace(row3, "").replace(
        ROW4, r"'\sum_{i=1}^{N} (x_{i} \log \lambda - \lambda - \log x_{i}!) + 0',")
    code, err, _ = _run(tmp_path, skipped.replace(
        r"'\sum_{i=1}^{N} \log \frac{\lambda^{x_{i}} e^{-\lambda}}{x_{i}!}',", ""), capsys)
    assert code == 2
    assert "no registered rule" in err


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("name = 'x'\nchains = [", "malformed TOML: "),
        ("name = 'x'\ncolour = 1\nchains = []", ": colour: unknown key"),
        ("title = 'T'\nchains = []", ": name: is required"),
        ("name = 'Bad Name'\ntitle='T'\nchains = [{name='a', lhs='x', rows=['x']}]", "name:"),
        ("name = 'a'\ntitle='T'\nchains = [{name='a', lhs='x', rows=[{why='w'}]}]",
         "chains[1].rows[1]: a row needs latex, a rule, or both"),
        ("name = 'a'\ntitle='T'\nchains = [{name='a', lhs='x', rows=[{rule='nope'}]}]",
         "chains[1].rows[1].rule: unknown rule 'nope'"),
        ("name = 'a'\ntitle='T'\nchains = [{name='a', lhs='x', rows=['\\\\frac{']}]",
         "chains[1].rows[1].latex: cannot read"),
        ("name = 'a'\ntitle='T'\n[symbols]\nx = { positive = 'yes' }\n"
         "[[chains]]\nname='a'\nlhs='x'\nrows=['x']", "symbols.x.positive: must be true or false"),
    ],
    ids=["toml-line", "unknown-key", "missing-name", "bad-name", "empty-row", "unknown-rule",
         "unreadable-latex", "bad-assumption"],
)
def test_a_malformed_spec_names_the_key_or_line(tmp_path, capsys, text, message):
    code, err, out = _run(tmp_path, text, capsys)
    assert code == 2 and not out.exists()
    assert message in err and err.count("\n") == 1


def test_the_toml_error_names_the_line():
    with pytest.raises(SpecError, match=r"at line 2"):
        load_spec("name = 'x'\nchains = [1,,]\n")


HOSTILE = [r"\input{/etc/passwd}", "((( 7*7 )))", "</script><script>alert(1)</script>", "{{ 7*7 }}"]


ESCAPED = {
    "tex": {r"\input{/etc/passwd}": r"\textbackslash{}input\{/etc/passwd\}",
            "((( 7*7 )))": "((( 7*7 )))"},
    "md": {r"\input{/etc/passwd}": r"<span>\\</span>input\{/etc/passwd\}",
           "((( 7*7 )))": r"&#40;&#40;&#40; 7\*7 &#41;&#41;&#41;",  # no \( for MathJax
           "</script><script>alert(1)</script>":
           r"&lt;/script&gt;&lt;script&gt;alert&#40;1&#41;&lt;/script&gt;"},
    "html": {r"\input{/etc/passwd}": r"<h1><span>\</span>input{/etc/passwd}</h1>",
             "</script><script>alert(1)</script>":
             "<h1>&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;</h1>"},
}


@pytest.mark.parametrize("hostile", HOSTILE)
def test_prose_cannot_inject_latex_html_or_template_code(hostile):
    import tomllib

    data = tomllib.loads(EXAMPLE)
    data["title"] = {"ja": hostile, "en": hostile}
    data["chains"][0]["lead"] = {"ja": hostile, "en": hostile}
    document = derivetex.derive(spec=data, lang="en")
    for fmt, expected in ESCAPED.items():
        text = str(document.render(fmt))
        if hostile in expected:
            assert expected[hostile] in text
        if fmt != "html":  # the page's vendored KaTeX and CSS hold the digits 49
            assert "49" not in text
    page = str(document.render("html")).replace(_katex(), "")
    assert "<script>alert" not in page
    assert r"\input{" not in document.to_latex()


def _katex() -> str:
    from derivetex.render.html import vendored_katex

    return vendored_katex()[1]


def test_math_in_prose_is_read_and_reprinted_never_pasted(tmp_path, capsys):
    hostile = EXAMPLE.replace("尤度 $L$ の対数", r"$\\input{/etc/passwd}$ 尤度 $L$ の対数")
    code, err, _ = _run(tmp_path, hostile, capsys)
    assert code == 2 and "cannot read the math" in err


def test_options_that_belong_to_multiclass_are_refused_with_a_spec(tmp_path, capsys):
    spec = tmp_path / "spec.toml"
    spec.write_text(EXAMPLE, encoding="utf-8")
    code = main(["derive", "--spec", str(spec), "--K", "3", "-o", str(tmp_path / "o")])
    assert code == 2
    assert "--K does not apply to the spec 'poisson'" in capsys.readouterr().err
    code = main(["derive", "--spec", str(spec), "--log-base", "2", "-o", str(tmp_path / "o")])
    assert code == 2
    assert "--log-base cannot be used with the spec 'poisson'" in capsys.readouterr().err
