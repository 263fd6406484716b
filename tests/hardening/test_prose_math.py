r"""Text inside a spec's math is text: a text command's argument is characters, escaped for the
format; a control sequence in it, or in any name a row or symbol keeps, is a known symbol or
refused with one line naming the field (exit 2, nothing written)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from derivetex.cli import main
from derivetex.specs.safe_latex import text_arguments, unsafe_piece

SPEC = """\
spec = 1
name = "prose"
title = "{title}"
intro = "{intro}"

[symbols]
x = {{ positive = true, legend = "{legend}" }}

[[chains]]
name = "c"
lhs = 'x'
lead = "{lead}"
note = "{note}"
rows = [ {{ latex = 'x + 0', why = "{why}" }}, 'x' ]
"""
FIELDS = ("title", "intro", "lead", "note", "why")
NAMED = {"title": "title", "intro": "intro", "lead": "chains[1].lead",
         "note": "chains[1].note", "why": "chains[1].rows[1].why"}
ATTACKS = {
    "input": r"$\\text{\\input{/etc/passwd}}$",
    "directlua": r"$\\mathrm{\\directlua{io.open('/tmp/derivetex-owned','w')}}$",
    "openout": r"$\\operatorname{\\immediate\\openout1=owned.tex}$",
    "write": r"$\\textbf{\\write18{touch owned}}$",
    "catcode": r"$\\mbox{\\catcode`\\@=0}$",
    "texttt": r"$\\texttt{\\def\\x{1}}$",
}


def _spec(tmp_path: Path, **fields: str) -> Path:
    values = {field: "words" for field in FIELDS} | {"legend": "a count"} | fields
    path = tmp_path / "prose.toml"
    path.write_text(SPEC.format(**values), encoding="utf-8")
    return path


def _derive(tmp_path: Path, spec: Path, capsys, fmt: str = "tex") -> tuple[int, str, Path]:
    out = tmp_path / "out"
    code = main(["derive", "--spec", str(spec), "--format", fmt, "-o", str(out)])
    return code, capsys.readouterr().err, out


@pytest.mark.parametrize("attack", sorted(ATTACKS))
@pytest.mark.parametrize("field", FIELDS)
def test_a_command_inside_text_in_any_prose_field_is_refused_naming_it(
    tmp_path, capsys, field, attack
):
    code, err, out = _derive(tmp_path, _spec(tmp_path, **{field: ATTACKS[attack]}), capsys)
    assert code == 2 and not out.exists()
    assert err.count("\n") == 1 and "Traceback" not in err
    assert f"prose.toml: {NAMED[field]}: " in err and "is not allowed" in err


@pytest.mark.parametrize(
    "name",
    [r"\\mathrm{\\input{/etc/passwd}}", r"\\hat{\\directlua{os.exit()}}", r"\\tilde{\\catcode}",
     r"z_{\\openin}"],
)
def test_a_row_keeping_an_unknown_command_in_a_name_is_refused(tmp_path, capsys, name):
    spec = _spec(tmp_path)
    spec.write_text(spec.read_text().replace("lhs = 'x'", f'lhs = "x + {name}"').replace(
        "latex = 'x + 0'", f'latex = "x + {name}"').replace("'x' ]", f'"{name} + x" ]'))
    code, err, out = _derive(tmp_path, spec, capsys)
    assert code == 2 and not out.exists()
    assert "chains[1].lhs: " in err and "is not allowed in a name" in err


def test_a_symbol_latex_with_an_unknown_command_is_refused(tmp_path, capsys):
    spec = _spec(tmp_path)
    spec.write_text(spec.read_text().replace(
        "positive = true,", r'positive = true, latex = "\\hat{\\input{/etc/passwd}}",'))
    code, err, _ = _derive(tmp_path, spec, capsys)
    assert code == 2 and "symbols.x.latex: \\input is not allowed in a name" in err


def test_special_characters_in_text_are_escaped_for_latex(tmp_path, capsys):
    spec = _spec(tmp_path, intro=r"$\\text{50% & #1 ~ a_b}$ of $N$")
    code, err, out = _derive(tmp_path, spec, capsys)
    assert code == 0, err
    tex = (out / "prose.ja.tex").read_text(encoding="utf-8")
    assert r"\mathrm{50\%\&\#1a\_b}" in tex
    assert "50%" not in tex and " #1" not in tex


def test_angle_brackets_in_text_are_tex_names_on_the_web(tmp_path, capsys):
    spec = _spec(tmp_path, title=r"$\\text{<script>}$", why="a <b> & c",
                 legend="<script>alert(1)</script>")
    code, err, out = _derive(tmp_path, spec, capsys, "md")
    assert code == 0, err
    md = (out / "prose.ja.md").read_text(encoding="utf-8")
    assert "<" not in md and ">" not in md.replace("-->", "")
    assert r"{\lt}\text{script}{\gt}\text{alert(1)}" in md
    assert r"\text{a }{\lt}\text{b}{\gt}\text{ \& c}" in md


def test_ordinary_prose_math_is_printed_as_before():
    """Not for this gate: letters, Greek, known words and the upright d pass unchanged."""
    for math in (r"\operatorname{softmax}(x)", r"\mathrm{d}x", r"\lambda + \mu",
                 r"\text{KL}(p \| q)", r"\mathrm{a\,b}"):
        assert text_arguments(math, True, "intro") == math
        assert unsafe_piece(math) is None


@pytest.mark.parametrize(
    ("name", "piece"),
    [(r"\mathrm{\input{a}}", r"\input"), ("a%b", "%"), ("x^^5c", "^^"), (r"\hat{x", "{"),
     ("a$b", "$"), (r"a\\b", r"\\"), (r"\csname", r"\csname")],
)
def test_an_unsafe_piece_is_named(name, piece):
    assert unsafe_piece(name) == piece


LIQUID = {"title": "T {{ site.title }}", "intro": "a {% include x.html %} b", "lead": "{{lead}}",
          "note": "{%note%}", "why": "{{ why }} {% if %}", "legend": "{{ page.x }} {% raw %}"}


def _liquid_markdown(tmp_path, capsys) -> str:
    code, err, out = _derive(tmp_path, _spec(tmp_path, **LIQUID), capsys, "md")
    assert code == 0, err
    return (out / "prose.ja.md").read_text(encoding="utf-8")


def test_liquid_output_tags_in_prose_never_reach_the_markdown(tmp_path, capsys):
    """Jekyll and other Liquid sites run ``{{ … }}`` before Markdown: a spec's prose, legends
    and justifications keep their braces as ``\\{``, so no ``{{`` and no ``%}`` is written."""
    md = _liquid_markdown(tmp_path, capsys)
    assert "{{" not in md and "%}" not in md
    assert r"\{\{ site.title \}\}" in md and r"\{\{ page.x \}\}" in md


def test_liquid_tag_openers_in_prose_never_reach_the_markdown(tmp_path, capsys):
    """``\\{%`` would still hold Liquid's ``{%`` (Liquid knows no backslash): after a ``{`` the
    ``%`` and ``#`` are escaped too (all of a post's pairs: ``hardening/test_liquid.py``)."""
    md = _liquid_markdown(tmp_path, capsys)
    assert "{%" not in md and "{#" not in md
    assert r"a \{\% include x.html %\} b" in md


@pytest.mark.parametrize("flavor", ["katex", "mathjax", "qiita", "github"])
def test_lt_gt_and_amp_inside_text_of_markdown_math_are_escaped_in_every_field(
    tmp_path, capsys, flavor
):
    """In Markdown math ``<`` ``>`` are ``{\\lt}`` ``{\\gt}`` and ``&`` is ``\\&``, inside a
    text argument of every prose field, a justification's words and a legend: no tag reaches
    the page, and every other ``&`` is the alignment of ``aligned``."""
    math = r"$\\text{<b>&amp;</b>}$"
    spec = _spec(tmp_path, **{field: f"w {math}" for field in FIELDS}, legend="<b>&amp;</b>")
    spec.write_text(spec.read_text().replace(f'why = "w {math}"', f'why = "w <i> & {math}"'))
    out = tmp_path / "out"
    code = main(["derive", "--spec", str(spec), "--format", "md", "--flavor", flavor,
                 "-o", str(out)])
    assert code == 0, capsys.readouterr().err
    md = (out / "prose.ja.md").read_text(encoding="utf-8")
    assert "<" not in md and ">" not in md
    assert md.count(r"{\lt}b{\gt}\&amp;{\lt}/b{\gt}") == len(FIELDS)
    assert r"\text{w }{\lt}\text{i}{\gt}\text{ \& }" in md  # a justification's words
    assert r"&x: {\lt}\text{b}{\gt}\text{\&amp;}{\lt}\text{/b}{\gt}" in md  # the legend
    assert re.findall(r"(?<!\\)&(?!= |\\qquad |x: )", md) == []


def test_a_function_applied_in_prose_math_is_printed_as_written(tmp_path, capsys):
    """``\\operatorname{f}(x)``, ``g(x)``, ``p(y \\mid x)`` in prose: the reader names them
    ``f(`` and ``p(|``; the printer writes the name and its brackets once, and both
    renderers take the result."""
    from derivetex.render.math_blocks import math_blocks_from_markdown
    from derivetex.tools.mathcheck import check_math

    intro = r"$\\operatorname{f}(x) = g(x)$ and $p(y \\mid x)$ and $\\phi(x, y)$"
    code, err, out = _derive(tmp_path, _spec(tmp_path, intro=intro), capsys, "md")
    assert code == 0, err
    (md,) = out.glob("*.md")
    text = md.read_text(encoding="utf-8")
    assert r"f\left(x\right) = g\left(x\right)" in text
    assert r"p\left(y \mid x\right)" in text and r"\phi\left(x, y\right)" in text
    assert "f(}" not in text and "(," not in text
    blocks = [b for b in math_blocks_from_markdown(text) if "left(" in b.tex]
    assert blocks and all(result.ok for result in check_math(blocks)), blocks
