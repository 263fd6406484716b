"""multiclass ships as a spec (article layout); its documents are the ones its Python builder,
kept as the reference, gives, byte for byte, for every option the golden files and the CLI use.
"""

from __future__ import annotations

import pytest

import derivetex
from derivetex.api import Document
from derivetex.config import build_config
from derivetex.derivations.multiclass import derive_multiclass
from derivetex.specs.shipped import SHIPPED

OPTIONS = {
    "article.ja": {},
    "article.en": {"lang": "en"},
    "k1.ja": {"K": "1"},
    "k1.values.en": {"y": ["1"], "t": ["1"], "lang": "en"},
    "k2.en": {"K": "2", "lang": "en"},
    "k5.chapter3.ja": {"K": "5", "chapter": 3},
    "k12.expand-limit4.ja": {"K": "12", "expand_limit": 4},
    "symbolic.ja": {"K": "K"},
    "symbolic.base2.en": {"K": "K", "lang": "en", "log_base": "2"},
    "values.base10.labels.en": {"y": ["0.5", "0.25", "0.25"], "t": ["0", "1", "0"],
                                "log_base": "10", "labels": ["a", "b<c>", "d"], "lang": "en"},
    "values.zero-terms.ja": {"y": ["0", "0.5", "0.5"], "t": ["0", "0.5", "0.5"],
                             "log_base": "2"},
    "values.k12.ja": {"y": ["0.1"] * 8 + ["0.05"] * 4, "t": ["1"] + ["0"] * 11},
    "first-tag3.en": {"first_tag": 3, "lang": "en"},
    "k40.lazy-rows.en": {"K": "40", "lang": "en"},  # over 20 terms: kept as summand and range
    "values.k25.lazy-rows.ja": {"y": ["0.04"] * 25, "t": ["0"] * 24 + ["1"], "log_base": "2"},
}
FORMATS = ("md", "tex", "json", "html")


@pytest.mark.parametrize("case", sorted(OPTIONS))
def test_the_shipped_spec_renders_what_the_python_builder_renders(case: str) -> None:
    config = build_config(**OPTIONS[case])
    assert config.spec is not None and config.spec.layout == "article"
    from_spec = derivetex.derive(config)
    reference = Document(derive_multiclass(config), config)
    for fmt in FORMATS:
        assert from_spec.render(fmt) == reference.render(fmt), fmt


def test_the_spec_file_given_with_spec_is_the_shipped_derivation() -> None:
    by_name = derivetex.derive(lang="en", K="4")
    by_file = derivetex.derive(spec=SHIPPED["multiclass"], lang="en", K="4")
    assert by_file.to_markdown() == by_name.to_markdown()
    assert by_file.to_data() == by_name.to_data()


def test_the_article_example_comes_from_the_spec() -> None:
    config = build_config(lang="en")
    assert config.spec is not None and config.spec.example is not None
    assert (config.K, config.labels) == (3, ("dog", "fox", "wolf"))
    assert [str(v) for v in config.y or ()] == ["33/100", "8/25", "7/20"]
    assert derivetex.derive(config).derivation.values["E"] == pytest.approx(1.1086626245)


def test_every_step_built_from_the_spec_carries_the_engines_checks() -> None:
    for options in ({}, {"K": "K"}, {"K": "1"}, {"K": "7", "log_base": "2"}):
        derivation = derivetex.derive(**options).derivation
        assert derivation.steps
        for step in derivation.steps:
            assert step.checks, step.rule.name
