"""Remember the judge's pure functions of expressions.

A link's sides are prepared again and again: for each instantiation of its bounds, for the
link before and after it in a chain, for a definition it confirms, for each cause tried when
it fails. On the reference article ``carry_out`` ran 271 times on 31 distinct expressions.
SymPy expressions are immutable and hash by value, so a result can be kept and handed out
again; an argument that cannot be hashed (a mutable matrix) is computed as before.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache, update_wrapper
from typing import Any, TypeVar, cast

F = TypeVar("F", bound=Callable[..., Any])

SIZE = 1024
"""Results kept per function; a long post's distinct sides stay well within it."""


def remembered(func: F) -> F:
    """``func`` with its results kept by argument (least recently used past ``SIZE``).

    Only for functions whose result depends on their arguments alone and is never mutated
    by a caller (expressions; frozensets)."""
    return cast(F, _Remembered(func))


class _Remembered:
    """A function and the results it gave; ``cache_clear`` forgets them (tests start so)."""

    def __init__(self, func: Callable[..., Any]) -> None:
        self._func = func
        self._cached = lru_cache(maxsize=SIZE)(func)
        update_wrapper(self, func)

    def __call__(self, *args: Any) -> Any:
        try:
            hash(args)
        except TypeError:
            return self._func(*args)
        return self._cached(*args)

    def cache_clear(self) -> None:
        self._cached.cache_clear()
