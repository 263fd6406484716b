"""``derivetex lsp`` reads the settings file as ``derivetex verify`` does (log base, preamble,
select / ignore), applies suppression comments, re-audits when a watched settings file changes,
sees a changed file without watching, and reports a bad one once, going on with the defaults.

Driven by pytest-lsp's client over stdio: a real server process, each test in its own folder."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities

WAIT = 120.0
BITS = "# Coding\n\nThree questions: $\\log 8 = 3$.\n"  # DT103 unless log means log2
SLIPS = "$3 \\cdot 4 = 13$\n\n$-\\log 0.5 = -0.693147$\n"  # DT101 on line 1, DT102 on line 3
MACRO = "# M\n\nWe have $\\half \\cdot 4 = 2$.\n"  # unread without the preamble's \half
SERVER = ClientServerConfig(server_command=[sys.executable, "-m", "derivetex", "lsp"])

pytestmark = pytest.mark.asyncio(loop_scope="module")


def _capabilities(watching: bool) -> types.ClientCapabilities:
    capabilities = client_capabilities("neovim")
    assert capabilities.workspace is not None
    capabilities.workspace.did_change_watched_files = (
        types.DidChangeWatchedFilesClientCapabilities(dynamic_registration=True)
        if watching else None)
    return capabilities


async def _session(client: LanguageClient, watching: bool) -> list[types.Registration]:
    registrations: list[types.Registration] = []

    @client.feature(types.CLIENT_REGISTER_CAPABILITY)
    def _register(params: types.RegistrationParams) -> None:
        registrations.extend(params.registrations)

    await client.initialize_session(types.InitializeParams(
        capabilities=_capabilities(watching), initialization_options={"debounce": 0.05}))
    return registrations


@pytest_lsp.fixture(scope="module", config=SERVER)
async def watching(lsp_client: LanguageClient):
    lsp_client.registrations = await _session(lsp_client, watching=True)  # type: ignore[attr-defined]
    yield
    await lsp_client.shutdown_session()


@pytest_lsp.fixture(scope="module", config=SERVER)
async def plain(lsp_client: LanguageClient):
    lsp_client.registrations = await _session(lsp_client, watching=False)  # type: ignore[attr-defined]
    yield
    await lsp_client.shutdown_session()


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


async def _published(client: LanguageClient, uri: str, send) -> list[types.Diagnostic]:
    """The diagnostics the server publishes for ``uri`` after ``send()`` (the next ones)."""
    client.diagnostics.pop(uri, None)
    send()

    async def arrived() -> list[types.Diagnostic]:
        while uri not in client.diagnostics:
            await asyncio.sleep(0.02)
        return list(client.diagnostics[uri])

    return await asyncio.wait_for(arrived(), WAIT)


async def _open(client: LanguageClient, post: Path) -> list[types.Diagnostic]:
    uri = post.resolve().as_uri()
    item = types.TextDocumentItem(uri=uri, language_id="markdown", version=1,
                                  text=post.read_text(encoding="utf-8"))
    return await _published(client, uri, lambda: client.text_document_did_open(
        types.DidOpenTextDocumentParams(text_document=item)))


def _lines(diagnostics: list[types.Diagnostic]) -> list[tuple[int, object]]:
    return sorted((d.range.start.line + 1, d.code) for d in diagnostics)


async def test_the_settings_log_base_changes_the_verdict(watching, tmp_path: Path):
    _write(tmp_path, "bits/pyproject.toml", "[project]\nname = 'b'\n[tool.derivetex]\nlog-base = 2")
    in_bits = await _open(watching, _write(tmp_path, "bits/posts/coding.md", BITS))
    natural = await _open(watching, _write(tmp_path, "plain/coding.md", BITS))
    assert in_bits == []
    assert _lines(natural) == [(3, "DT103")]


async def test_the_settings_preamble_gives_the_macros(watching, tmp_path: Path):
    _write(tmp_path, "course/tex/m.tex", "\\newcommand{\\half}{3}\n")
    _write(tmp_path, "course/derivetex.toml", "preamble = ['tex/m.tex']\n")
    with_macros = await _open(watching, _write(tmp_path, "course/m.md", MACRO))
    without = await _open(watching, _write(tmp_path, "other/m.md", MACRO))
    assert _lines(with_macros) == [(3, "DT101")]
    assert "computes 12" in with_macros[0].message
    assert without == []


async def test_a_suppression_comment_silences_its_row_only(watching, tmp_path: Path):
    post = _write(tmp_path, "c/slips.md",
                  "$3 \\cdot 4 = 13$ <!-- derivetex: ignore DT101 -->\n\n$2 + 2 = 5$\n")
    assert _lines(await _open(watching, post)) == [(3, "DT101")]


async def test_select_and_ignore_in_the_settings(watching, tmp_path: Path):
    _write(tmp_path, "ignored/derivetex.toml", "ignore = ['DT101']\n")
    _write(tmp_path, "selected/derivetex.toml", "select = ['DT101']\n")
    everything = await _open(watching, _write(tmp_path, "all/slips.md", SLIPS))
    ignored = await _open(watching, _write(tmp_path, "ignored/slips.md", SLIPS))
    selected = await _open(watching, _write(tmp_path, "selected/slips.md", SLIPS))
    assert _lines(everything) == [(1, "DT101"), (3, "DT102")]
    assert _lines(ignored) == [(3, "DT102")]
    assert _lines(selected) == [(1, "DT101")]


async def test_the_server_watches_the_settings_files(watching):
    async def registered() -> None:  # asked for after `initialized`: it may still be on its way
        while not watching.registrations:
            await asyncio.sleep(0.02)

    await asyncio.wait_for(registered(), WAIT)
    (registration,) = watching.registrations
    assert registration.method == types.WORKSPACE_DID_CHANGE_WATCHED_FILES
    globs = [w["globPattern"] for w in registration.register_options["watchers"]]
    assert globs == ["**/derivetex.toml", "**/pyproject.toml"]


async def test_an_edited_settings_file_is_applied_on_the_watch_notice(watching, tmp_path: Path):
    post = _write(tmp_path, "w/coding.md", BITS)
    assert _lines(await _open(watching, post)) == [(3, "DT103")]
    settings = _write(tmp_path, "w/derivetex.toml", "log-base = 2\n")
    notice = types.DidChangeWatchedFilesParams(changes=[
        types.FileEvent(uri=settings.as_uri(), type=types.FileChangeType.Created)])
    uri = post.resolve().as_uri()
    assert await _published(watching, uri,
                            lambda: watching.workspace_did_change_watched_files(notice)) == []
    settings.write_text("ignore = ['DT1']\nlog-base = 'e'\n", encoding="utf-8")
    notice.changes[0].type = types.FileChangeType.Changed
    assert await _published(watching, uri,
                            lambda: watching.workspace_did_change_watched_files(notice)) == []
    settings.unlink()
    notice.changes[0].type = types.FileChangeType.Deleted
    again = await _published(watching, uri,
                             lambda: watching.workspace_did_change_watched_files(notice))
    assert _lines(again) == [(3, "DT103")]


async def test_a_bad_value_is_one_message_and_the_defaults_hold(watching, tmp_path: Path):
    settings = _write(tmp_path, "bad/derivetex.toml", "log-base = 'banana'\n")
    first = await _open(watching, _write(tmp_path, "bad/one.md", BITS))
    second = await _open(watching, _write(tmp_path, "bad/two.md", SLIPS))
    assert _lines(first) == [(3, "DT103")]  # the defaults: a bare log is natural
    assert _lines(second) == [(1, "DT101"), (3, "DT102")]
    told = [m for m in watching.messages if str(settings) in m.message]
    assert len(told) == 1
    assert told[0].type in (types.MessageType.Error, types.MessageType.Warning)
    assert "log-base: 'banana' is not one of e, 2" in told[0].message


async def test_without_watching_an_edit_sees_the_new_settings(plain, tmp_path: Path):
    assert plain.registrations == []
    post = _write(tmp_path, "p/coding.md", BITS)
    assert _lines(await _open(plain, post)) == [(3, "DT103")]
    _write(tmp_path, "p/derivetex.toml", "log-base = 2\n")
    uri = post.resolve().as_uri()
    change = types.DidChangeTextDocumentParams(
        text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=2),
        content_changes=[types.TextDocumentContentChangeWholeDocument(text=BITS + "\n")])
    assert await _published(plain, uri, lambda: plain.text_document_did_change(change)) == []
    saved = types.DidSaveTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri))
    _write(tmp_path, "p/derivetex.toml", "log-base = 'e'\n")
    again = await _published(plain, uri, lambda: plain.text_document_did_save(saved))
    assert _lines(again) == [(3, "DT103")]


async def test_a_comment_that_suppresses_nothing_is_a_warning(watching, tmp_path: Path):
    post = _write(tmp_path, "n/ok.md", "$2 + 2 = 4$ <!-- derivetex: ignore DT101 -->\n")
    (warning,) = await _open(watching, post)
    assert warning.severity == types.DiagnosticSeverity.Warning and warning.code == "DT001"
    assert "suppresses nothing" in warning.message and warning.range.start.line == 0


async def test_an_unreadable_preamble_is_told_and_the_other_settings_hold(
        watching, tmp_path: Path):
    settings = _write(tmp_path, "lost/derivetex.toml",
                      "preamble = ['missing.tex']\nignore = ['DT101']\n")
    diagnostics = await _open(watching, _write(tmp_path, "lost/slips.md", SLIPS))
    assert _lines(diagnostics) == [(3, "DT102")]
    told = [m for m in watching.messages if str(settings) in m.message]
    assert len(told) == 1 and "missing.tex" in told[0].message


def _applied(text: str, edits: list[types.TextEdit]) -> str:
    """``text`` with the (ASCII, non-overlapping) edits made, the last first."""
    lines = text.split("\n")
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line) + 1)

    def at(position: types.Position) -> int:
        return offsets[position.line] + position.character

    for edit in sorted(edits, key=lambda e: at(e.range.start), reverse=True):
        text = text[: at(edit.range.start)] + edit.new_text + text[at(edit.range.end):]
    return text


@pytest.mark.parametrize("text", [
    "$3 \\cdot 4 = 13$ and so on\n\n$2 + 2 = 5$\n",
    "$$\n3 \\cdot 4 = 13\n$$\n\n$2 + 2 = 5$\n",
    "$$\n\\begin{aligned}\nx &= 3 \\cdot 4 \\\\\n  &= 13\n\\end{aligned}\n$$\n\n$2 + 2 = 5$\n",
], ids=["inline", "display", "aligned"])
async def test_the_suppression_action_silences_its_finding(watching, tmp_path: Path, text: str):
    post = _write(tmp_path, "a/slips.md", text)
    uri = post.resolve().as_uri()
    before = await _open(watching, post)
    assert len(before) == 2
    first = min(before, key=lambda d: d.range.start.line)
    found = await watching.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=uri), range=first.range,
        context=types.CodeActionContext(diagnostics=[first])))
    (action,) = [a for a in found or [] if isinstance(a, types.CodeAction)
                 and a.title.startswith("Ignore")]
    assert action.edit is not None and action.edit.changes is not None
    edited = _applied(text, action.edit.changes[uri])
    assert "derivetex:" in edited
    change = types.DidChangeTextDocumentParams(
        text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=2),
        content_changes=[types.TextDocumentContentChangeWholeDocument(text=edited)])
    after = await _published(watching, uri, lambda: watching.text_document_did_change(change))
    (left,) = after  # the other error stays; no warning: the comment suppresses its finding
    assert left.severity == types.DiagnosticSeverity.Error and "2 + 2 = 5" in left.message
