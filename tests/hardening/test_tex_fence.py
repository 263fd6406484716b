r"""The TeX run is fenced in depth: a spec's hostile prose is shown as text in the PDF, and even a
``.tex`` that did reach LuaLaTeX with ``\directlua``, ``\input{/etc/passwd}`` or ``\openout``
reads and writes nothing outside its throw-away folder (real lualatex, real pdftotext)."""

from __future__ import annotations

from pathlib import Path

import pytest

from derivetex.cli import main
from derivetex.render.pdf import LatexError, compile_pdf
from derivetex.tools.lualatex import pdf_text
from derivetex.tools.requirements import require_tool

SPEC = """\
spec = 1
name = "fence"
title = '''{words}'''
intro = '''{words}'''

[symbols]
x = {{ positive = true, legend = '''{words}''' }}

[[chains]]
name = "c"
lhs = 'x'
lead = '''{words}'''
note = '''{words}'''
rows = [ {{ latex = 'x + 0', why = '''{words}''' }}, 'x' ]
"""


def _attacks(target: Path) -> str:
    """Every trick at once, aimed at files in ``target`` (absolute paths)."""
    return " ".join([
        rf"\directlua{{io.open('{target}/lua.txt','w'):write('owned')}}",
        r"\input{/etc/passwd}",
        rf"\immediate\openout15={target}/openout.tex \immediate\write15{{owned}}",
        r"\catcode`\^^5c=0 ^^5cinput{/etc/hostname}",
        r"\def\x{\write18{touch owned}}\x",
    ])


@pytest.fixture
def tex_tools() -> None:
    require_tool("lualatex")
    require_tool("pdftotext")


def test_hostile_prose_in_every_field_is_text_in_the_pdf(tmp_path, capsys, tex_tools):
    target = tmp_path / "target"
    target.mkdir()
    spec = tmp_path / "fence.toml"
    spec.write_text(SPEC.format(words=_attacks(target)), encoding="utf-8")
    out = tmp_path / "out"
    code = main(["derive", "--spec", str(spec), "--format", "pdf", "tex", "-o", str(out)])
    assert code == 0, capsys.readouterr().err
    assert list(target.iterdir()) == []
    text = " ".join(pdf_text(out / "fence.ja.pdf").split())
    assert "input{/etc/passwd}" in text and "directlua{io.open(" in text
    assert "root:" not in text  # the password file was not read into the PDF
    tex = (out / "fence.ja.tex").read_text(encoding="utf-8")
    assert r"\input{" not in tex and r"\directlua{" not in tex and "^^5c" not in tex


def test_a_tex_that_got_through_reads_and_writes_nothing_outside(tmp_path, tex_tools):
    """Defense in depth: the run itself, given raw hostile LaTeX."""
    target = tmp_path / "target"
    target.mkdir()
    tex = "\n".join([
        r"\documentclass{article}",
        r"\begin{document}",
        rf"\directlua{{local f = io.open('{target}/lua.txt', 'w'); "
        r"tex.print(f and 'LUAWROTE' or 'LUAREFUSED')}",
        r"\directlua{tex.print(io.open('/etc/hostname') and 'LUAREAD' or 'NOREAD')}",
        r"\directlua{tex.print((os.execute or io.popen) and 'CANRUN' or 'NORUN')}",
        r"\directlua{tex.print(io.open('inside.txt', 'w') and 'HERE' or 'NOTHERE')}",
        r"\end{document}",
    ])
    text = " ".join(pdf_text(compile_pdf(tex, tmp_path / "work")).split())
    assert text.split()[:4] == ["LUAREFUSED", "NOREAD", "NORUN", "HERE"]
    assert list(target.iterdir()) == []


@pytest.mark.parametrize(
    "line",
    [r"\input{/etc/passwd}", r"\input{../../etc/passwd}",
     r"\newwrite\w \immediate\openout\w=TARGET/openout.tex \immediate\write\w{owned}"],
)
def test_tex_file_commands_with_absolute_or_parent_paths_are_refused(tmp_path, tex_tools, line):
    target = tmp_path / "target"
    target.mkdir()
    body = line.replace("TARGET", str(target))
    tex = f"\\documentclass{{article}}\n\\begin{{document}}\n{body}\n\\end{{document}}\n"
    with pytest.raises(LatexError):
        compile_pdf(tex, tmp_path / "work")
    assert list(target.iterdir()) == []
