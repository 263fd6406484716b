"""One link never ends the audit of its file: its check runs within the link's budget, and
an exception nobody foresaw makes that link ``unchecked`` (reason ``internal``)."""

from __future__ import annotations

import os
import sys
import traceback
from collections.abc import Callable

from derivetex.errors import BudgetExceeded
from derivetex.verify.budget import within_budget
from derivetex.verify.decide.verdict import UNKNOWN, Answer, answer


def budgeted(run: Callable[[], Answer | None]) -> Answer | None:
    """``run()`` within the link's budget; over it (time or memory) the link is unchecked,
    and so is a link whose reading or check fails in a way nobody foresaw (``internal``):
    one link never ends the audit of its file."""
    try:
        return within_budget(run)
    except BudgetExceeded as error:
        message = f"budget: {error}"
    except MemoryError:
        message = "budget: over the memory budget"
    except Exception as error:  # noqa: BLE001 -- isolation is the point: see the docstring
        return internal(error)
    return answer(UNKNOWN, message, reason="budget")


def internal(error: Exception) -> Answer:
    """The answer for a link whose check raised ``error``; ``DERIVETEX_DEBUG=1`` prints the
    traceback on stderr (the report stays as it is)."""
    if os.environ.get("DERIVETEX_DEBUG") == "1":
        traceback.print_exception(error, file=sys.stderr)
    message = f"internal: {type(error).__name__}: {str(error)[:100]}"
    return answer(UNKNOWN, message, reason="internal")
