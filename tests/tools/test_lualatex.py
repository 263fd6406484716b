"""LuaLaTeX + luatexja compile our notation, and pdftoppm/is_blank_png tell ink from a blank page.

Compiling costs seconds, so each document is compiled once per module (module fixtures).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from derivetex.tools.images import ink_pixels, read_png
from derivetex.tools.lualatex import (
    LatexError,
    compile_pdf,
    first_error_line,
    is_blank_png,
    pdf_first_page_png,
)
from derivetex.tools.requirements import require_tool

CIRCLED_1 = r"{\bigcirc\mkern-10.5mu{\scriptstyle 1}\mkern4.5mu}"

ARTICLE = (
    r"""\documentclass{ltjsarticle}
\usepackage{amsmath}
\begin{document}
\[
\begin{aligned}
\log L &= \log (y_{1}^{t_{1}} \cdot y_{2}^{t_{2}}) \\
&\text{対数の公式①「}\log ab = \log a + \log b\text{」より} \\
&\text{対数の公式}"""
    + CIRCLED_1
    + r"""\text{「}\log ab = \log a + \log b\text{」より} \\
&= t_{1} \log y_{1} + t_{2} \log y_{2}
\end{aligned} \tag{5.1}
\]
\end{document}
"""
)

BLANK = r"""\documentclass{ltjsarticle}
\pagestyle{empty}
\begin{document}
\null
\end{document}
"""


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> dict[str, Path]:
    require_tool("lualatex")
    require_tool("pdftoppm")
    out = {}
    for name, source in (("article", ARTICLE), ("blank", BLANK)):
        workdir = tmp_path_factory.mktemp(name)
        pdf = compile_pdf(source, workdir)
        out[name] = pdf_first_page_png(pdf, workdir / "page1.png", dpi=60)
    return out


def test_japanese_document_with_circled_number_renders_ink(pages):
    assert pages["article"].is_file()
    assert not is_blank_png(pages["article"])


def test_blank_page_is_detected_blank(pages):
    assert is_blank_png(pages["blank"])
    assert ink_pixels(read_png(pages["blank"])) == 0


def test_png_has_the_page_size(pages):
    image = read_png(pages["article"])
    # A4 at 60 dpi is 8.27 in x 11.69 in -> about 496 x 701 pixels.
    assert (abs(image.width - 496), abs(image.height - 701)) <= (2, 2)


def test_failed_compile_names_the_first_error(tmp_path):
    require_tool("lualatex")
    broken = ARTICLE.replace(r"\log L", r"\undefinedmacro L", 1)
    with pytest.raises(LatexError, match=r"Undefined control sequence"):
        compile_pdf(broken, tmp_path)


def test_first_error_line_reads_a_log():
    log = "This is LuaHBTeX\n(./document.tex\n! Missing $ inserted.\n<inserted text>\n$\nl.5"
    assert first_error_line(log) == "! Missing $ inserted. <inserted text>"
    assert first_error_line("no errors here\n") is None
