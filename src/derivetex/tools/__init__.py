"""Wrappers around external tools (KaTeX/MathJax via Node, LuaLaTeX, pdftoppm, Chromium).

Development and test tooling: each wrapper raises ``ToolMissing`` with the install command
when its program is absent, and ``requirements.require_tool`` turns that into a loud skip
(or a failure when ``CI=true``).
"""
