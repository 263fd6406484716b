"""Applying rules, recording steps and verifying every one of them."""

from derivetex.engine.builder import ChainBuilder
from derivetex.engine.checks import CheckContext
from derivetex.engine.step import Chain, Check, Derivation, Step

__all__ = ["Chain", "ChainBuilder", "Check", "CheckContext", "Derivation", "Step"]
