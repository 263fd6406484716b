"""The render gate over spec documents, real renderers only: every formula of the Markdown
in KaTeX (strict) and MathJax 3, the tex through LuaLaTeX (its PDF text holds the numbers),
and the HTML page in Chromium, offline, with no KaTeX error."""

from __future__ import annotations

import pytest
from tests.specs.documents import CASES, IDS, spec_document

from derivetex.render.pdf import compile_tex
from derivetex.tools.browser import dump_dom, math_errors_in_dom
from derivetex.tools.lualatex import pdf_text
from derivetex.tools.mathcheck import check_math, math_blocks_from_markdown
from derivetex.tools.requirements import require_tool


@pytest.fixture(scope="module")
def verdicts():
    require_tool("renderers")
    blocks = {
        case: math_blocks_from_markdown(spec_document(*case).to_markdown(), f"{case} ")
        for case in CASES
    }
    results = {r.id: r for r in check_math([b for doc in blocks.values() for b in doc])}
    return {case: [(b, results[b.id]) for b in doc] for case, doc in blocks.items()}


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_every_formula_renders_in_katex_and_mathjax(verdicts, case):
    checked = verdicts[case]
    assert len(checked) >= 3
    assert [r.describe() for _, r in checked if not r.ok] == []


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_the_tex_compiles_and_the_pdf_shows_its_numbers(case, tmp_path):
    require_tool("lualatex")
    require_tool("pdftotext")
    document = spec_document(*case)
    pdf = tmp_path / "document.pdf"
    pdf.write_bytes(compile_tex(document.to_latex()))
    text = pdf_text(pdf)
    for value in document.to_data()["values"].values():
        assert f"{value:.6f}" in text.replace("−", "-")
    assert "??" not in text  # every \eqref resolved
    for tag in document.to_data()["tags"].values():
        assert f"({tag})" in text


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_the_page_renders_offline_in_chromium(case, tmp_path):
    require_tool("chromium")
    page = tmp_path / "page.html"
    page.write_text(str(spec_document(*case).render("html")), encoding="utf-8")
    dom = dump_dom(page)
    assert math_errors_in_dom(dom) == []
    assert dom.count('class="katex"') >= 3
