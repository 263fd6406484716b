"""Derivations as data: TOML specs, read (``loader``), named (``reading``) and built (``build``)."""

from derivetex.specs.build import build_spec
from derivetex.specs.loader import SpecError, load_spec
from derivetex.specs.schema import Spec

__all__ = ["Spec", "SpecError", "build_spec", "load_spec"]
