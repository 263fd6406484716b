"""Benchmark ``derivetex lsp`` with a real client (pytest-lsp's, over stdio): the cold first
open of a long post (didOpen -> publishDiagnostics) and the warm time from a didChange that
edits one block to the publishDiagnostics of that version, each edit a new number so no
answer is remembered from an earlier round. Not a timed test: numbers depend on the machine.

    .venv/bin/python bench/lsp.py                 # the 300-line post of bench.py, 7 edits
    .venv/bin/python bench/lsp.py --post FILE     # any Markdown post (its longest number row)
    .venv/bin/python bench/lsp.py --rounds 15
"""

from __future__ import annotations

import argparse
import asyncio
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

from lsprotocol import types
from pytest_lsp import LanguageClient, client_capabilities, make_test_lsp_client

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench import long_post  # noqa: E402

_NUMBER_ROW = re.compile(r"^(\s*&?=\s*)(\d+\.\d{3,})(\s*)$")


def _target(text: str) -> int:
    """The line to edit: the number row nearest the middle of the post."""
    rows = [i for i, line in enumerate(text.split("\n")) if _NUMBER_ROW.match(line)]
    if not rows:
        raise SystemExit("bench/lsp.py: the post has no row `&= 1.234` to edit")
    middle = text.count("\n") // 2
    return min(rows, key=lambda i: abs(i - middle))


async def _published(client: LanguageClient, uri: str, version: int) -> list[types.Diagnostic]:
    while True:
        params = await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        if params.uri == uri and params.version == version:
            return list(params.diagnostics)


async def measure(post: Path, rounds: int) -> None:
    text = post.read_text(encoding="utf-8")
    uri = post.resolve().as_uri()
    client = make_test_lsp_client()
    start = time.perf_counter()
    await client.start_io(sys.executable, "-m", "derivetex", "lsp")
    await client.initialize_session(types.InitializeParams(
        capabilities=client_capabilities("neovim")))
    started = time.perf_counter() - start
    start = time.perf_counter()
    item = types.TextDocumentItem(uri=uri, language_id="markdown", version=1, text=text)
    client.text_document_did_open(types.DidOpenTextDocumentParams(text_document=item))
    first = await _published(client, uri, 1)
    cold = time.perf_counter() - start
    line = _target(text)
    row = text.split("\n")[line]
    found = _NUMBER_ROW.match(row)
    assert found is not None
    warm: list[float] = []
    for version in range(2, rounds + 2):
        edited = f"{found.group(1)}{found.group(2)}{version}{found.group(3)}"
        start = time.perf_counter()
        client.text_document_did_change(types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[types.TextDocumentContentChangePartial(
                range=types.Range(start=types.Position(line=line, character=0),
                                  end=types.Position(line=line, character=len(row))),
                text=edited)],
        ))
        await _published(client, uri, version)
        warm.append(time.perf_counter() - start)
        row = edited
    await client.shutdown_session()
    await client.stop()
    lines = text.count("\n") + 1
    print(f"post: {post.name}, {lines} lines, {len(first)} diagnostics on open")
    print(f"server start + initialize: {started:.2f} s")
    print(f"cold first open (didOpen -> publishDiagnostics): {cold:.2f} s")
    print(f"warm edit of one block, line {line + 1} (didChange -> publishDiagnostics, "
          f"debounce included): median {statistics.median(warm):.3f} s, "
          f"min {min(warm):.3f} s, max {max(warm):.3f} s over {len(warm)} edits")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--post", type=Path)
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        post = args.post or Path(long_post(folder))
        asyncio.run(measure(post, args.rounds))


if __name__ == "__main__":
    main()
