"""The public API: derive a document, write it out; the CLI calls nothing else."""

from __future__ import annotations

import sys
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path
from typing import Any

from derivetex.config import Config, build_config
from derivetex.engine import Derivation
from derivetex.errors import InputError, OutputError
from derivetex.outputs import remove_stale_pdf_workdirs, to_stdout, write_files
from derivetex.render.formats import WRITERS, derivation_data
from derivetex.specs import Spec, load_spec
from derivetex.specs.shipped import SHIPPED

EXTENSIONS = {"md": "md", "tex": "tex", "json": "json", "pdf": "pdf", "html": "html"}


@dataclass(frozen=True, repr=False)
class Document:
    """A verified derivation with the config it was made for; renders itself in any format."""

    derivation: Derivation
    config: Config

    def __repr__(self) -> str:
        steps = len(self.derivation.steps)
        return f"<derivetex.Document {self.derivation.name} ({self.config.lang}), {steps} steps>"

    def render(self, fmt: str) -> str | bytes:
        if fmt not in WRITERS:
            raise InputError(f"unknown format {fmt!r} (use {', '.join(WRITERS)})")
        return WRITERS[fmt](self.derivation, self.config)

    def to_markdown(self) -> str:
        return str(self.render("md"))

    def to_latex(self) -> str:
        return str(self.render("tex"))

    def to_data(self) -> dict[str, Any]:
        return derivation_data(self.derivation, self.config)

    def file_name(self, fmt: str) -> str:
        return f"{self.derivation.name}.{self.config.lang}.{EXTENSIONS[fmt]}"

    # Jupyter / IPython display
    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        """text/plain: the title and the rows in plain text (render/plain.py)."""
        from derivetex.render.plain import plain_summary

        printer.text(plain_summary(self.derivation, self.config))

    def _repr_markdown_(self) -> str:
        return self.to_markdown()

    def _repr_latex_(self) -> str:
        """Every display formula of the web target (MathJax draws text/latex), tags included;
        found in the KaTeX form whatever the flavor, since only the delimiters differ."""
        from derivetex.render.formats import render_markdown
        from derivetex.render.math_blocks import math_blocks_from_markdown

        markdown = render_markdown(self.derivation, replace(self.config, flavor="katex"))
        blocks = [b.tex for b in math_blocks_from_markdown(markdown) if b.display]
        return "\n".join(f"$$\n{tex}\n$$" for tex in blocks)

    def _repr_html_(self) -> str:
        """The article as one <div> carrying no KaTeX: the front end typesets its delimited
        TeX (a cell stays a few KB; ``--format html`` files keep the self-contained page)."""
        from derivetex.render.html import render_html_fragment

        return render_html_fragment(self.derivation, self.config)


def derive(config: Config | None = None, **options: Any) -> Document:
    """Derive and verify; `options` are build_config's keywords (K="5", y=[...], lang="en").

    ``spec=`` takes a spec as a path, TOML text or a dict, like ``derive --spec`` does.
    """
    if config is None:
        if options.get("spec") is not None and not isinstance(options["spec"], Spec):
            options["spec"] = load_spec(options["spec"])
        config = build_config(**options)
    elif options:
        raise InputError("give derive() a Config or options, not both")
    return Document(derivation_of(config), config)


def derivation_of(config: Config) -> Derivation:
    """The verified derivation a config asks for: a shipped or given spec, by its layout."""
    spec = config.spec
    if spec is None and config.derivation in SHIPPED:  # a Config made by hand
        spec = load_spec(SHIPPED[config.derivation])
    if spec is not None and spec.layout == "article":
        from derivetex.specs.article import build_article  # the engine, as Python derivations

        values = ({"y": config.y, "t": config.t}
                  if config.y is not None and config.t is not None else None)
        return build_article(spec, config.K, values, config.log_base, config.labels,
                             config.steps)
    if spec is not None:
        from derivetex.specs.build import build_spec  # rules and inference: only for specs

        return build_spec(spec, config.steps)
    raise InputError(f"unknown derivation {config.derivation!r}")


def write(config: Config, *, budgeted: bool = False) -> list[Path]:
    """Render every requested format, then write them all (or to stdout); nothing partial.

    ``budgeted`` (the command line) derives and renders in a worker under
    ``derivetex.budget.run_budgeted`` (1 GiB, 60 s); LuaLaTeX then runs outside that budget,
    under its own timeout, on the tex the worker gave back.
    """
    if config.output == "-" and sys.stdout is None:
        raise OutputError("cannot write to stdout: it is closed")
    remove_stale_pdf_workdirs()  # left by a run that was killed (SIGKILL) while building a PDF
    if budgeted:
        from derivetex.budget import run_budgeted

        rendered = run_budgeted(partial(_rendered, config))
    else:
        rendered = _rendered(config)
    if "pdf" in rendered:
        from derivetex.render.pdf import compile_tex

        name, tex = rendered["pdf"]
        rendered["pdf"] = (name, compile_tex(str(tex)))
    if config.output == "-":
        ((_, content),) = rendered.values()
        to_stdout(content)
        return []
    named = {
        name: content.encode("utf-8") if isinstance(content, str) else content
        for name, content in rendered.values()
    }
    return write_files(Path(config.output), named)


def _rendered(config: Config) -> dict[str, tuple[str, str | bytes]]:
    """Every requested format as (file name, content), the PDF as the tex it is built from."""
    document = derive(config)

    def content(fmt: str) -> str | bytes:
        if fmt != "pdf":
            return document.render(fmt)
        from derivetex.render.pdf import pdf_tex

        return pdf_tex(document.derivation, config)

    return {fmt: (document.file_name(fmt), content(fmt)) for fmt in config.formats}


def listing(lang: str = "en") -> str:
    """Every shipped derivation with its title, then every rule with its statement."""
    from derivetex.config import DERIVATIONS, LANGUAGES
    from derivetex.rules import RULES

    if lang not in LANGUAGES:
        raise InputError(f"unknown language {lang!r} (use ja or en)")
    titles = {name: load_spec(path).title.get(lang) for name, path in SHIPPED.items()}
    width = max(map(len, [*DERIVATIONS, *RULES])) + 2
    lines = ["derivations:"]
    lines += [f"  {name:<{width}}{titles[name]}" for name in DERIVATIONS]
    lines += ["rules:"]
    lines += [f"  {rule.name:<{width}}{rule.statement}" for rule in RULES.values()]
    return "\n".join(lines) + "\n"


SERIES_FORMATS = ("md", "tex", "pdf", "html")


def series_parts(lang: str, *, highlight: bool = False,
                 steps: str = "article") -> list[tuple[Derivation, Config]]:
    """Every part of the series, derived and verified, with the config (its chapter) it
    renders with: the shipped specs in series order, multiclass first."""
    from derivetex.specs.shipped import SERIES

    names = (name for name in SERIES if name in SHIPPED)
    configs = [build_config(derivation=name, lang=lang, chapter=number, highlight=highlight,
                            steps=steps)
               for number, name in enumerate(names, start=1)]
    return [(derivation_of(config), config) for config in configs]


def series(lang: str = "ja", formats: tuple[str, ...] = ("md", "tex"),
           output: str = "output", flavor: str = "katex", *, highlight: bool = False,
           steps: str = "article") -> list[Path]:
    """The whole series as one document per format, written as a set (or one to stdout);
    its Markdown marks math the ``flavor`` way; ``highlight`` and ``steps`` as ``derive``'s."""
    from derivetex.config import FLAVORS, LANGUAGES
    from derivetex.render.flavors import apply_flavor
    from derivetex.render.series import render_series

    if lang not in LANGUAGES:
        raise InputError(f"unknown language {lang!r} (use ja or en)")
    if flavor not in FLAVORS:
        raise InputError(f"unknown flavor {flavor!r} (use {', '.join(FLAVORS)})")
    for fmt in formats:
        if fmt not in SERIES_FORMATS:
            raise InputError(f"series writes {', '.join(SERIES_FORMATS)}, not {fmt!r}")
    if output == "-" and len(formats) != 1:
        raise InputError("-o - writes one format to stdout; give exactly one --format")
    remove_stale_pdf_workdirs()
    parts = series_parts(lang, highlight=highlight, steps=steps)
    rendered = {fmt: render_series(parts, lang, fmt) for fmt in formats}
    if "md" in rendered:
        rendered["md"] = apply_flavor(str(rendered["md"]), flavor)
    if output == "-":
        (content,) = rendered.values()
        to_stdout(content)
        return []
    named = {
        f"series.{lang}.{EXTENSIONS[fmt]}": c.encode("utf-8") if isinstance(c, str) else c
        for fmt, c in rendered.items()
    }
    return write_files(Path(output), named)

