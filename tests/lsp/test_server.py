"""``derivetex lsp`` driven end to end by pytest-lsp's client over stdio: a real server process,
real protocol messages, the audit in the server's worker."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities

DOCS = Path(__file__).parent / "docs"
POST = (DOCS / "post.md").read_text(encoding="utf-8")
HOMEWORK = (DOCS / "homework.tex").read_text(encoding="utf-8")
RUNAWAY = "# First\n\n$$ (x+1)^2 = x^2 + 2x + 1 = x^2 + 1 $$\n\n# Second\n\n$$ 99999999! = 1 $$\n"
WAIT = 120.0

pytestmark = pytest.mark.asyncio(loop_scope="module")


@pytest_lsp.fixture(
    scope="module",
    config=ClientServerConfig(server_command=[sys.executable, "-m", "derivetex", "lsp"]),
)
async def client(lsp_client: LanguageClient):
    await lsp_client.initialize_session(
        types.InitializeParams(
            capabilities=client_capabilities("neovim"),
            initialization_options={"debounce": 0.05},
        )
    )
    # Opened here, not by the first tests: under pytest-xdist each worker that runs a test of
    # this module starts its own server, and every test needs both documents open.
    lsp_client.opened = {  # type: ignore[attr-defined]
        "post.md": await _open(lsp_client, "post.md", POST, "markdown"),
        "homework.tex": await _open(lsp_client, "homework.tex", HOMEWORK, "latex"),
    }
    yield
    await lsp_client.shutdown_session()


def _uri(name: str) -> str:
    return (DOCS / name).resolve().as_uri()


async def _open(client: LanguageClient, name: str, text: str, language: str) -> list:
    uri = _uri(name)
    client.text_document_did_open(types.DidOpenTextDocumentParams(
        text_document=types.TextDocumentItem(uri=uri, language_id=language, version=1, text=text)
    ))
    return await _diagnostics(client, uri)


async def _diagnostics(client: LanguageClient, uri: str) -> list:
    import asyncio

    async def published() -> list:
        while True:
            params = await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
            if params.uri == uri:
                return list(params.diagnostics)

    return await asyncio.wait_for(published(), WAIT)


def _text(source: str, diagnostic: types.Diagnostic) -> str:
    lines = source.split("\n")
    start, end = diagnostic.range.start, diagnostic.range.end
    assert start.line == end.line
    return lines[start.line][start.character:end.character]


async def test_open_marks_the_wrong_step_and_number_on_their_own_characters(client):
    diagnostics = client.opened["post.md"]
    assert [d.severity for d in diagnostics] == [types.DiagnosticSeverity.Error] * 2
    step, number = sorted(diagnostics, key=lambda d: d.range.start.line)
    assert step.range.start.line == 12 and _text(POST, step) == r"= 2 \log y_1"
    assert number.range.start.line == 18
    assert _text(POST, number) == r"-\log 0.33 \approx 1.18"
    assert "1.108663" in number.message and number.source == "derivetex"


async def test_latex_homework_is_read_too(client):
    diagnostics = client.opened["homework.tex"]
    assert len(diagnostics) == 1
    assert diagnostics[0].range.start.line == 6
    assert _text(HOMEWORK, diagnostics[0]) == "= x^2 + 3x + 1"


async def test_hover_shows_the_reading_and_the_verdict(client):
    hover = await client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=_uri("post.md")),
        position=types.Position(line=18, character=POST.split("\n")[18].index("0.33 \\approx")),
    ))
    assert hover is not None
    text = hover.contents.value
    assert "read as" in text and r"\log" in text and "**error**" in text and "1.108663" in text


async def _actions(client: LanguageClient, line: int) -> list[types.CodeAction]:
    found = await client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=_uri("post.md")),
        range=types.Range(start=types.Position(line=line, character=0),
                          end=types.Position(line=line, character=0)),
        context=types.CodeActionContext(diagnostics=[]),
    ))
    return list(found or [])


def _edit(action: types.CodeAction) -> types.TextEdit:
    assert action.edit is not None and action.edit.changes is not None
    (edits,) = action.edit.changes.values()
    return edits[0]


async def _actions_once_audited(client: LanguageClient, line: int) -> list[types.CodeAction]:
    """The actions on ``line`` once the server knows the findings of the open text (until
    then it offers none: it never offers edits computed from an older text)."""
    import asyncio

    deadline = asyncio.get_running_loop().time() + WAIT
    while True:
        found = await _actions(client, line)
        if found or asyncio.get_running_loop().time() > deadline:
            return found
        await asyncio.sleep(0.2)


async def test_code_actions_fix_the_number_silence_it_or_justify_a_row(client):
    number = {a.title: a for a in await _actions_once_audited(client, 18)}
    assert any(t.startswith("Replace 1.18 by") for t in number), list(number)
    replace = next(a for t, a in number.items() if t.startswith("Replace 1.18 by"))
    assert _edit(replace).new_text == "1.11"
    ignore = next(a for t, a in number.items() if t.startswith("Ignore"))
    # at the end of the row, naming the finding's code so that it silences only this finding
    assert _edit(ignore).new_text == " <!-- derivetex: ignore DT101 -->"
    assert _edit(ignore).range.start == types.Position(line=18, character=len(
        POST.split("\n")[18]))
    step_ignore = next(a for a in await _actions(client, 12) if a.title.startswith("Ignore"))
    assert step_ignore.edit is not None and step_ignore.edit.changes is not None
    off, on = next(iter(step_ignore.edit.changes.values()))  # around the block, not inside it
    assert (off.range.start.line, off.new_text) == (8, "<!-- derivetex: off DT199 -->\n")
    assert (on.range.start.line, on.new_text) == (15, "<!-- derivetex: on -->\n")
    rows = [a for a in await _actions(client, 11) if a.title.startswith("Insert")]
    assert rows and "log_product" in rows[0].title
    row = _edit(rows[0])
    assert row.range.start.line == 11 and row.new_text.startswith("&\\qquad ")
    assert row.new_text.rstrip().endswith("\\\\")


async def test_a_change_is_audited_again(client):
    uri = _uri("post.md")
    fixed = POST.replace(r"&= 2 \log y_1", r"&= \log y_2 + \log y_1")
    lines = POST.split("\n")
    client.text_document_did_change(types.DidChangeTextDocumentParams(
        text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=2),
        content_changes=[types.TextDocumentContentChangePartial(
            range=types.Range(start=types.Position(line=12, character=0),
                              end=types.Position(line=12, character=len(lines[12]))),
            text=fixed.split("\n")[12],
        )],
    ))
    diagnostics = await _diagnostics(client, uri)
    assert [d.range.start.line for d in diagnostics] == [18]


async def test_configuration_change_shows_unchecked_links_as_hints(client):
    uri = _uri("post.md")
    client.workspace_did_change_configuration(types.DidChangeConfigurationParams(
        settings={"derivetex": {"unchecked": True}}
    ))
    diagnostics = await _diagnostics(client, uri)
    hints = [d for d in diagnostics if d.severity == types.DiagnosticSeverity.Hint]
    assert hints and hints[0].range.start.line == 10 and hints[0].code == "undefined"
    client.workspace_did_change_configuration(types.DidChangeConfigurationParams(
        settings={"derivetex": {"unchecked": False}}
    ))
    await _diagnostics(client, uri)


async def test_a_runaway_link_is_cut_and_the_server_goes_on(client):
    diagnostics = await _open(client, "runaway.md", RUNAWAY, "markdown")
    assert [d.range.start.line for d in diagnostics] == [2]  # the wrong step, still found
    again = await client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=_uri("homework.tex")),
        position=types.Position(line=6, character=6),
    ))
    assert again is not None and "**error**" in again.contents.value


def _children(pid: int) -> list[int]:
    """The processes ``pid`` forked (Linux's /proc), here the server's audit worker."""
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        found.extend(int(c) for c in (task / "children").read_text().split())
    return found


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="needs Linux's /proc")
async def test_a_worker_killed_mid_audit_leaves_the_server_and_other_diagnostics(client):
    import asyncio
    import os
    import signal

    before = dict(client.diagnostics)
    assert before[_uri("homework.tex")]
    uri = _uri("slow.md")
    client.text_document_did_open(types.DidOpenTextDocumentParams(
        text_document=types.TextDocumentItem(
            uri=uri, language_id="markdown", version=1,
            text="# Slow\n\n$$ 99999999! = 1 $$\n\n$$ 2 + 2 = 5 $$\n"),
    ))
    await asyncio.sleep(1.0)
    server = client._server
    assert server is not None
    workers = _children(server.pid)
    assert workers
    for pid in workers:
        os.kill(pid, signal.SIGKILL)
    assert await _diagnostics(client, uri) == []  # one unchecked finding: hidden by default
    said = await client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=uri), position=types.Position(line=0,
                                                                                  character=1)))
    assert said is not None and "ended by SIGKILL" in said.contents.value
    assert client.diagnostics[_uri("homework.tex")] == before[_uri("homework.tex")]
    diagnostics = await _open(client, "again.md", "# A\n\n$$ 2 + 2 = 5 $$\n", "markdown")
    assert [d.severity for d in diagnostics] == [types.DiagnosticSeverity.Error]
    assert set(_children(server.pid)).isdisjoint(workers)
