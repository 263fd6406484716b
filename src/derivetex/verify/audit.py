"""Audit one document: every link of every equation chain, in source order.

Links that relate a symbol not yet defined (``- \\log L = \\sum ...`` before ``L = ...``) are
held back and checked once the whole document has been read, against the definitions and the
values it ends with; if the symbol is never defined they are reported as unchecked. So are
conditions such as ``y_{k} = 0`` (met by some bound y_1, y_2, ...).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

import sympy

from derivetex.errors import BudgetExceeded
from derivetex.verify.budget import within_budget
from derivetex.verify.checking import check
from derivetex.verify.documents import find_blocks
from derivetex.verify.report import UNCHECKED, FileReport, Finding
from derivetex.verify.rows import Link, links
from derivetex.verify.scope import Scope


@dataclass(frozen=True)
class _Pending:
    order: int
    link: Link
    bindings: dict[sympy.Basic, sympy.Basic]


def audit_text(text: str, kind: str, path: str = "<string>") -> FileReport:
    """Findings for the math in ``text``, a document of ``kind`` "md" or "tex"."""
    scope = Scope()
    found: list[tuple[int, Finding]] = []
    pending: list[_Pending] = []
    order = 0
    for block in find_blocks(text, kind):
        scope.new_block()
        for link in links(block):
            order += 1
            finding = _budgeted(link, partial(check, link, scope))
            if finding is None:
                pending.append(_Pending(order, link, dict(scope.bindings)))
            else:
                found.append((order, finding))
    scope.new_block()  # the last block's values join the document's
    for item in pending:
        scope.bindings, scope.origin = dict(item.bindings), None
        finding = _budgeted(item.link, partial(check, item.link, scope, final=True))
        if finding is not None:
            found.append((item.order, finding))
    found.sort(key=lambda pair: (pair[1].line, pair[0]))
    return FileReport(path, tuple(f for _, f in found))


def _budgeted(link: Link, run: Callable[[], Finding | None]) -> Finding | None:
    """``run()`` within the link's budget; over it (time or memory) the link is unchecked."""
    try:
        return within_budget(run)
    except BudgetExceeded as error:
        return Finding(link.right.line, UNCHECKED, link.text, f"budget: {error}")
    except MemoryError:
        return Finding(link.right.line, UNCHECKED, link.text, "budget: over the memory budget")
