r"""Information theory's notation, read as its definitions over a discrete outcome x.

An expectation with its distribution written (``\mathbb{E}_{x \sim p}[f(x)]``,
``\mathbb{E}_{p(x)}[f]``, ``E_p[-\log p(x)]``) is Σ_x p(x) f(x); the entropy H(p), the
cross-entropy H(p, q) and the divergence D_KL(p ‖ q) (``KL(p, q)``, ``D_{\mathrm{KL}}``) are
-Σ_x p(x) log p(x), -Σ_x p(x) log q(x) and Σ_x p(x) log(p(x)/q(x)), unless the document
defines them. The sum over x has an unwritten bound (checked at 1..6 like any other), the
values p(1), p(2), ... are unknowns: identities such as H(p, q) = H(p) + D_KL(p ‖ q) hold for
any values, so they are checked without knowing the distribution; a sign slip shows. The
continuous forms (integrals) stay opaque, so an expectation written as an integral, or as an
average over samples, is never compared with this sum: different opaque terms are unchecked.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import sympy
from sympy.core.function import AppliedUndef
from sympy.tensor.indexed import Indexed

from derivetex.reader import Unreadable, parse

OUTCOME = sympy.Symbol("x")
"""The outcome a definition sums over; ``\\sum_x`` in a document reads to the same sum."""

Meaning = Callable[..., sympy.Expr | None]

_RANDOM_VARIABLES = frozenset("XYZABUVW")
"""Capital letters that name random variables or events, not distributions."""


def meanings() -> dict[str, Meaning]:
    """Entropy, cross-entropy and KL, keyed ``name/arity`` as the reader names them."""
    found: dict[str, Meaning] = {"H(/1": _entropy, "H(,/2": _cross_entropy}
    for name in ("D_{KL}", r"D_{\mathrm{KL}}", r"D_{\text{KL}}", r"D_\mathrm{KL}", "KL"):
        for marks in ("||", ","):
            found[f"{name}({marks}/2"] = _divergence
    found["D(||/2"] = _divergence
    return found


def applied(distribution: sympy.Basic, outcome: sympy.Symbol) -> sympy.Expr | None:
    """``p(x)`` for a distribution written ``p``, ``p_\\theta``, ``\\hat{p}`` or ``p(x)``; none
    for a random variable (``H(X)``, ``H(X, Y)`` is the joint entropy, not a cross-entropy)."""
    if isinstance(distribution, sympy.Symbol) and not distribution.name.startswith("#"):
        if distribution.name in _RANDOM_VARIABLES:
            return None
        return sympy.Function(f"{distribution.name}(")(outcome)
    if isinstance(distribution, Indexed):
        return sympy.Function(f"{distribution.base.label}(")(*distribution.indices, outcome)
    if isinstance(distribution, AppliedUndef) and distribution.args == (outcome,):
        return distribution
    return None


def _outcome_of(*distributions: sympy.Basic) -> sympy.Symbol:
    """The outcome the arguments name (``D(p(y) \\| q(y))`` sums over y), else x."""
    for d in distributions:
        if isinstance(d, AppliedUndef) and len(d.args) == 1 and isinstance(d.args[0], sympy.Symbol):
            return d.args[0]
    return OUTCOME


def _over(outcome: sympy.Symbol, body: sympy.Expr) -> sympy.Expr:
    return sympy.Sum(body, (outcome, 1, sympy.Symbol(f"#{outcome}")))


def _expected(outcome: sympy.Symbol, density: sympy.Expr, body: sympy.Expr) -> sympy.Expr:
    """Σ_x p(x) (body), the terms of the body free of x taken out as they are: a
    distribution's weights sum to 1 (``E_{q(z)}[\\log p(x)] = \\log p(x)``)."""
    terms = sympy.Add.make_args(sympy.expand(body, deep=False, log=False, mul=False))
    free = [t for t in terms if not t.has(outcome)]
    bound = [t for t in terms if t.has(outcome)]
    rest = _over(outcome, density * sympy.Add(*bound)) if bound else sympy.Integer(0)
    return sympy.Add(*free) + rest


def _entropy(p: sympy.Basic) -> sympy.Expr | None:
    x = _outcome_of(p)
    px = applied(p, x)
    return None if px is None else -_over(x, px * sympy.log(px))


def _cross_entropy(p: sympy.Basic, q: sympy.Basic) -> sympy.Expr | None:
    x = _outcome_of(p, q)
    px, qx = applied(p, x), applied(q, x)
    return None if px is None or qx is None else -_over(x, px * sympy.log(qx))


def _divergence(p: sympy.Basic, q: sympy.Basic) -> sympy.Expr | None:
    x = _outcome_of(p, q)
    px, qx = applied(p, x), applied(q, x)
    if px is None or qx is None:
        return None
    return _over(x, px * (sympy.log(px) - sympy.log(qx)))


_SUBSCRIPTED = re.compile(r"(?:\\mathbb\{E\}|E)_(.+)\[")


def expectations_as_sums(expr: sympy.Expr) -> sympy.Expr:
    """Every expectation whose distribution is written, as its sum over the outcome."""
    found = {}
    for node in expr.atoms(AppliedUndef):
        total = _as_sum(node)
        if total is not None:
            found[node] = total
    return sympy.sympify(expr.xreplace(found)) if found else expr


def _as_sum(node: AppliedUndef) -> sympy.Expr | None:
    name = node.func.__name__
    if not (name.startswith((r"\mathbb{E}", "E")) and name.endswith("[")) or not node.args:
        return None
    body = node.args[-1]
    written = _SUBSCRIPTED.fullmatch(name)
    if written is not None:
        return _from_subscript(written.group(1), body)
    if len(node.args) == 2:  # E_p[...]: the reader took p for an index
        distribution = node.args[0]
        outcomes = {
            a.args[-1]
            for a in body.atoms(AppliedUndef)
            if applied(distribution, a.args[-1]) == a and isinstance(a.args[-1], sympy.Symbol)
        }
        if len(outcomes) == 1:
            outcome = outcomes.pop()
            density = applied(distribution, outcome)
            return None if density is None else _expected(outcome, density, body)
    return None


def _from_subscript(subscript: str, body: sympy.Expr) -> sympy.Expr | None:
    """``{x\\sim p}``, ``{x \\sim p(x)}`` or ``{p(x)}``: the outcome and the density."""
    text = subscript[1:-1] if subscript.startswith("{") and subscript.endswith("}") else subscript
    if r"\sim" in text:
        letter, distribution = (part.strip() for part in text.split(r"\sim", 1))
    else:
        call = re.fullmatch(r"(.+)\((\\?[A-Za-z]+)\)", text)
        if call is None:
            return None
        distribution, letter = call.group(1), call.group(2)
    if not re.fullmatch(r"\\?[A-Za-z]+", letter):
        return None
    outcome = sympy.Symbol(letter)
    distribution = re.sub(rf"\({re.escape(letter)}\)$", "", distribution)
    try:
        density, _ = parse(f"{distribution}({letter})")
    except (Unreadable, RecursionError, TypeError, ValueError, AttributeError, IndexError):
        return None
    if not isinstance(density, AppliedUndef):
        return None
    return _expected(outcome, density, body)


def same_outcomes(a: sympy.Expr, b: sympy.Expr) -> tuple[sympy.Expr, sympy.Expr]:
    """A meaning's sum over x (bound ``#x``) and the document's ``\\sum_{x \\in \\mathcal{X}}``
    in the same link run over the same outcomes: one bound for both."""
    bounds: dict[sympy.Basic, set[sympy.Basic]] = {}
    for side in (a, b):
        for node in side.atoms(sympy.Sum):
            for index, _, high in node.limits:
                if isinstance(high, sympy.Symbol) and high.name.startswith("#|"):
                    bounds.setdefault(index, set()).add(high)
    written = {}
    for index, sets in bounds.items():
        default = sympy.Symbol(f"#{index}")
        if len(sets) == 1 and (a.has(default) or b.has(default)):
            written[default] = next(iter(sets))
    default = sympy.Symbol(f"#{OUTCOME}")
    every = {
        high
        for side in (a, b)
        for node in side.atoms(sympy.Sum)
        for _, _, high in node.limits
        if isinstance(high, sympy.Symbol) and high.name.startswith("#") and high != default
    }
    if default not in written and len(every) == 1 and (a.has(default) or b.has(default)):
        written[default] = next(iter(every))  # H(p, q) against \sum_{i \in I} p_i \log q_i
    if written:
        a, b = a.xreplace(written), b.xreplace(written)
    return same_notation(a, b)


_DISTRIBUTIONS = frozenset({"p", "q", "P", "Q"})
"""Letters that name distributions: one written p_i makes the link's q(x) q_x as well."""


def same_notation(a: sympy.Expr, b: sympy.Expr) -> tuple[sympy.Expr, sympy.Expr]:
    """``p(x)`` and ``p_x`` are one notation for a distribution's masses: where the link
    writes p with a subscript, a meaning's p(x) becomes p_x."""
    indexed = {
        str(node.base.label)
        for side in (a, b)
        for node in side.atoms(Indexed)
        if len(node.indices) == 1
    }
    if not indexed:
        return a, b
    names = indexed | _DISTRIBUTIONS if indexed & _DISTRIBUTIONS else indexed
    found = {
        node: sympy.IndexedBase(node.func.__name__[:-1])[node.args[0]]
        for side in (a, b)
        for node in side.atoms(AppliedUndef)
        if node.func.__name__.endswith("(")
        and node.func.__name__[:-1] in names
        and len(node.args) == 1
        and isinstance(node.args[0], (sympy.Symbol, sympy.Integer))
    }
    if not found:
        return a, b
    return sympy.sympify(a.xreplace(found)), sympy.sympify(b.xreplace(found))


def constant_expectations(a: sympy.Expr, b: sympy.Expr) -> tuple[sympy.Expr, sympy.Expr]:
    """``E_x[f]`` with f free of x is f, whatever x's distribution: its weights sum to 1.

    The subscript is read as the outcome only when the link uses it as one (a sum's index
    or a function's argument) and never as a distribution's name, so ``E_p[\\log q(x)]``
    (p the distribution) is left alone. An expectation whose body does depend on x, with no
    distribution written, stays opaque."""
    used = _outcomes(a) | _outcomes(b)
    names = {n.func.__name__.rstrip("(") for side in (a, b) for n in side.atoms(AppliedUndef)}
    found = {}
    for side in (a, b):
        for node in side.atoms(AppliedUndef):
            name = node.func.__name__
            if not (name in ("E[", r"\mathbb{E}[") and len(node.args) == 2):
                continue
            outcome, body = node.args
            if (
                isinstance(outcome, sympy.Symbol)
                and outcome in used
                and outcome.name not in names
                and not body.has(outcome)
                and not body.atoms(AppliedUndef) & {node}
            ):
                found[node] = body
    if not found:
        return a, b
    return sympy.sympify(a.xreplace(found)), sympy.sympify(b.xreplace(found))


def _outcomes(expr: sympy.Expr) -> set[sympy.Basic]:
    """Names the expression uses as outcomes: sum indices and arguments of functions."""
    found: set[sympy.Basic] = set()
    for node in expr.atoms(sympy.Sum):
        found.update(limit[0] for limit in node.limits)
    for node in expr.atoms(AppliedUndef):
        if not node.func.__name__.endswith("["):
            found.update(arg for arg in node.args if isinstance(arg, sympy.Symbol))
    return found


def distributions_in(*exprs: sympy.Expr) -> frozenset[sympy.Basic]:
    """The distributions whose masses the expressions sum over (p_i, q(x), a joint
    p_{XY}(x, y)): an inequality such as D_KL(p ‖ q) ≥ 0 holds only for masses that sum to
    1, so these are drawn that way. Named by the letters that name distributions."""
    found: set[sympy.Basic] = set()
    for expr in exprs:
        for node in expr.atoms(sympy.Sum):
            body = node.function
            for item in body.atoms(Indexed):
                if str(item.base.label) in _DISTRIBUTIONS:
                    found.add(item.base)
            for call in body.atoms(AppliedUndef):
                name = call.func.__name__
                if name.endswith("(") and (name[:-1] in _DISTRIBUTIONS or name.startswith("p_{")):
                    found.add(sympy.IndexedBase(name[:-1]))
    return frozenset(found)
