"""Footers tell the truth: a derivation placed in someone's post vouches for itself only.

A whole document derivetex wrote says "every step in this document"; a block that
``render`` puts into a post (a shipped derivation, a spec, a spec written in the block, in
ja and en) says "the derivation above" and that the text outside it was not checked.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import derivetex
from derivetex.posts.blocks import BEGIN, END
from derivetex.posts.command import run_render
from derivetex.render.wording import CATALOGS

ROOT = Path(__file__).resolve().parents[2]

BLOCKS = {
    "multiclass": "multiclass --K 3 --y 0.33 0.32 0.35 --t 1 0 0 --lang {lang}",
    "shipped spec": "binary --lang {lang}",
    "spec file": f"spec: {ROOT / 'examples' / 'poisson.toml'}\n--lang {{lang}}",
}


def _generated(text: str) -> list[str]:
    return re.findall(rf"{re.escape(BEGIN)}\n(.*?){re.escape(END)}", text, re.DOTALL)


@pytest.mark.parametrize("lang", ["ja", "en"])
@pytest.mark.parametrize("block", list(BLOCKS))
def test_a_block_in_a_post_vouches_for_the_block(tmp_path, lang, block):
    words = CATALOGS[lang]
    post = tmp_path / "post.md"
    post.write_text(f"# My post\n\nMy own claim: $2 + 2 = 5$.\n\n```derivetex\n"
                    f"{BLOCKS[block].format(lang=lang)}\n```\n", encoding="utf-8")
    assert run_render([str(post)]) == 0
    (part,) = _generated(post.read_text(encoding="utf-8"))
    assert part.rstrip().endswith(words.verified_block_note)
    assert words.verified_note not in part


def test_the_block_wording_says_what_it_covers():
    assert "derivation above" in CATALOGS["en"].verified_block_note
    assert "not checked" in CATALOGS["en"].verified_block_note
    assert "上の導出" in CATALOGS["ja"].verified_block_note


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_a_whole_document_still_speaks_of_the_document(lang):
    words = CATALOGS[lang]
    for doc in (derivetex.derive(lang=lang), derivetex.derive(derivation="binary", lang=lang)):
        assert doc.to_markdown().rstrip().endswith(words.verified_note)
        assert words.verified_note in doc.to_latex()
