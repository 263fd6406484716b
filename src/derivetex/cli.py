"""Command line: arguments -> Config -> one public function. Errors -> one line, exit 2."""

from __future__ import annotations

import argparse
import sys
from typing import NoReturn

from derivetex.api import write
from derivetex.config import DERIVATIONS, FORMATS, build_config
from derivetex.errors import DerivetexError


class OneLineParser(argparse.ArgumentParser):
    """argparse that reports bad usage as one line and exit code 2, like every other error."""

    def error(self, message: str) -> NoReturn:
        _fail(message)


def _fail(message: str) -> NoReturn:
    sys.stderr.write(f"derivetex: error: {message}\n")
    sys.exit(2)


def _parser() -> argparse.ArgumentParser:
    parser = OneLineParser(prog="derivetex", description="Verified derivations as LaTeX.")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=OneLineParser)
    derive = commands.add_parser("derive", help="derive, verify and render a derivation")
    derive.add_argument("derivation", nargs="?", default="multiclass", choices=DERIVATIONS)
    derive.add_argument("--K", dest="K", metavar="N|K", help="number of classes, or K")
    derive.add_argument("--labels", nargs="+", metavar="NAME", help="class names")
    derive.add_argument("--y", nargs="+", metavar="P", help="predictions y_1..y_K")
    derive.add_argument("--t", nargs="+", metavar="T", help="labels t_1..t_K")
    derive.add_argument("--log-base", default="e", help="e (default), 2 or 10")
    derive.add_argument("--lang", default="ja", help="ja (default) or en")
    derive.add_argument("--chapter", type=int, default=5, help="chapter number of the tags")
    derive.add_argument("--format", nargs="+", dest="formats", metavar="FMT",
                        help=f"any of {', '.join(FORMATS)} (default: md tex json)")
    derive.add_argument("-o", "--output", default="output", metavar="DIR|-",
                        help="output directory, or - for stdout (one format)")
    derive.add_argument("--expand-limit", type=int, default=10, metavar="N",
                        help="write out at most N terms of a row before eliding the middle")
    verify = commands.add_parser("verify", help="audit derivations and numbers in documents")
    verify.add_argument("files", nargs="+", metavar="FILE")
    verify.add_argument("--json", action="store_true", help="JSON report")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        if args.command == "verify":
            from derivetex.verify.command import run_verify

            return run_verify(args.files, args.json, sys.stdout)
        config = build_config(
            derivation=args.derivation, K=args.K, labels=args.labels, y=args.y, t=args.t,
            log_base=args.log_base, lang=args.lang, chapter=args.chapter, formats=args.formats,
            output=args.output, expand_limit=args.expand_limit,
        )
        for path in write(config):
            sys.stderr.write(f"wrote {path}\n")
    except DerivetexError as error:
        _fail(str(error))
    except KeyboardInterrupt:
        _fail("interrupted")
    return 0


if __name__ == "__main__":
    sys.exit(main())
