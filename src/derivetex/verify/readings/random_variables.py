r"""Entropy of random variables, read over one joint distribution of two of them.

Notes on information theory state identities between H(X), H(Y), H(X, Y), H(Y | X),
H(Y | X = x), I(X; Y) and the probabilities p(x), p(y), p(x, y), p(y | x), P(X = x):
the chain rule H(X, Y) = H(X) + H(Y | X), I(X; Y) = H(X) - H(X | Y),
H(Y | X) = Σ_x p(x) H(Y | X = x). Each holds for every joint distribution, so they are
checked with the joint an unknown p_{XY}(x, y) over x = 1..#x and y = 1..#y, the marginals
its sums and the conditionals their quotients; a slip in a sign or a conditioning shows.

This reading is taken only in a document whose entropies are of random variables (``H(X)``,
``I(X; Y)``) and that names no more than two of them; x and y are the outcomes of X and Y.
A probability or an entropy the document defines itself still wins (definitions come before
meanings). Anything with a third variable, or an argument that is not a variable or an
outcome, keeps no meaning and stays opaque.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import partial

import sympy

from derivetex.verify.readings.information import Meaning

_RANDOM = re.compile(r"\b[HI]\s*\(\s*([XYZ])\s*(?:[,;|]|\\mid)\s*([XYZ])?|\bH\s*\(\s*([XYZ])\s*\)")


def variables_in(text: str) -> tuple[sympy.Symbol, ...] | None:
    """The one or two random variables the document's entropies are of most often, in order
    (a third, as in a data-processing inequality, keeps no meaning)."""
    counts = Counter(
        letter for match in _RANDOM.finditer(text) for letter in match.groups() if letter
    )
    if not counts:
        return None
    chosen = [letter for letter, _ in counts.most_common(2)]
    return tuple(sympy.Symbol(letter) for letter in sorted(chosen))


class _Joint:
    def __init__(self, *variables: sympy.Symbol, base: int | None = None) -> None:
        self.base = base
        self.variables = variables
        self.outcomes = {v: sympy.Symbol(v.name.lower()) for v in self.variables}
        self.joint = sympy.Function(f"p_{{{''.join(v.name for v in variables)}}}(")

    def _log(self, x: sympy.Expr) -> sympy.Expr:
        return sympy.log(x) if self.base is None else sympy.log(x) / sympy.log(self.base)

    def _bound(self, variable: sympy.Symbol) -> sympy.Symbol:
        return sympy.Symbol(f"#{self.outcomes[variable]}")

    def _over(self, variable: sympy.Symbol, body: sympy.Expr, at: sympy.Basic) -> sympy.Expr:
        outcome = sympy.Dummy(self.outcomes[variable].name)
        return sympy.Sum(body.xreplace({at: outcome}), (outcome, 1, self._bound(variable)))

    def mass(self, values: dict[sympy.Symbol, sympy.Basic]) -> sympy.Expr:
        """P(variables = values), summing out the variables not given."""
        if len(self.variables) == 1:
            (only,) = self.variables
            return self.joint(values.get(only, self.outcomes[only]))
        first, second = self.variables
        a = values.get(first, self.outcomes[first])
        b = values.get(second, self.outcomes[second])
        total: sympy.Expr = self.joint(a, b)
        for variable, point in ((first, a), (second, b)):
            if variable not in values:
                total = self._over(variable, total, point)
        return total

    def everywhere(self, body: sympy.Expr) -> sympy.Expr:
        """Σ_x Σ_y body, over the outcomes of both variables."""
        first, second = self.variables
        return sympy.Sum(
            body,
            (self.outcomes[first], 1, self._bound(first)),
            (self.outcomes[second], 1, self._bound(second)),
        )

    def entropy(self, given: sympy.Symbol | None = None, *of: sympy.Symbol) -> sympy.Expr:
        """H(of | given): -Σ p(of, given) log p(of | given)."""
        both = {v: self.outcomes[v] for v in self.variables}
        if set(of) == set(self.variables) and given is None:
            joint = self.mass(both)
            return -self.everywhere(joint * self._log(joint))
        (variable,) = of
        if given is None:
            x = self.outcomes[variable]
            marginal = self.mass({variable: x})
            return -sympy.Sum(marginal * self._log(marginal), (x, 1, self._bound(variable)))
        joint = self.mass(both)
        return -self.everywhere(joint * self._log(joint / self.mass({given: self.outcomes[given]})))

    def information(self) -> sympy.Expr:
        if len(self.variables) == 1:
            return self.entropy(None, *self.variables)
        first, second = self.variables
        joint = self.mass({v: self.outcomes[v] for v in self.variables})
        product = self.mass({first: self.outcomes[first]}) * self.mass(
            {second: self.outcomes[second]}
        )
        return self.everywhere(joint * self._log(joint / product))


def meanings(*variables: sympy.Symbol, base: int | None = None) -> dict[str, Meaning]:
    """H(X), H(X, Y), H(Y | X), H(Y | X = x), I(X; Y) and p(x), p(x, y), p(y | x),
    P(X = x), keyed as the reader names them, over one or two variables."""
    model = _Joint(*variables, base=base)
    return {
        "H(/1": partial(_entropy, model),
        "H(,/2": partial(_joint_entropy, model),
        "H(|/2": partial(_conditional_entropy, model),
        "I(;/2": partial(_information, model),
        "I(,/2": partial(_information, model),
        "p(/1": partial(_probability, model),
        "P(/1": partial(_probability, model),
        "Pr(/1": partial(_probability, model),
        "p(,/2": partial(_joint_probability, model),
        "P(,/2": partial(_joint_probability, model),
        "p(|/2": partial(_conditional_probability, model),
        "P(|/2": partial(_conditional_probability, model),
    }


def _entropy(model: _Joint, x: sympy.Basic) -> sympy.Expr | None:
    return model.entropy(None, x) if x in model.variables else None


def _joint_entropy(model: _Joint, x: sympy.Basic, y: sympy.Basic) -> sympy.Expr | None:
    if x in model.variables and y in model.variables:
        return model.entropy(None, x) if x == y else model.entropy(None, x, y)
    return None


def _conditional_entropy(model: _Joint, x: sympy.Basic, given: sympy.Basic) -> sympy.Expr | None:
    if x not in model.variables:
        return None
    if given == x:
        return sympy.Integer(0)
    if given in model.variables:
        return model.entropy(given, x)
    event = _event(model, given)
    if event is None or event[0] == x:
        return None
    variable, value = event
    joint = model.mass({variable: value, x: model.outcomes[x]})
    conditional = joint / model.mass({variable: value})
    outcome = model.outcomes[x]
    return -sympy.Sum(conditional * model._log(conditional), (outcome, 1, model._bound(x)))


def _information(model: _Joint, x: sympy.Basic, y: sympy.Basic) -> sympy.Expr | None:
    if x in model.variables and y in model.variables:
        return model.entropy(None, x) if x == y else model.information()
    return None


def _event(model: _Joint, arg: sympy.Basic) -> tuple[sympy.Symbol, sympy.Basic] | None:
    """``X = x`` (read as the tuple (X, =, x)) or an outcome ``x``: the variable and value."""
    if isinstance(arg, sympy.Tuple) and len(arg) == 3 and str(arg[1]) == "=":
        variable, value = arg[0], arg[2]
        if variable in model.variables and not value.has(*model.variables):
            return variable, value
        return None
    for variable, outcome in model.outcomes.items():
        if arg == outcome:
            return variable, arg
    return None


def _probability(model: _Joint, arg: sympy.Basic) -> sympy.Expr | None:
    event = _event(model, arg)
    return None if event is None else model.mass({event[0]: event[1]})


def _joint_probability(model: _Joint, a: sympy.Basic, b: sympy.Basic) -> sympy.Expr | None:
    first, second = _event(model, a), _event(model, b)
    if first is None or second is None or first[0] == second[0]:
        return None
    return model.mass({first[0]: first[1], second[0]: second[1]})


def _conditional_probability(
    model: _Joint, a: sympy.Basic, given: sympy.Basic
) -> sympy.Expr | None:
    joint = _joint_probability(model, a, given)
    condition = _event(model, given)
    if joint is None or condition is None:
        return None
    return joint / model.mass({condition[0]: condition[1]})
