"""Audit one document: every link of every equation chain, in source order.

Links that relate a symbol not yet defined (``- \\log L = \\sum ...`` before ``L = ...``) are
held back and checked once the whole document has been read, against the definitions and the
values it ends with; if the symbol is never defined they are reported as unchecked. So are
conditions such as ``y_{k} = 0`` (met by some bound y_1, y_2, ...).
"""

from __future__ import annotations

from dataclasses import dataclass

import sympy

from derivetex.verify.checking import check
from derivetex.verify.documents import find_blocks
from derivetex.verify.report import FileReport, Finding
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
            finding = check(link, scope)
            if finding is None:
                pending.append(_Pending(order, link, dict(scope.bindings)))
            else:
                found.append((order, finding))
    scope.new_block()  # the last block's values join the document's
    for item in pending:
        scope.bindings, scope.origin = dict(item.bindings), None
        finding = check(item.link, scope, final=True)
        if finding is not None:
            found.append((item.order, finding))
    found.sort(key=lambda pair: (pair[1].line, pair[0]))
    return FileReport(path, tuple(f for _, f in found))
