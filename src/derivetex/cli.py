"""Command line: arguments -> Config -> one public function, under one exit contract.

Exit 0 on success; 1 only for a finding (``verify`` found an error, ``render --check`` a
stale block); 2 for every other failure, reported as one line on stderr (values quoted with
``repr``). A reader that stops early (``| head``) ends the run quietly with 141
(128 + SIGPIPE), a signal (SIGINT, SIGTERM, SIGHUP) with 128 + its number once temporary
files are removed. Anything unexpected is still one line and exit 2; ``DERIVETEX_DEBUG=1``
adds the traceback.
"""

from __future__ import annotations

import argparse
import gc
import os
import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, NoReturn

from derivetex.about import version
from derivetex.errors import DerivetexError, InputError, Interrupted

if TYPE_CHECKING:
    from derivetex.config import Config

EXIT_FAILURE = 2
EXIT_PIPE = 128 + signal.SIGPIPE
HANDLED_SIGNALS = (signal.SIGTERM, signal.SIGHUP)
"""SIGINT already raises KeyboardInterrupt; these two raise Interrupted the same way."""


class OneLineParser(argparse.ArgumentParser):
    """argparse that reports bad usage as one line and exit code 2, like every other error."""

    def error(self, message: str) -> NoReturn:
        _say(f"derivetex: error: {message}")
        sys.exit(EXIT_FAILURE)


class _Version(argparse.Action):
    """``--version``, looked up only when asked for."""

    def __init__(self, option_strings: list[str], dest: str, **kwargs: object) -> None:
        super().__init__(option_strings, dest, nargs=0, help="show the version and exit")

    def __call__(self, parser: argparse.ArgumentParser, *args: object, **kwargs: object) -> None:
        print(f"derivetex {version()}")
        parser.exit()


COMMANDS = {
    "derive": "derive, verify and render a derivation",
    "series": "the whole series as one document",
    "list": "name every derivation and every rule",
    "render": "expand the derivetex blocks of Markdown posts",
    "verify": "audit derivations and numbers in documents",
    "fill": "the rows between two expressions, found with the registered rules",
    "lsp": "the language server: verify's findings in the editor (stdio)",
}


def _parser(command: str | None) -> argparse.ArgumentParser:
    """Every command by name, but only ``command``'s own options: those import what that
    command needs (the shipped specs for derive, the report formats for verify)."""
    parser = OneLineParser(prog="derivetex", description="Verified derivations as LaTeX.")
    parser.add_argument("--version", action=_Version)
    commands = parser.add_subparsers(
        dest="command", required=True, parser_class=OneLineParser, metavar="COMMAND",
    )
    for name, summary in COMMANDS.items():
        sub = commands.add_parser(name, help=summary)
        if name == command:
            _OPTIONS[name](sub)
    return parser


def _command(argv: list[str]) -> str | None:
    """The command named on the line: the top level has only flags (-h, --version)."""
    return next((arg for arg in argv if not arg.startswith("-")), None)


def _derive_options(derive: argparse.ArgumentParser) -> None:
    from derivetex.arguments import add_derivation_options
    from derivetex.config import FORMATS

    add_derivation_options(derive)
    _add_output_options(derive, f"any of {', '.join(FORMATS)} (default: md tex json)")


def _series_options(series: argparse.ArgumentParser) -> None:
    from derivetex.arguments import add_presentation_options

    series.add_argument("--lang", default="ja", help="ja (default) or en")
    add_presentation_options(series)
    _add_output_options(series, "any of md, tex, pdf, html (default: md tex)")


def _list_options(listing: argparse.ArgumentParser) -> None:
    listing.add_argument("--lang", default="en", help="en (default) or ja titles")


def _render_options(render: argparse.ArgumentParser) -> None:
    from derivetex.config import FLAVORS

    render.add_argument("posts", nargs="+", metavar="POST|SPEC")
    render.add_argument("--check", action="store_true",
                        help="write nothing; exit 1 when a block's generated part is stale")
    render.add_argument("-o", "--output", metavar="OUT",
                        help="write there, not in place: a file (one post), a directory, or -")
    render.add_argument("--flavor", choices=FLAVORS,
                        help="for posts whose front matter names none (default katex)")


def _verify_options(verify: argparse.ArgumentParser) -> None:
    from derivetex.verify.report import REPORT_FORMATS

    verify.add_argument("files", nargs="*", metavar="FILE|DIR|-")
    verify.add_argument("--format", dest="report", choices=REPORT_FORMATS, default="text",
                        help="text (default), json, github (Actions annotations) or sarif")
    verify.add_argument("--json", dest="report", action="store_const", const="json",
                        help="the same as --format json")
    verify.add_argument("--explain", action="store_true",
                        help="name the rule (or short sequence) that justifies each ok link")
    verify.add_argument("--lang", default="en", help="language of --explain: en (default) or ja")
    verify.add_argument("--jobs", type=int, default=1, metavar="N",
                        help="check N files at a time in parallel processes (default 1)")
    verify.add_argument("--preamble", action="append", default=[], metavar="FILE",
                        help="read the macros a .tex/.sty file defines (repeatable)")
    verify.add_argument("-v", "--verbose", action="store_true",
                        help="text: also the ok, unchecked and ignored links")
    verify.add_argument("--codes", action="store_true", help="list the finding codes and exit")
    verify.add_argument("--stdin-filename", metavar="NAME",
                        help="the name (and so the type) of the document read from -")
    verify.add_argument("--config", metavar="FILE",
                        help="settings from FILE (derivetex.toml or pyproject.toml) for every file")
    verify.add_argument("--isolated", action="store_true", help="read no settings file")
    verify.add_argument("--select", type=_codes, metavar="CODES",
                        help="only errors with these codes fail (comma-separated; prefixes)")
    verify.add_argument("--ignore", type=_codes, metavar="CODES",
                        help="errors with these codes are ignored (comma-separated; prefixes)")
    verify.add_argument("--log-base", choices=("e", "2"),
                        help="the base of a bare \\log: e, or 2 (every bare \\log is log₂; "
                        "\\ln stays natural); none given: a text about bits may mean log₂")
    verify.add_argument("--disable-reading", dest="disabled", action="append", default=[],
                        metavar="CODE", help="do not take the registered reading CODE "
                        "(repeatable; the catalog is in docs/verify.md)")
    verify.add_argument("--preview", action="store_true",
                        help="let the confirm-only (preview) readings accuse too: to measure "
                        "them on writing they were not built from")
    verify.add_argument("--no-cache", action="store_true",
                        help="audit every file afresh; read and write no .derivetex_cache/")


def _codes(text: str) -> tuple[str, ...]:
    return tuple(code.strip() for code in text.split(",") if code.strip())


def _run_verify(args: argparse.Namespace) -> int:
    from derivetex.verify.command import Options, run_verify

    if args.codes:
        from derivetex.outputs import to_stdout
        from derivetex.verify.codes import listing

        to_stdout(listing())
        return 0
    if args.lang not in ("ja", "en"):
        raise InputError(f"unknown language {args.lang!r} (use ja or en)")
    if args.stdin_filename is not None and "-" not in args.files:
        raise InputError("--stdin-filename names standard input: give - among the files")
    if args.config is not None and args.isolated:
        raise InputError("--config and --isolated exclude each other")
    options = Options(
        jobs=args.jobs, explain=args.lang if args.explain else None, verbose=args.verbose,
        stdin_filename=args.stdin_filename, config=args.config, isolated=args.isolated,
        select=args.select, ignore=args.ignore, log_base=args.log_base,
        preamble=tuple(args.preamble) or None, disabled=tuple(args.disabled),
        preview=args.preview,
    )
    return run_verify(args.files, args.report, None, options=options, cache=not args.no_cache)


def _fill_options(fill: argparse.ArgumentParser) -> None:
    fill.add_argument("before", metavar="LATEX", help="the row to start from")
    fill.add_argument("after", metavar="LATEX", help="the row to arrive at")
    fill.add_argument("--format", dest="fill_format", default="md", choices=("md", "tex", "json"),
                      help="md (default), tex or json")
    fill.add_argument("--lang", default="en", help="language of the justifications: en or ja")


def _lsp_options(lsp: argparse.ArgumentParser) -> None:
    lsp.add_argument("--stdio", action="store_true",
                     help="talk over stdin/stdout (the default; accepted for editors that pass it)")


_OPTIONS = {
    "derive": _derive_options,
    "series": _series_options,
    "list": _list_options,
    "render": _render_options,
    "verify": _verify_options,
    "fill": _fill_options,
    "lsp": _lsp_options,
}


def entry() -> NoReturn:
    """The process's entry (the ``derivetex`` script, ``python -m derivetex``): ``main``, then
    an exit that skips the collector's last passes over every object the run made or imported
    (SymPy's above all: about 0.1 s of a derive run), memory the OS takes back anyway. Exit
    handlers still run and every stream is still flushed; ``main`` alone, as tests and
    notebooks call it, leaves the collector as it was."""
    code = main()
    gc.freeze()
    sys.exit(code)


def main(argv: list[str] | None = None) -> int:
    """Run one command; every way it can end maps to the exit contract above."""
    try:
        with _signals_raise():
            return _run(argv)
    except BrokenPipeError:
        _silence_stdout()
        return EXIT_PIPE
    except DerivetexError as error:
        return _fail(str(error))
    except Interrupted as stop:
        _say(f"derivetex: interrupted by {signal.Signals(stop.signum).name}")
        return 128 + stop.signum
    except KeyboardInterrupt:
        _say("derivetex: interrupted by SIGINT")
        return 128 + signal.SIGINT
    except MemoryError:
        return _fail("out of memory")
    except RecursionError:
        return _fail("input nested too deeply")
    except Exception as error:
        if os.environ.get("DERIVETEX_DEBUG") == "1":
            import traceback  # only here: a run that ends well never needs it

            traceback.print_exc()
        return _fail(f"internal error: {type(error).__name__}: {error!s} "
                     "(DERIVETEX_DEBUG=1 shows the traceback)")


def _add_output_options(parser: argparse.ArgumentParser, formats_help: str) -> None:
    """Where a document goes and in what form: shared by ``derive`` and ``series``."""
    from derivetex.config import FLAVORS

    parser.add_argument("--format", nargs="+", dest="formats", metavar="FMT", help=formats_help)
    parser.add_argument("-o", "--output", default="output", metavar="DIR|-",
                        help="output directory, or - for stdout (one format)")
    parser.add_argument("--flavor", default="katex", choices=FLAVORS,
                        help="how the Markdown marks math (default katex)")


def _run(argv: list[str] | None) -> int:
    words = sys.argv[1:] if argv is None else argv
    args = _parser(_command(words)).parse_args(words)
    if args.command == "series":
        from derivetex.api import series

        formats = tuple(args.formats or ("md", "tex"))
        for path in series(args.lang, formats, args.output, args.flavor,
                           highlight=args.highlight, steps=args.steps):
            _say(f"wrote {path}")
        return 0
    if args.command == "list":
        from derivetex.api import listing
        from derivetex.outputs import to_stdout

        to_stdout(listing(args.lang))
        return 0
    if args.command == "verify":
        return _run_verify(args)
    if args.command == "fill":
        from derivetex.fill_command import run_fill

        return run_fill(args.before, args.after, args.fill_format, args.lang)
    if args.command == "lsp":
        from derivetex.lsp.server import serve

        return serve()
    if args.command == "render":
        from derivetex.posts.command import run_render

        return run_render(args.posts, check=args.check, output=args.output, flavor=args.flavor,
                          budgeted=True)
    from derivetex.api import write  # render, engine: not needed by verify
    from derivetex.arguments import derivation_options

    config = build_config(
        **derivation_options(args), formats=args.formats, output=args.output, flavor=args.flavor,
    )
    for path in write(config, budgeted=True):
        _say(f"wrote {path}")
    return 0


def build_config(**options: Any) -> Config:
    """``config.build_config``, imported only when a command derives (the config module
    imports SymPy and the shipped specs)."""
    from derivetex.config import build_config as build

    return build(**options)


@contextmanager
def _signals_raise() -> Iterator[None]:
    """SIGTERM and SIGHUP raise Interrupted, so `finally` blocks remove temporary files."""

    def handler(signum: int, frame: object) -> None:
        raise Interrupted(signum)

    previous = {signum: signal.signal(signum, handler) for signum in HANDLED_SIGNALS}
    try:
        yield
    finally:
        for signum, old in previous.items():
            signal.signal(signum, old)


def one_line(message: str) -> str:
    """``message`` with any line break or control character written as its escape."""
    return "".join(ch if ch.isprintable() else repr(ch)[1:-1] for ch in message)


def _fail(message: str) -> int:
    _say(f"derivetex: error: {one_line(message)}")
    return EXIT_FAILURE


def _say(line: str) -> None:
    """One line on stderr; a closed or full stderr cannot be reported anywhere, so it is not."""
    try:
        if sys.stderr is not None:
            sys.stderr.write(line + "\n")
            sys.stderr.flush()
    except (OSError, ValueError):
        pass


def _silence_stdout() -> None:
    """After a closed pipe, point stdout at /dev/null so the interpreter's last flush is quiet."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass


if __name__ == "__main__":
    entry()
