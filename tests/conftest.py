"""Shared test settings: hypothesis runs without deadlines (SymPy's first calls are slow)."""

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
