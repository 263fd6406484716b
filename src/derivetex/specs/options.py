"""The usual options applied to a spec: ``--K``/``--N`` set the sizes of its example (or, as
the letter itself, ask for the general derivation without it), ``--y``/``--t`` replace its
values; rows of a table are separated by ``/`` (``--y 0.33 0.32 0.35 / 0.1 0.7 0.2``).
"""

from __future__ import annotations

from dataclasses import replace

from derivetex.errors import InputError
from derivetex.specs.schema import ExampleSpec, Spec

MAX_SIZE = 1000
EXAMPLE_RULES = ("expand_sum", "substitute_values", "evaluate")


def with_options(
    spec: Spec, sizes: dict[str, str | None], values: dict[str, list[str] | None]
) -> Spec:
    """``spec`` with the options put into its example; refused where the spec has no such."""
    given = {name: text for name, text in sizes.items() if text is not None}
    typed = {name: items for name, items in values.items() if items is not None}
    if not given and not typed:
        return spec
    example = spec.example
    for option in [*given, *typed]:
        if example is None or option not in (example.sizes if option in given
                                             else example.values):
            raise InputError(f"--{option} does not apply to the spec {spec.name!r}")
    assert example is not None
    if any(text == name for name, text in given.items()):
        if typed:
            raise InputError("a size given as its letter is the general derivation; "
                             "--y and --t need numbers")
        return _general(spec)
    pair = {"y", "t"} <= set(example.values)
    if pair and ("y" in typed) != ("t" in typed):
        raise InputError("--y and --t go together: give both the predictions and the labels")
    new_sizes = dict(example.sizes)
    new_sizes.update({name: _size(name, text) for name, text in given.items()})
    new_values = dict(example.values)
    for name, items in typed.items():
        new_values[name] = _table(name, items, example, new_sizes, given)
    _agree(new_sizes, new_values, given, typed)
    return replace(spec, example=ExampleSpec(new_sizes, new_values, example.labels))


def _agree(
    sizes: dict[str, int], values: dict[str, tuple[str, ...] | tuple[tuple[str, ...], ...]],
    given: dict[str, str], typed: dict[str, list[str]],
) -> None:
    """A list of values has one value per term of the (only) size; a table is N x K."""
    for name, items in values.items():
        shape: tuple[int, ...]
        expected: tuple[int, ...]
        if items and isinstance(items[0], tuple):
            shape = (len(items), len(items[0]))
            expected = (sizes.get("N", shape[0]), sizes.get("K", shape[1]))
        elif len(items) > 1 and len(sizes) == 1:
            shape, expected = (len(items),), (next(iter(sizes.values())),)
        else:
            continue
        if shape != expected:
            source = f"--{name}" if name in typed else f"the example's {name}"
            sizes_text = ", ".join(f"--{b} {sizes[b]}" for b in given) or "the other values"
            raise InputError(f"{source} has {' x '.join(map(str, shape))} values but "
                             f"{sizes_text} ask for {' x '.join(map(str, expected))}; "
                             "give the values too")


def _size(name: str, text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if not 1 <= value <= MAX_SIZE:
        raise InputError(f"--{name} must be an integer from 1 to {MAX_SIZE} or {name}, "
                         f"not {text!r}")
    return value


def _table(
    name: str, items: list[str], example: ExampleSpec, sizes: dict[str, int],
    given: dict[str, str],
) -> tuple[str, ...] | tuple[tuple[str, ...], ...]:
    """The values as typed; a table (rows split at ``/``) must match the sizes N x K."""
    rows: list[list[str]] = [[]]
    for item in items:
        if item == "/":
            rows.append([])
        else:
            rows[-1].append(item)
    old = example.values[name]
    if not (old and isinstance(old[0], tuple)):
        if len(rows) > 1:
            raise InputError(f"--{name}: the spec takes one row of values, not a table")
        if len(sizes) == 1 and not given and len(old) > 1:  # K from the count, as for --y
            sizes[next(iter(sizes))] = len(rows[0])
        return tuple(rows[0])
    if any(not row for row in rows) or len({len(row) for row in rows}) != 1:
        raise InputError(f"--{name}: every row (separated by /) needs the same number of "
                         "values")
    shape = {"N": len(rows), "K": len(rows[0])}
    for bound, count in shape.items():
        if bound in given and sizes.get(bound) != count:
            raise InputError(f"--{name} has {count} {'rows' if bound == 'N' else 'columns'} "
                             f"but --{bound} is {sizes.get(bound)}")
        if bound in sizes:
            sizes[bound] = count
    return tuple(tuple(row) for row in rows)


def _general(spec: Spec) -> Spec:
    """The spec without its example and the chains that use it."""
    dropped: set[str] = set()
    kept = []
    for chain in spec.chains:
        uses = chain.value is not None or chain.start in dropped or any(
            rule in EXAMPLE_RULES for row in chain.rows for rule in row.rules)
        if uses:
            dropped.add(chain.name)
        else:
            kept.append(chain)
    return replace(spec, example=None, chains=tuple(kept))
