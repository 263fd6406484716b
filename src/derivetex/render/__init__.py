"""Steps -> Jinja context -> Markdown / LaTeX / JSON (and HTML / PDF)."""

from derivetex.render.formats import WRITERS, derivation_data
from derivetex.render.printer import article_latex

__all__ = ["WRITERS", "article_latex", "derivation_data"]
