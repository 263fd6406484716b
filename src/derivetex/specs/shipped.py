"""The derivations that ship as specs inside the package (``specs/derivations/*.toml``)."""

from __future__ import annotations

from pathlib import Path

FIRST_PART = ("multiclass", "categorical", "binary", "batch", "softmax-gradient", "gaussian-mse")
CATALOG = ("sigmoid-derivative", "mse-gradient", "bernoulli-mle", "categorical-mle",
           "gaussian-mean-mle", "gaussian-variance-mle", "poisson-mle", "log-sum-exp-gradient",
           "logistic-regression", "softmax-jacobian", "cross-entropy-kl", "label-smoothing",
           "gaussian-kl")
"""The second part: derivations ML writers need, written with rules and fill."""
SERIES = FIRST_PART + CATALOG
"""The shipped specs, in the order of the series."""


def _folder() -> Path:
    """Beside this module (what ``importlib.resources`` would find for a package on disk,
    without importing it and ``zipfile`` on every run)."""
    return Path(__file__).parent / "derivations"


SHIPPED: dict[str, Path] = {
    name: _folder() / f"{name}.toml" for name in SERIES if (_folder() / f"{name}.toml").is_file()
}
