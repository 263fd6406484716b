"""Messages that say why: a refusal names the TOML line of its row, ``evaluate`` names what
has no value, and a row with a power of a log says how it was read.

Specs of our own in several forms: rows one per line, rows as inline tables spread over
lines, several rows on one line, a spec given as TOML text, one written inside a post's
block; and a spec given as a dict, which has no lines (the key alone is named).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import derivetex
from derivetex.posts.command import run_render
from derivetex.specs import SpecError, load_spec
from derivetex.specs.lines import key_lines

HEAD = """spec = 1
name = "demo"
title = "Demo"

[symbols]
a = { positive = true }
b = { positive = true }

[definitions]
F = '\\log (a b)'
"""

ONE_PER_LINE = HEAD + """
[[chains]]
name = "first"
lhs = 'F'
rows = [
  '\\log (a b)',
  '\\log a + \\log b',
  '\\log a - \\log b',   # wrong
]
"""

INLINE_TABLES = HEAD + """
[[chains]]
name = "first"
lhs = 'F'
rows = [
  { latex = '\\log (a b)', why = "definition" },
  { latex = '''\\log a
    - \\log b''', rule = "log_product" },
]
"""

ON_ONE_LINE = HEAD + """
# a comment with [brackets], 'quotes' and "more"
[[chains]]
name = "first"
lhs = 'F'
note = '''a note
over lines, with [[chains]] in it'''
rows = ['\\log (a b)']

[[chains]]
name = "second"
lhs = 'F'
rows = ['\\log (a b)', '\\log a + \\log b', "\\\\log a \\\\cdot \\\\log b"]
"""


def _refusal(text: str, tmp_path: Path) -> str:
    path = tmp_path / "spec.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SpecError) as caught:
        derivetex.derive(spec=path)
    return str(caught.value)


def _line_of(text: str, needle: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if needle in line)


@pytest.mark.parametrize(("text", "key", "needle"), [
    (ONE_PER_LINE, "chains[1].rows[3] (row 3)", "# wrong"),
    (INLINE_TABLES, "chains[1].rows[2] (row 2)", "{ latex = \'\'\'\\log a"),
    (ON_ONE_LINE, "chains[2].rows[3] (row 3)", "cdot"),
], ids=["one-per-line", "inline-tables", "on-one-line"])
def test_a_refusal_names_the_line_of_its_row(tmp_path, text, key, needle):
    message = _refusal(text, tmp_path)
    assert message.startswith(f"{tmp_path / 'spec.toml'}:{_line_of(text, needle)}: {key}: ")


def test_toml_text_names_its_line_too():
    with pytest.raises(SpecError, match=r"^<string>:\d+: chains\[1\]\.rows\[3\]") as caught:
        derivetex.derive(spec=ONE_PER_LINE)
    line = int(str(caught.value).split(":")[1])
    assert "# wrong" in ONE_PER_LINE.splitlines()[line - 1]


def test_a_spec_in_a_posts_block_names_the_line_in_the_block(tmp_path):
    post = tmp_path / "post.md"
    post.write_text(f"# Post\n\n```derivetex\n{ONE_PER_LINE}```\n", encoding="utf-8")
    with pytest.raises(derivetex.DerivetexError, match=r"<string>:\d+: chains\[1\]\.rows\[3\]"):
        run_render([str(post)])


def test_a_dict_spec_has_no_lines_and_names_the_key():
    import tomllib

    with pytest.raises(SpecError, match=r"^<dict>: chains\[1\]\.rows\[3\] \(row 3\)"):
        derivetex.derive(spec=tomllib.loads(ONE_PER_LINE))


def test_the_shipped_specs_place_every_row_on_its_line():
    """Every string row of every shipped spec sits on the line the scan gives it."""
    from derivetex.specs.shipped import SHIPPED

    for path in SHIPPED.values():
        text = Path(path).read_text(encoding="utf-8")
        lines = key_lines(text)
        spec = load_spec(path)
        for chain in spec.chains:
            for row in chain.rows:
                assert row.key in lines, row.key
                if row.latex and "\n" not in row.latex and "\\\\" not in text:
                    assert row.latex in text.splitlines()[lines[row.key] - 1], row.key


ROW_TEXT = st.text(alphabet="ab{}[],#\\ ^_()", min_size=1, max_size=12)


@settings(max_examples=60, deadline=None)
@given(rows=st.lists(ROW_TEXT, min_size=1, max_size=6),
       per_line=st.integers(min_value=1, max_value=3))
def test_the_scan_finds_each_row_however_they_are_laid_out(rows, per_line):
    literals = [f"'{row}'" for row in rows]
    lines_of_rows = [", ".join(literals[i:i + per_line]) for i in range(0, len(rows), per_line)]
    text = "[[chains]]\nname = 'x'\nrows = [\n" + ",\n".join(lines_of_rows) + "\n]\n"
    assert [r for r in rows] == __import__("tomllib").loads(text)["chains"][0]["rows"]
    found = key_lines(text)
    for position in range(1, len(rows) + 1):
        assert found[f"chains[1].rows[{position}]"] == 4 + (position - 1) // per_line


EVALUATE = HEAD + """
[[chains]]
name = "value"
lhs = 'F'
value = "F"
rows = [
  '\\log (a b)',
  { rule = "substitute_values" },
  { rule = "evaluate" },
]

[example]
values = { a = "2" }
"""


def test_evaluate_names_the_name_without_a_value(tmp_path):
    message = _refusal(EVALUATE, tmp_path)
    assert message.endswith("rule 'evaluate' does not apply to the row before: b is a name "
                            "without a value (give its value in [example])")


def test_substitute_values_names_the_values_it_could_not_find(tmp_path):
    message = _refusal(EVALUATE.replace('values = { a = "2" }', 'values = { c = "2" }')
                       .replace("b = { positive = true }", "b = { positive = true }\n"
                                "c = { positive = true }"), tmp_path)
    assert "rule 'substitute_values' does not apply" in message
    assert "it names none of the values the example gives (c)" in message


BERNOULLI = """spec = 1
name = "bernoulli"
title = "Bernoulli"

[symbols]
x = { indexed = true, nonnegative = true, integer = true }
p = { range = [0, 1] }
i = { index = true, range = [1, "N"] }
N = { positive = true, integer = true }

[definitions]
L = '\\prod_{i=1}^{N} p^{x_{i}} (1 - p)^{1 - x_{i}}'

[[chains]]
name = "ll"
lhs = '\\log L'
rows = [
  '\\log \\prod_{i=1}^{N} p^{x_{i}} (1 - p)^{1 - x_{i}}',
  'ROW',
]
"""


def test_a_power_of_a_log_says_how_it_was_read(tmp_path):
    row = "\\sum_{i=1}^{N} (\\log p^{x_{i}} + \\log (1 - p)^{1 - x_{i}})"
    message = _refusal(BERNOULLI.replace("ROW", row), tmp_path)
    assert "does not follow" in message
    assert message.endswith(
        "the row reads \\log (1 - p)^{1 - x_{i}} as (\\log (1 - p))^{1 - x_{i}} (the power "
        "outside the log); for the power inside, write \\log ((1 - p)^{1 - x_{i}})")


def test_written_as_the_hint_says_the_row_follows():
    row = "\\sum_{i=1}^{N} (\\log p^{x_{i}} + \\log ((1 - p)^{1 - x_{i}}))"
    doc = derivetex.derive(spec=BERNOULLI.replace("ROW", row))
    assert len(doc.derivation.steps) == 2


def test_a_wrong_row_without_a_power_of_a_log_gets_no_reading_hint(tmp_path):
    row = "\\sum_{i=1}^{N} (\\log p^{x_{i}} + \\log (1 + p))"
    message = _refusal(BERNOULLI.replace("ROW", row), tmp_path)
    assert "does not follow" in message and "the row reads" not in message
    assert re.search(r"spec\.toml:19: chains\[1\]\.rows\[2\]", message)
