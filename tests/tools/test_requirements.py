"""require_tool: a loud skip on a developer machine, a failure in CI."""

from __future__ import annotations

import pytest

from derivetex.errors import ToolMissing
from derivetex.tools import requirements
from derivetex.tools.requirements import find_tool, require_tool


@pytest.fixture
def no_lualatex(monkeypatch):
    monkeypatch.setattr(requirements.shutil, "which", lambda _name: None)


def test_missing_tool_names_the_install_command(no_lualatex):
    with pytest.raises(ToolMissing, match="apt-get install texlive-luatex texlive-lang-japanese"):
        find_tool("lualatex")


def test_missing_tool_skips_outside_ci(no_lualatex, monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="NOT TESTED.*lualatex"):
        require_tool("lualatex")


def test_missing_tool_fails_in_ci(no_lualatex, monkeypatch):
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="CI=true.*lualatex"):
        require_tool("lualatex")


def test_unknown_tool_is_an_error():
    with pytest.raises(ToolMissing, match="unknown tool"):
        find_tool("latex3000")
