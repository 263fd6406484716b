"""A link that fails with a bare ``\\log`` in the base the settings state and holds with it
natural: a wrong log base (DT103), named with where the base was stated.

``log-base = 2`` makes a bare ``\\log`` log₂ (explicit configuration is explicit notation), so
``\\frac{d}{dx} \\log x = \\frac{1}{x}`` does not hold there; the finding says that it would
with natural logarithms, which is what the writer can change (``\\ln``, or the setting).
"""

from __future__ import annotations

from derivetex.reader.names import BARE_LOG, reading_bare_log_in
from derivetex.verify.decide.comparing import compare
from derivetex.verify.links.rows import Link
from derivetex.verify.readings.side import read
from derivetex.verify.scope import Scope


def natural_instead(link: Link, scope: Scope) -> str | None:
    """The cause, in words starting "log base", when ``link`` holds with its bare logs read
    as natural ones; ``None`` when no setting states a base, or it fails that way too."""
    if scope.log_base is None or not BARE_LOG.search(link.text):
        return None
    functions = scope.function_names()
    with reading_bare_log_in(None):
        left, right = read(link.left.latex, functions).expr, read(link.right.latex, functions).expr
    if left is None or right is None:
        return None
    outcome = compare(scope.resolve(left), scope.resolve(right), link.text)
    if outcome is None or not outcome[0] or outcome[1]:
        return None
    return (f"log base: this holds with natural logarithms, but {scope.log_base_from} makes a "
            f"bare \\log base {scope.log_base}")
