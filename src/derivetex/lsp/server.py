"""``derivetex lsp``: the language server, over stdio (pygls; types from lsprotocol).

Diagnostics on open, save and (debounced) change: ``error`` findings as Error, ``unchecked``
as Hint when ``initializationOptions`` (or ``workspace/didChangeConfiguration`` settings under
``derivetex``) say ``{"unchecked": true}``. Hover on a formula shows how derivetex read it and
the verdict of each of its links; code actions insert a justification row, a suppression
comment, or the computed value for a wrong number. Audits run in ``worker.Worker``, off the
event loop, so hovers and edits are answered while a document is audited.

Each audit reads the settings file ``derivetex verify`` would read for the document
(``project``): its log base and preamble macros go into the audit, its suppression comments
and ``select`` / ``ignore`` are applied to the findings, by the command line's own code. The
lookup is fresh on every audit; a client that can watch files is also asked to watch the
settings files, and on a change every open document is audited again. A bad settings file is
one ``window/showMessage``; its documents are audited with the defaults.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass, field
from typing import Any

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.workspace import TextDocument
from pygls.workspace.position_codec import ServerTextPosition, ServerTextRange

from derivetex.about import version
from derivetex.errors import BudgetExceeded
from derivetex.lsp import features
from derivetex.lsp.adapter import Notice, kind_for
from derivetex.lsp.project import FILE_NAMES, applied, inputs_for
from derivetex.lsp.worker import Worker
from derivetex.verify.budget import FILE_SECONDS, within_budget

DEBOUNCE = 0.1
"""Seconds of quiet after a change before the document is audited again."""
ANSWER_SECONDS = 3.0
"""A hover or a code action reads formulas in the server itself: at most this long."""
_LANGUAGES = {"markdown": "md", "latex": "tex", "tex": "tex", "plaintex": "tex"}
log = logging.getLogger("derivetex.lsp")


@dataclass
class Settings:
    unchecked: bool = False
    lang: str = "en"
    debounce: float = DEBOUNCE
    seconds: float = FILE_SECONDS
    """A document's audit budget (``verify``'s per-file budget unless the client says)."""

    def update(self, options: Any) -> None:
        if not isinstance(options, dict):
            return
        options = options.get("derivetex", options)
        if not isinstance(options, dict):
            return
        if isinstance(options.get("unchecked"), bool):
            self.unchecked = options["unchecked"]
        if options.get("lang") in ("en", "ja"):
            self.lang = options["lang"]
        if isinstance(options.get("debounce"), int | float) and 0 <= options["debounce"] <= 5:
            self.debounce = float(options["debounce"])
        if isinstance(options.get("fileSeconds"), int | float) and options["fileSeconds"] >= 0.5:
            self.seconds = min(float(options["fileSeconds"]), FILE_SECONDS)


@dataclass
class Known:
    """A document's last audit: the text it was of and its located findings."""

    version: int | None
    text: str
    kind: str
    items: list[features.Located] = field(default_factory=list)
    notices: tuple[Notice, ...] = ()
    """Warnings about the document's derivetex comments (one that suppresses nothing)."""


class DerivetexServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__("derivetex", version())
        self.settings = Settings()
        self.worker = Worker()
        self.known: dict[str, Known] = {}
        self.pending: dict[str, asyncio.Task[None]] = {}
        self.told: set[str] = set()
        """The settings problems shown since the settings files last changed."""

    def kind_of(self, document: TextDocument) -> str | None:
        return kind_for(document.path) or _LANGUAGES.get(document.language_id or "")

    def schedule(self, uri: str, delay: float) -> None:
        """Audit ``uri`` after ``delay`` seconds of quiet (a newer change restarts the wait)."""
        previous = self.pending.pop(uri, None)
        if previous is not None:
            previous.cancel()
        self.pending[uri] = asyncio.get_running_loop().create_task(self._audit(uri, delay))

    async def _audit(self, uri: str, delay: float) -> None:
        await asyncio.sleep(delay)
        document = self.workspace.get_text_document(uri)
        kind = self.kind_of(document)
        if kind is None:
            return
        text, version = document.source, document.version
        inputs = inputs_for(document.path)
        self.tell(inputs.problem)
        audit = await asyncio.to_thread(self.worker.audit, text, kind, document.path,
                                        inputs.macros, inputs.settings.log_base,
                                        inputs.settings.log_base_from)
        if self.workspace.get_text_document(uri).version != version:
            return  # a newer change is on its way
        report = applied(audit.report, text, kind, document.path, inputs)
        items = features.located(text, report)
        self.known[uri] = Known(version, text, kind, items, report.notices)
        log.info("%s: %d sections audited, %d kept", uri, audit.audited, audit.reused)
        self.publish(uri)

    def tell(self, problem: str | None) -> None:
        """Show a settings problem once (not again for each document or audit it affects)."""
        if problem is None or problem in self.told:
            return
        self.told.add(problem)
        log.warning("%s (the defaults are used)", problem)
        self.window_show_message(types.ShowMessageParams(
            type=types.MessageType.Error, message=f"derivetex: {problem} (the defaults are used)"))

    def reaudit(self) -> None:
        """Audit every open document again: the settings they read may have changed."""
        self.told.clear()
        for uri in list(self.workspace.text_documents):
            self.schedule(uri, 0)

    def publish(self, uri: str) -> None:
        known = self.known.get(uri)
        if known is None:
            return
        document = self.workspace.get_text_document(uri)
        diagnostics = [
            _diagnostic(document, item)
            for item in features.shown(known.items, self.settings.unchecked)
        ] + [_notice(document, known.text, notice) for notice in known.notices]
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, diagnostics=diagnostics, version=known.version)
        )

    def forget(self, uri: str) -> None:
        task = self.pending.pop(uri, None)
        if task is not None:
            task.cancel()
        self.known.pop(uri, None)
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, diagnostics=[])
        )


def _range(document: TextDocument, span: Any) -> types.Range:
    server = ServerTextRange(ServerTextPosition(span.line, span.start),
                             ServerTextPosition(span.end_line, span.end))
    return document.range_to_client_units(server)


def _notice(document: TextDocument, text: str, notice: Notice) -> types.Diagnostic:
    """A Warning on the comment's line, as ``derivetex verify`` warns (DT001, DT002)."""
    lines = text.split("\n")
    row = lines[notice.line - 1] if 0 < notice.line <= len(lines) else ""
    start = len(row) - len(row.lstrip())
    span = ServerTextRange(ServerTextPosition(notice.line - 1, start),
                           ServerTextPosition(notice.line - 1, len(row.rstrip())))
    return types.Diagnostic(range=document.range_to_client_units(span), message=notice.message,
                            severity=types.DiagnosticSeverity.Warning, code=notice.code,
                            source=features.SOURCE)


def _diagnostic(document: TextDocument, item: features.Located) -> types.Diagnostic:
    from derivetex.lsp.adapter import code_of

    finding = item.finding
    error = finding.is_error
    return types.Diagnostic(
        range=_range(document, item.span),
        message=features.message(finding),
        severity=types.DiagnosticSeverity.Error if error else types.DiagnosticSeverity.Hint,
        code=code_of(finding),
        source=features.SOURCE,
        data={"line": finding.line, "status": finding.status},
    )


server = DerivetexServer()


@server.feature(types.INITIALIZE)
def _initialize(ls: DerivetexServer, params: types.InitializeParams) -> None:
    ls.settings.update(params.initialization_options)
    ls.worker.seconds = ls.settings.seconds


@server.feature(types.INITIALIZED)
async def _initialized(ls: DerivetexServer, params: types.InitializedParams) -> None:
    """Ask the client to watch the settings files, when it can be asked (a client that cannot
    still gets the new settings: every audit looks them up afresh)."""
    workspace = ls.client_capabilities.workspace
    watched = workspace.did_change_watched_files if workspace else None
    if not (watched and watched.dynamic_registration):
        return
    watchers = [types.FileSystemWatcher(glob_pattern=f"**/{name}") for name in FILE_NAMES]
    options = types.DidChangeWatchedFilesRegistrationOptions(watchers=watchers)
    registration = types.Registration(id="derivetex-settings-files",
                                      method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                                      register_options=options)
    try:
        await ls.client_register_capability_async(
            types.RegistrationParams(registrations=[registration]))
    except Exception as error:  # noqa: BLE001 -- a refusal leaves the lookup on each audit
        log.warning("the client did not watch the settings files: %s", error)


@server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
def _watched(ls: DerivetexServer, params: types.DidChangeWatchedFilesParams) -> None:
    """A settings file was created, changed or deleted: every open document is audited again."""
    if any(change.uri.rsplit("/", 1)[-1] in FILE_NAMES for change in params.changes):
        ls.reaudit()


@server.feature(types.TEXT_DOCUMENT_DID_OPEN)
def _opened(ls: DerivetexServer, params: types.DidOpenTextDocumentParams) -> None:
    ls.schedule(params.text_document.uri, 0)


@server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
def _changed(ls: DerivetexServer, params: types.DidChangeTextDocumentParams) -> None:
    ls.schedule(params.text_document.uri, ls.settings.debounce)


@server.feature(types.TEXT_DOCUMENT_DID_SAVE)
def _saved(ls: DerivetexServer, params: types.DidSaveTextDocumentParams) -> None:
    ls.schedule(params.text_document.uri, 0)


@server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
def _closed(ls: DerivetexServer, params: types.DidCloseTextDocumentParams) -> None:
    ls.forget(params.text_document.uri)


@server.feature(types.WORKSPACE_DID_CHANGE_CONFIGURATION)
def _configured(ls: DerivetexServer, params: types.DidChangeConfigurationParams) -> None:
    """New settings apply at once to what is known (no audit needed to show or hide hints)."""
    ls.settings.update(params.settings)
    for uri in list(ls.known):
        ls.publish(uri)


@server.feature(types.TEXT_DOCUMENT_HOVER)
def _hover(ls: DerivetexServer, params: types.HoverParams) -> types.Hover | None:
    known = ls.known.get(params.text_document.uri)
    if known is None:
        return None
    document = ls.workspace.get_text_document(params.text_document.uri)
    at = document.position_from_client_units(params.position)
    try:
        text = within_budget(lambda: features.hover_text(known.items, at.line, at.character),
                             seconds=ANSWER_SECONDS)
    except BudgetExceeded:
        return None
    if text is None:
        return None
    return types.Hover(contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value=text))


@server.feature(
    types.TEXT_DOCUMENT_CODE_ACTION,
    types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix,
                                               types.CodeActionKind.RefactorRewrite]),
)
def _code_actions(ls: DerivetexServer, params: types.CodeActionParams) -> list[types.CodeAction]:
    uri = params.text_document.uri
    known = ls.known.get(uri)
    if known is None:
        return []
    document = ls.workspace.get_text_document(uri)
    if document.version != known.version:
        return []  # the findings are of an older text; their edits would land wrong
    first, last = params.range.start.line, params.range.end.line
    try:
        edits = within_budget(
            lambda: features.actions(known.text, known.kind, known.items, first, last,
                                     ls.settings.lang),
            seconds=ANSWER_SECONDS,
        )
    except BudgetExceeded:
        return []
    return [_action(document, uri, edit) for edit in edits]


def _action(document: TextDocument, uri: str, edit: features.Edit) -> types.CodeAction:
    changes = [
        types.TextEdit(
            range=document.range_to_client_units(
                ServerTextRange(ServerTextPosition(*start), ServerTextPosition(*end))),
            new_text=new_text,
        )
        for start, end, new_text in ((edit.start, edit.end, edit.new_text), *edit.more)
    ]
    return types.CodeAction(
        title=edit.title,
        kind=types.CodeActionKind.QuickFix if edit.kind == "quickfix"
        else types.CodeActionKind.RefactorRewrite,
        edit=types.WorkspaceEdit(changes={uri: changes}),
    )


@server.feature(types.SHUTDOWN)
def _shutdown(ls: DerivetexServer, params: Any) -> None:
    ls.worker.stop()


def warm() -> None:
    """Import what an audit imports on first use, here, once: every worker forked from this
    process then starts with it (the first open of a document is that much faster)."""
    from derivetex.lsp.adapter import SectionAuditor

    SectionAuditor().audit("# a\n\n$$\n(x + 1)^2 = x^2 + 2x + 1 \\approx 0.5\n$$\n", "md")


def serve() -> int:
    """Run the server on stdin/stdout until the client ends it."""
    logging.basicConfig(level=logging.WARNING)
    warm()
    try:
        server.start_io()
    finally:
        server.worker.stop()
    return 0
