"""The chain-rule reading of Leibniz notation (``judge.leibniz``) agrees with concrete
functions: a claim it proves holds when L and each p_j are actual functions, and a claim it
does not prove fails for them. Every p_j appears in the claim: the reading knows only the
dependencies a link writes (a term dropped from a chain written out by hand, with no trace
of its p_j left, is beyond it)."""

from __future__ import annotations

import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from derivetex.judge import leibniz
from derivetex.verify.decide.comparing import holds_by_chain_rule

x = sympy.Symbol("x")
L = sympy.Symbol("L")
p = sympy.IndexedBase("p")


def _claim(coefficients: list[int]) -> tuple[sympy.Expr, sympy.Expr]:
    """dL/dx against sum_j c_j dL/dp_j dp_j/dx (the chain rule when every c_j is 1)."""
    left = sympy.Derivative(L, x)
    right = sympy.Add(*(
        c * sympy.Derivative(L, p[j]) * sympy.Derivative(p[j], x)
        for j, c in enumerate(coefficients, start=1)
    ))
    return left, right


def _concrete(expr: sympy.Expr, n: int, powers: list[int]) -> sympy.Expr:
    """``expr`` with p_j = x^(j+1) + j and L = sum_j p_j^powers[j], derivatives carried out."""
    xi = sympy.symbols(f"xi1:{n + 1}")
    outer = sum(v ** k for v, k in zip(xi, powers, strict=True))
    inner = {p[j]: x ** (j + 1) + j for j in range(1, n + 1)}
    replaced = expr
    for node in expr.atoms(sympy.Derivative):
        if node.expr == L and node.variables == (x,):
            value = sympy.diff(outer.subs(dict(zip(xi, inner.values(), strict=True))), x)
        elif node.expr == L:
            (j,) = node.variables[0].indices
            value = sympy.diff(outer, xi[int(j) - 1]).subs(
                dict(zip(xi, inner.values(), strict=True)))
        else:
            value = sympy.diff(inner[node.expr], x)
        replaced = replaced.xreplace({node: value})
    return replaced


@settings(max_examples=25, deadline=None)
@given(
    coefficients=st.lists(st.sampled_from([1, 1, 1, 2, -1]), min_size=1, max_size=3),
    powers=st.lists(st.integers(min_value=2, max_value=4), min_size=3, max_size=3),
)
def test_the_reading_agrees_with_concrete_functions(
    coefficients: list[int], powers: list[int]
) -> None:
    left, right = _claim(coefficients)
    n = len(coefficients)
    concrete = sympy.simplify(
        _concrete(left, n, powers[:n]) - _concrete(right, n, powers[:n])) == 0
    proved = holds_by_chain_rule(left, right, "leibniz") is not None
    assert proved == concrete


def test_a_path_through_p_is_not_also_a_direct_dependency() -> None:
    left, right = _claim([1, 1])
    depends_on = leibniz.dependencies(left, right)
    assert depends_on[L] == [p[1], p[2]]
    assert depends_on[p[1]] == [x]


def test_names_that_depend_on_each_other_are_not_read() -> None:
    u, v = sympy.symbols("u v")
    assert leibniz.dependencies(sympy.Derivative(u, v) - sympy.Derivative(v, u)) == {}


def test_only_the_dependencies_the_link_writes_are_read() -> None:
    left, right = _claim([0, 1])  # the p_1 term dropped: L is read as a function of p_2 alone
    assert leibniz.dependencies(left, right)[L] == [p[2]]
