r"""Posts go to sites that run a template engine over the Markdown before it is Markdown:
Jekyll's Liquid (``{{ … }}``, ``{% … %}``), Hugo's shortcodes (``{{< … >}}``), Eleventy's
Nunjucks and MkDocs' macros (Jinja, also ``{# … #}``). Each reads from an opening pair through
its closing one, so derivetex's Markdown, in every flavor, holds no ``{{``, ``{%`` or ``{#``:
user words write ``\{\%``, math gets a space between the braces (``\hat{ {y}}``), and the
formulas still render, the same in KaTeX and MathJax (``render/environment.py``,
``neutral_openers``). A closing pair alone (the ``}}`` of ``\frac{1}{\sqrt{2}}``) is text to
them all. Only ``--highlight``'s colour argument ``\textcolor{#0072B2}`` keeps its ``{#``."""

from __future__ import annotations

import json
import re
import subprocess
from functools import cache
from pathlib import Path

import pytest
from tests.render.variants import hostile_document

import derivetex
from derivetex.api import series_parts
from derivetex.cli import main
from derivetex.posts.command import run_render
from derivetex.render.environment import escape_md, escape_md_prose, neutral_openers
from derivetex.render.flavors import FLAVORS, apply_flavor
from derivetex.render.series import render_series
from derivetex.specs.safe_latex import text_arguments
from derivetex.specs.shipped import SERIES
from derivetex.tools.flavorcheck import flavor_math
from derivetex.tools.mathcheck import check_math
from derivetex.tools.requirements import RENDERERS_DIR, find_tool, require_tool

OPENER = re.compile(r"\{[{%#]")
KATEX_HTML = re.compile(r'<span class="katex-html".*', re.DOTALL)
ANNOTATION = re.compile(r'<annotation encoding="application/x-tex">.*?</annotation>', re.DOTALL)
PAIRS = "{% include x %} {{ site.x }} {# c #}"
HOSTILE = PAIRS + r" $\\mathrm{{7}{\\%}}$"
MATH = r"$\\hat{{y}} + y^{{(t)}} + \\text{{a}{b}} + \\mbox{{{c}}}$"
"""Math whose names keep ``{{``: the reader keeps a decoration's argument as written."""
SPEC = """\
spec = 1
name = "liquid"
title = "T {hostile}"
intro = "I {hostile} {math}"

[symbols]
x = {{ positive = true, legend = "{pairs}" }}
y = {{ legend = "{pairs}" }}

[[chains]]
name = "c"
lhs = 'x'
lead = "L {hostile}"
note = "N {hostile} {math}"
rows = [ {{ latex = 'x + 0', why = "{hostile} {math}" }}, 'x' ]
"""
LABELS = ["{% include x %}", "{{ site.x }}", "{# c #}", "{{<sc>}}", "{%raw%}"]


def _spec(folder: Path) -> Path:
    path = folder / "liquid.toml"
    path.write_text(SPEC.format(hostile=HOSTILE, math=MATH, pairs=PAIRS), encoding="utf-8")
    return path


@cache
def _hostile_markdown(folder: str, flavor: str, lang: str) -> str:
    out = Path(folder) / f"out-{flavor}"
    code = main(["derive", "--spec", str(_spec(Path(folder))), "--format", "md",
                 "--flavor", flavor, "--lang", lang, "-o", str(out)])
    assert code == 0
    return (out / f"liquid.{lang}.md").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> str:
    return str(tmp_path_factory.mktemp("liquid"))


@pytest.mark.parametrize("lang", ["ja", "en"])
@pytest.mark.parametrize("flavor", sorted(FLAVORS))
def test_no_opening_pair_from_any_prose_field_in_any_flavor(folder, flavor, lang):
    md = _hostile_markdown(folder, flavor, lang)
    assert OPENER.findall(md) == []
    for words in ("T ", "I ", "L ", "N "):  # every field is there, its words as written
        assert words + r"\{\% include x %\} \{\{ site.x \}\} \{\# c #\}" in md
    assert r"\text{\{\% include x \%\} \{\{ site.x \}\} \{\# c \#\}" in md  # why, legend


@pytest.mark.parametrize("flavor", sorted(FLAVORS))
def test_the_math_of_those_fields_renders_in_its_platforms_renderers(folder, flavor):
    require_tool("renderers")
    md = _hostile_markdown(folder, flavor, "en")
    blocks = flavor_math(md, flavor, f"{flavor} ")
    assert sum(r"\mathrm{7{\%}}" in b.tex for b in blocks) >= 5  # title, intro, lead, note, why
    assert any(r"\hat{ {y}}" in b.tex for b in blocks), "the kept name holds its braces"
    assert [r.describe() for r in check_math(blocks) if not r.ok] == []


def _katex_and_mathml(formulas: list[str], html: bool = True) -> list[list[str]]:
    """Each formula as KaTeX (strict) writes it (its HTML and MathML, or its MathML only) and
    as MathJax 3 reads it (MathML), but for the source KaTeX keeps in an annotation."""
    script = """
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
const require = createRequire(process.argv[1] + "/x.js");
const katex = require("katex");
const { mathjax } = require("mathjax-full/js/mathjax.js");
const { TeX } = require("mathjax-full/js/input/tex.js");
const { CHTML } = require("mathjax-full/js/output/chtml.js");
const { liteAdaptor } = require("mathjax-full/js/adaptors/liteAdaptor.js");
const { RegisterHTMLHandler } = require("mathjax-full/js/handlers/html.js");
const { AllPackages } = require("mathjax-full/js/input/tex/AllPackages.js");
const { STATE } = require("mathjax-full/js/core/MathItem.js");
const { SerializedMmlVisitor } = require("mathjax-full/js/core/MmlTree/SerializedMmlVisitor.js");
RegisterHTMLHandler(liteAdaptor());
const tex = new TeX({ packages: AllPackages.filter((p) => p !== "noundefined" && p !== "autoload"),
                      formatError: (_j, e) => { throw e; } });
const doc = mathjax.document("", { InputJax: tex, OutputJax: new CHTML({ fontURL: "" }) });
const mml = new SerializedMmlVisitor();
const out = JSON.parse(readFileSync(0, "utf8")).map((t) => [
  katex.renderToString(t, { strict: "error", throwOnError: true }),
  mml.visitTree(doc.convert(t, { end: STATE.COMPILED })),
]);
process.stdout.write(JSON.stringify(out));
"""
    proc = subprocess.run([find_tool("renderers"), "--input-type=module", "-e", script,
                           str(RENDERERS_DIR)], input=json.dumps(formulas).encode(),
                          capture_output=True, check=True, timeout=120)
    return [[ANNOTATION.sub("", katex if html else KATEX_HTML.sub("", katex)), mathml]
            for katex, mathml in json.loads(proc.stdout)]


def _characters(markup: str) -> str:
    return re.sub(r"<[^>]*>|\s", "", markup)


@pytest.mark.parametrize("math", [r"\hat{{y}}", r"y^{{(t)}} + x_{{1}}", r"\mathrm{{a}}",
                                  r"\frac{{1}}{{{2}}}", r"\{{x}\}", r"\sqrt{{2}}"])
def test_a_space_between_braces_renders_the_same_in_katex_and_mathjax(math):
    require_tool("renderers")
    spaced = neutral_openers(math)
    assert OPENER.search(spaced) is None and spaced.replace("{ ", "{") == math
    before, after = _katex_and_mathml([math, spaced])
    assert before == after


def test_a_text_argument_writes_no_double_brace_where_a_space_would_show():
    assert text_arguments(r"\text{{7}{\%}}", True, "f") == r"\text{7{\%}}"
    assert text_arguments(r"\mbox{{{c}}}", True, "f") == r"\text{c}"
    assert text_arguments(r"\mathrm{a{b}}", True, "f") == r"\mathrm{a{b}}"
    require_tool("renderers")
    # the same characters, in KaTeX's MathML and in MathJax's; the groups' spans and mrows go
    before, after = _katex_and_mathml([r"\text{{7}{\%}} \text{{{c}}}", r"\text{7{\%}} \text{c}"],
                                      html=False)
    assert [_characters(m) for m in before] == [_characters(m) for m in after] == ["7%c"] * 2


@pytest.mark.parametrize("escape", [escape_md, escape_md_prose])
def test_words_keep_their_characters_and_lose_the_pairs(escape):
    for text in ("{% include x %}", "{{ site.x }}", "{# c #}", "{{< sc >}}", "{{% sc %}}"):
        assert OPENER.search(escape(text)) is None
    assert escape("{%x").startswith(r"\{\%")


def test_class_labels_write_no_opening_pair_in_any_flavor():
    for flavor in FLAVORS:
        for lang in ("ja", "en"):
            md = hostile_document(lang, LABELS, flavor).to_markdown()
            assert OPENER.findall(md) == [] and r"\{\% include x %\}" in md


def test_a_post_rendered_from_the_spec_holds_no_opening_pair_of_the_spec(tmp_path):
    _spec(tmp_path)
    post = tmp_path / "post.md"
    post.write_text("```derivetex\nspec: liquid.toml\n--lang en\n```\n", encoding="utf-8")
    assert run_render([str(post)]) == 0
    assert OPENER.findall(post.read_text(encoding="utf-8")) == []


SHIPPED_CASES = [(name, lang) for name in SERIES for lang in ("ja", "en")]


@pytest.mark.parametrize(("name", "lang"), SHIPPED_CASES,
                         ids=[f"{n}-{la}" for n, la in SHIPPED_CASES])
def test_a_shipped_derivation_writes_no_opening_pair(name, lang):
    document = derivetex.derive(derivation=name, lang=lang)
    md = document.to_markdown()
    assert OPENER.findall(md) == []
    for flavor in FLAVORS:
        assert OPENER.findall(apply_flavor(md, flavor)) == []


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_the_series_writes_no_opening_pair(lang):
    md = str(render_series(series_parts(lang), lang, "md"))
    for flavor in FLAVORS:
        assert OPENER.findall(apply_flavor(md, flavor)) == []


def test_highlight_keeps_only_its_colour_arguments():
    """``\\textcolor{#0072B2}`` (no spelling of a hex colour without its ``#`` works in both
    KaTeX and MathJax): the one ``{#`` written, and only with ``--highlight``."""
    md = derivetex.derive(derivation="sigmoid-derivative", highlight=True).to_markdown()
    assert r"\textcolor{#" in md and OPENER.search(md.replace(r"\textcolor{#", "")) is None
