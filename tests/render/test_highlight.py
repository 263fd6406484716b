"""--highlight: the marked documents render in the real gates (KaTeX strict, MathJax 3,
LuaLaTeX), taking the marks out gives back the plain document byte for byte, and the
``changed`` terms are sub-terms of the rows that, put in, give the step's row."""

from __future__ import annotations

import json
import re
from functools import cache

import pytest
import sympy as sp

import derivetex
from derivetex.cli import main
from derivetex.engine.changes import changes
from derivetex.engine.inference import same_form
from derivetex.engine.strategies import everywhere
from derivetex.render.highlight import PALETTE, TEX_PREAMBLE
from derivetex.render.pdf import compile_tex
from derivetex.render.printer import article_latex
from derivetex.render.spec_printer import spec_latex
from derivetex.tools.lualatex import pdf_text
from derivetex.tools.mathcheck import check_math, math_blocks_from_markdown
from derivetex.tools.requirements import require_tool

NAMES = ("multiclass", "sigmoid-derivative", "mse-gradient", "bernoulli-mle",
         "softmax-jacobian", "cross-entropy-kl")
"""The article layout, calculus, a fill, an MLE's last step, a Jacobian, a KL sum."""
CASES = [(name, lang) for name in NAMES for lang in ("ja", "en")]
IDS = [f"{name}-{lang}" for name, lang in CASES]
MARK = re.compile(r"\\textcolor\{[^{}]*\}\{\\underline\{")


@cache
def document(name: str, lang: str, highlight: bool) -> derivetex.Document:
    return derivetex.derive(derivation=name, lang=lang, highlight=highlight)


def unmarked(text: str) -> str:
    """``text`` with every ``\\textcolor{c}{\\underline{X}}`` replaced by X (nested too)."""
    while (match := MARK.search(text)) is not None:
        depth, end = 2, match.end()
        while depth:
            depth += {"{": 1, "}": -1}.get(text[end], 0)
            end += 1
        inner = text[match.end():end - 2]
        text = text[:match.start()] + inner + text[end:]
    return text


def test_unmarked_takes_out_nested_marks_only():
    marked = r"a + \textcolor{#D55E00}{\underline{\frac{1}{\textcolor{x}{\underline{b}}}}} + c"
    assert unmarked(marked) == r"a + \frac{1}{b} + c"
    assert unmarked(r"\textcolor{red}{x}") == r"\textcolor{red}{x}"


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize("fmt", ["md", "tex", "html"])
def test_taking_the_marks_out_gives_the_plain_document(case, fmt):
    marked = str(document(*case, True).render(fmt))
    plain = str(document(*case, False).render(fmt))
    assert MARK.search(marked), "nothing was highlighted"
    assert MARK.search(plain) is None
    if fmt == "tex":
        assert TEX_PREAMBLE in marked and "xcolor" not in plain
        marked = marked.replace(TEX_PREAMBLE, "")
    assert unmarked(marked) == plain


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_every_mark_has_a_cue_besides_colour_and_a_palette_colour(case):
    text = document(*case, True).to_markdown()
    colours = re.findall(r"\\textcolor\{([^{}]*)\}\{(\\?[a-z]*)", text)
    assert colours
    assert {c for c, _ in colours} <= {f"#{hex}" for hex in PALETTE.values()}
    assert {cue for _, cue in colours} == {r"\underline"}


def test_the_json_gives_changed_only_when_asked():
    marked = document("multiclass", "en", True).to_data()
    plain = document("multiclass", "en", False).to_data()
    assert all("changed" not in step for step in plain["steps"])
    assert all("changed" in step for step in marked["steps"])
    for step in marked["steps"]:
        del step["changed"]
    assert marked == plain


@pytest.mark.parametrize("name", NAMES)
def test_changed_terms_are_sub_terms_that_give_the_row(name):
    derivation = document(name, "en", True).derivation
    data = document(name, "en", True).to_data()["steps"]
    latex = article_latex if derivation.spec is None else spec_latex
    replayed = 0
    for step, shown in zip(derivation.steps, data, strict=True):
        found = changes(step)
        assert shown["changed"] == [
            {"before": [latex(t) for t in c.before], "after": [latex(t) for t in c.after],
             "found": c.found} for c in found]
        for change in found:
            assert all(any(t == n for n in sp.preorder_traversal(step.before))
                       for t in change.before)
            assert all(any(t == n for n in sp.preorder_traversal(step.after))
                       for t in change.after)
        one_to_one = [c for c in found if c.found == "rule" and len(c.before) == 1
                      and len(c.after) == 1]
        if found and len(one_to_one) == len(found) and not step.params.get("backwards"):
            mapping = {c.before[0]: c.after[0] for c in found}
            put_in = everywhere(lambda node, m=mapping: m.get(node, node), step.before)
            assert same_form(put_in, step.after), (step.rule.name, put_in, step.after)
            replayed += 1
    assert replayed >= 3


def test_a_step_of_the_article_marks_what_log_power_rewrote():
    derivation = document("multiclass", "en", True).derivation
    step = next(s for s in derivation.steps if s.rule.name == "log_power")
    found = changes(step)
    assert [str(c.before[0]) for c in found] == [
        "log(y[1]**t[1])", "log(y[2]**t[2])", "log(y[3]**t[3])"]
    for change in found:  # log a^b became b log a, term by term
        (power,) = change.before[0].args
        assert same_form(change.after[0], power.exp * sp.log(power.base))


@pytest.fixture(scope="module")
def verdicts():
    require_tool("renderers")
    blocks = {case: math_blocks_from_markdown(document(*case, True).to_markdown(), f"{case} ")
              for case in CASES}
    results = {r.id: r for r in check_math([b for doc in blocks.values() for b in doc])}
    return {case: [results[b.id] for b in doc] for case, doc in blocks.items()}


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_highlighted_formulas_render_in_katex_and_mathjax(verdicts, case):
    assert [r.describe() for r in verdicts[case] if not r.ok] == []


@pytest.mark.parametrize("case", [("multiclass", "ja"), ("sigmoid-derivative", "en"),
                                  ("bernoulli-mle", "ja")], ids=["multiclass-ja",
                                                                 "sigmoid-en", "bernoulli-ja"])
def test_highlighted_tex_compiles_in_lualatex(case, tmp_path):
    require_tool("lualatex")
    require_tool("pdftotext")
    glyphs = []
    for highlight in (True, False):  # colour and underlines add no glyph (they move lines)
        pdf = tmp_path / f"document-{highlight}.pdf"
        pdf.write_bytes(compile_tex(document(*case, highlight).to_latex()))
        glyphs.append(sorted(ch for ch in pdf_text(pdf) if not ch.isspace()))
    assert glyphs[0] == glyphs[1]
    assert len(glyphs[0]) > 200


def test_the_command_line_highlights(capsys):
    assert main(["derive", "sigmoid-derivative", "--highlight", "--format", "json",
                 "-o", "-"]) == 0
    steps = json.loads(capsys.readouterr().out)["steps"]
    assert any(step["changed"] for step in steps)
