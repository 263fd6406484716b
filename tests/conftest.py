"""Shared test settings: hypothesis runs without deadlines (SymPy's first calls are slow)."""

import pytest
from hypothesis import HealthCheck, settings

settings.register_profile(
    "derivetex", deadline=None, suppress_health_check=[HealthCheck.too_slow], print_blob=True
)
settings.load_profile("derivetex")


def pytest_addoption(parser):  # type: ignore[no-untyped-def]
    parser.addoption(
        "--update-golden", action="store_true",
        help="rewrite tests/golden/files from the current code (then review `git diff`)",
    )


@pytest.fixture(autouse=True)
def _verify_cache_elsewhere(tmp_path_factory, monkeypatch):  # type: ignore[no-untyped-def]
    """``derivetex verify`` keeps its cache in a temporary directory, never in the checkout
    (subprocesses inherit the variable)."""
    monkeypatch.setenv("DERIVETEX_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "verify-cache"))
