"""Audit the derivations and numeric claims in a Markdown or LaTeX document.

``audit_text`` checks a string; ``command.run_verify`` is what ``derivetex verify`` calls.
"""

from derivetex.verify.audit import audit_text
from derivetex.verify.report import FileReport, Finding

__all__ = ["FileReport", "Finding", "audit_text"]
