"""How the two sides of a link compare: at every instantiation of their bounds, under stated
facts, with which names and free indices each side has, and what slip explains a difference.

Pure functions of expressions: ``checking`` asks them and decides the finding.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

import sympy
from sympy.tensor.indexed import Indexed

from derivetex.judge import leibniz
from derivetex.judge import numeric as num
from derivetex.judge.diagnosis import diagnose
from derivetex.judge.expansion import expands_to_zero
from derivetex.judge.show import decimal, show
from derivetex.judge.terms import carry_out, evaluable, opaque

Diagnose = Callable[[sympy.Expr, sympy.Expr, str], str | None]

Instance = dict[sympy.Symbol, sympy.Integer]


def names_of(expr: sympy.Expr) -> set[sympy.Basic]:
    """The unknown names of ``expr``: symbols, and indexed names by their base."""
    found: set[sympy.Basic] = set()
    for item in num.unknowns(expr):
        found.add(item.base.label if isinstance(item, Indexed) else item)
    return found


def free_indices(expr: sympy.Expr) -> set[sympy.Symbol]:
    """Letters used as indices and not bound by a sum or product."""
    letters: set[sympy.Symbol] = set()
    for item in expr.atoms(Indexed, sympy.KroneckerDelta):
        indices = item.indices if isinstance(item, Indexed) else item.args
        letters |= {i for i in indices if isinstance(i, sympy.Symbol)}
    return letters & expr.free_symbols


def sums_of_names(expr: sympy.Expr) -> dict[sympy.Basic, sympy.Basic]:
    """``\\sum_i y_i`` nodes (a sum of one indexed name), by that name's base; also
    ``\\sum_k t_{nk}``, one label vector per example, summed over its last index."""
    found: dict[sympy.Basic, sympy.Basic] = {}
    for node in expr.atoms(sympy.Sum):
        body, (index, _, _) = node.function, node.limits[0]
        last = isinstance(body, Indexed) and body.indices[-1:] == (index,)
        if last and index not in body.indices[:-1]:
            found[node] = body.base
    return found


def constants_out(expr: sympy.Expr) -> sympy.Expr:
    """Each sum of a name times what does not depend on its index, as that factor times the
    sum of the name (``\\sum_k t_{nk} y_{nj}`` is ``y_{nj} \\sum_k t_{nk}``)."""

    def pulled(node: sympy.Sum) -> sympy.Expr:
        index = node.limits[0][0]
        inside = [f for f in sympy.Mul.make_args(node.function) if f.has(index)]
        outside = [f for f in sympy.Mul.make_args(node.function) if not f.has(index)]
        if len(inside) != 1 or not outside or not isinstance(inside[0], Indexed):
            return node
        return sympy.Mul(*outside) * sympy.Sum(inside[0], *node.limits)

    return expr.replace(
        lambda e: isinstance(e, sympy.Sum) and len(e.limits) == 1, pulled
    )


def holds_if_normalised(a: sympy.Expr, b: sympy.Expr, seed: str) -> sympy.Basic | None:
    """The base y when a = b holds once every ``\\sum_i y_i`` is 1 (one-hot labels)."""
    a, b = constants_out(sympy.expand(a)), constants_out(sympy.expand(b))
    sums = {**sums_of_names(a), **sums_of_names(b)}
    bases = set(sums.values())
    if len(bases) != 1:
        return None
    ones = {node: sympy.Integer(1) for node in sums}
    outcome = compare(a.xreplace(ones), b.xreplace(ones), seed)
    if outcome is None or not outcome[0] or outcome[1]:
        return None
    return bases.pop()


def stated_fact(left: sympy.Expr, right: sympy.Expr) -> sympy.Basic | None:
    """``\\sum_i y_i = 1`` stated: the base y."""
    sums = sums_of_names(left)
    if right == 1 and len(sums) == 1 and left in sums:
        return sums[left]
    return None


def proportional(one: sympy.Expr, other: sympy.Expr, seed: str) -> bool:
    """``one = c · other`` for a constant c ≠ 0 (both moved to one side), at random points."""
    ratio = num.sample([one, other], seed)
    if not ratio:
        return False
    quotients = [x / y for x, y in ratio if y != 0 and x != 0]
    return len(quotients) == len(ratio) and all(num.close(q, quotients[0]) for q in quotients)


def is_number(expr: sympy.Expr) -> bool:
    if num.bound_symbols(expr):
        return False
    written = carry_out(num.expand_bounds(expr, {}))
    return not num.unknowns(written) and not opaque(written)


def compare(
    a: sympy.Expr,
    b: sympy.Expr,
    seed: str,
    normalised: frozenset[sympy.Basic] = frozenset(),
    chain_rule: bool = False,
) -> tuple[list[Instance], list[Instance]] | None:
    """Instantiations of the symbolic bounds where ``a == b`` holds, and where it fails
    (with ``chain_rule``, reading differentiated names as functions: ``judge.leibniz``)."""
    holding: list[Instance] = []
    failing: list[Instance] = []
    for instance in instantiations(a, b):
        up_to = min((int(v) for v in instance.values()), default=3)
        same = num.equal_everywhere(
            num.expand_bounds(a, instance),
            num.expand_bounds(b, instance),
            seed,
            normalised,
            up_to,
            chain_rule,
        )
        if same is None:
            return None
        (holding if same else failing).append(instance)
    return holding, failing


def holds_by_chain_rule(
    a: sympy.Expr, b: sympy.Expr, seed: str, normalised: frozenset[sympy.Basic] = frozenset()
) -> str | None:
    """What depends on what, when ``a == b`` holds at every instantiation once the names the
    link differentiates are read as functions (the chain rule in Leibniz notation)."""
    outcome = compare(a, b, seed, normalised, chain_rule=True)
    if outcome is None or not outcome[0] or outcome[1]:
        return None
    as_written = leibniz.dependencies(carry_out(a), carry_out(b))
    if not as_written:  # only the written-out sums differentiate: say it for one instance
        instance = outcome[0][0]
        as_written = leibniz.dependencies(
            carry_out(num.expand_bounds(a, instance)), carry_out(num.expand_bounds(b, instance))
        )
    return leibniz.describe(as_written, show)


ORDER_POINTS = 12
"""Random points an inequality between expressions is tried at (one-sided: more than for =)."""


def order_holds(
    a: sympy.Expr,
    b: sympy.Expr,
    strict: bool,
    seed: str,
    normalised: frozenset[sympy.Basic] = frozenset(),
) -> bool | None:
    """Whether a < b (or a <= b) at every instantiation and random positive point; ``None``
    if the sides cannot be evaluated."""
    for instance in instantiations(a, b):
        x, y = carry_out(num.expand_bounds(a, instance)), carry_out(num.expand_bounds(b, instance))
        for values in num.index_values(x, y):
            pair = [evaluable(num.put_in(x, values)), evaluable(num.put_in(y, values))]
            rows = num.sample(pair, seed, normalised, ORDER_POINTS, partial(_violated, strict))
            if rows is None:
                return None
            if any(_violated(strict, row) for row in rows):
                return False
    return True


def _violated(strict: bool, row: list[sympy.Float]) -> bool:
    low, high = row
    return not (low < high if strict else low <= high)


def instantiations(a: sympy.Expr, b: sympy.Expr) -> list[Instance]:
    bounds = num.bound_symbols(a) | num.bound_symbols(b)
    return num.instantiations(bounds, num.largest_index(a, b) if bounds else None)


def index_case(
    a: sympy.Expr, b: sympy.Expr, seed: str, normalised: frozenset[sympy.Basic] = frozenset()
) -> str | None:
    """"j ≠ k" when ``a == b`` holds whenever its index letters differ and fails only where
    two of them coincide (or "j = k" the other way round): a derivation taking the cases
    i = j and i ≠ j, whose case is stated in prose."""
    assignments = num.index_values(a, b)
    letters = sorted(assignments[0], key=str) if assignments else []
    if len(letters) < 2:
        return None
    distinct: list[bool] = []
    coinciding: list[bool] = []
    for values in assignments:
        same = num.equal_everywhere(num.put_in(a, values), num.put_in(b, values), seed, normalised)
        if same is None:
            return None
        apart = len(set(values.values())) == len(values)
        (distinct if apart else coinciding).append(same)
    names = [show(letter) for letter in letters]
    if all(distinct) and not all(coinciding):
        return " \\neq ".join(names)
    if all(coinciding) and not any(distinct):
        return " = ".join(names)
    return None


def likely_cause(
    a: sympy.Expr, b: sympy.Expr, failing: list[Instance], seed: str, name: Diagnose = diagnose
) -> str | None:
    """What differs between the sides at the first failing instances, named by ``name``."""
    for instance in failing[:6]:
        cause = name(num.expand_bounds(a, instance), num.expand_bounds(b, instance), seed)
        if cause:
            return cause
    return None


def holds_message(a: sympy.Expr, b: sympy.Expr, holding: list[Instance]) -> str:
    if holding != [{}]:
        names = ", ".join(sorted(bound_name(s) for s in holding[0]))
        extra = {int(v) for instance in holding for v in instance.values()} - set(num.BOUND_VALUES)
        shown = ", ".join(["1..6", *map(str, sorted(extra))])
        return f"holds for {names} = {shown} at random positive points"
    if symbolic_zero(num.expand_bounds(a - b, {})):
        return "holds symbolically"
    return f"holds at {num.POINTS} random positive points"


def bound_name(symbol: sympy.Basic) -> str:
    """K, or "the number of k" for the bound of a sum written without one (``\\sum_k``)."""
    name = str(symbol)
    return f"the number of {name[1:]}" if name.startswith("#") else name


def symbolic_zero(difference: sympy.Expr) -> bool:
    if opaque(difference):
        return False
    return expands_to_zero(difference, num.unknowns(difference))


def instance_text(instance: Instance) -> str:
    return ", ".join(f"{s} = {v}" for s, v in sorted(instance.items(), key=lambda kv: str(kv[0])))


def listing(bindings: dict[sympy.Basic, sympy.Rational]) -> str:
    ordered = sorted(bindings.items(), key=lambda kv: sympy.default_sort_key(kv[0]))
    return ", ".join(
        f"{show(s)} = {show(v) if v.is_Integer else decimal(v, 6).rstrip('0')}" for s, v in ordered
    )


def one_term(instance: Instance) -> bool:
    """Whether an unwritten bound is 1 in ``instance``: a sum over one term proves nothing
    about the sum (and one outcome of a distribution has mass 1)."""
    return any(str(s).startswith("#") and v == 1 for s, v in instance.items())


def one_sized(instance: Instance, a: sympy.Expr, b: sympy.Expr) -> bool:
    """Whether a bound both sides use, written (N, K) or not, is 1 in ``instance``: a step
    between two general expressions that holds only for one data point or one class is the
    step with a factor or a term lost (a dropped 1/N, y_j - p_j for p_j - y_j), not a
    statement about that size. (One side written out for K = 1 against the general sum is
    the writer's instance: that K is used from there on.)"""
    shared = num.bound_symbols(a) & num.bound_symbols(b)
    return any(v == 1 and s in shared for s, v in instance.items())


def case_of_indices(
    a: sympy.Expr,
    b: sympy.Expr,
    written_a: sympy.Expr,
    written_b: sympy.Expr,
    failing: list[Instance],
    seed: str,
    facts: frozenset[sympy.Basic],
) -> str | None:
    """The index case (``i \\neq j``) the link holds in, at the smallest failing bound or,
    for indices that differ, at the largest: with K = 1 no two indices i ≠ j are both ≤ K, so
    only a larger K shows a softmax Jacobian's i ≠ j case (an i = j case shows at K = 1)."""
    case = index_case(written_a, written_b, seed, facts)
    if case is not None or len(failing) < 2:
        return case
    last = failing[-1]
    wa, wb = carry_out(num.expand_bounds(a, last)), carry_out(num.expand_bounds(b, last))
    case = index_case(wa, wb, seed, facts)
    return case if case is not None and "\\neq" in case else None


def expected_text(a: sympy.Expr) -> str:
    """What the left-hand side is, when that is short enough to help."""
    try:
        shown = show(sympy.expand(carry_out(a)))
    except (TypeError, ValueError, ArithmeticError):
        return ""
    return f"; the left-hand side is ${shown}$" if len(shown) <= 90 else ""
