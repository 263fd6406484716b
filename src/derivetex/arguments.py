"""The options that describe one derivation, shared by ``derive`` and a post's ``derivetex``
block, so that a block reads exactly like the command line it stands for."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from derivetex.config import DERIVATIONS


def add_derivation_options(parser: argparse.ArgumentParser) -> None:
    """What to derive and how to write it; not where it goes (formats, output, flavor)."""
    parser.add_argument("derivation", nargs="?", default="multiclass", choices=DERIVATIONS)
    parser.add_argument("--spec", metavar="FILE",
                        help="derive the spec in FILE (TOML) instead of a built-in derivation")
    parser.add_argument("--K", dest="K", metavar="N|K", help="number of classes, or K")
    parser.add_argument("--N", dest="N", metavar="N|N",
                        help="number of samples (batch), or N for the general derivation")
    parser.add_argument("--labels", nargs="+", metavar="NAME", help="class names")
    parser.add_argument("--y", nargs="+", metavar="P", help="predictions y_1..y_K")
    parser.add_argument("--t", nargs="+", metavar="T", help="labels t_1..t_K")
    parser.add_argument("--log-base", default="e", help="e (default), 2 or 10")
    parser.add_argument("--lang", default="ja", help="ja (default) or en")
    parser.add_argument("--chapter", type=int, default=None,
                        help="chapter number of the tags (multiclass: 5; a spec: none, (1), (2))")
    parser.add_argument("--expand-limit", type=int, default=10, metavar="N",
                        help="write out at most N terms of a row before eliding the middle")
    add_presentation_options(parser)


def add_presentation_options(parser: argparse.ArgumentParser) -> None:
    """How the rows are shown, shared with ``series``: highlighting and granularity."""
    from derivetex.config import STEPS

    parser.add_argument("--highlight", action="store_true",
                        help="colour and underline what each step rewrote and what it became")
    parser.add_argument("--steps", default="article", choices=STEPS,
                        help="article (default): the rows as derived; compact: consecutive "
                        "rewrites joined into one row; fine: one term a row where a rule can")


def derivation_options(args: argparse.Namespace, folder: Path | None = None) -> dict[str, Any]:
    """The parsed options above as ``build_config`` keywords; ``--spec`` is loaded, relative
    to ``folder`` when given (a post's own folder)."""
    spec = None
    if args.spec is not None:
        from derivetex.specs import load_spec

        spec = load_spec((folder or Path()) / args.spec)
    return {
        "spec": spec, "derivation": args.derivation, "K": args.K, "N": args.N,
        "labels": args.labels, "y": args.y, "t": args.t, "log_base": args.log_base,
        "lang": args.lang, "chapter": args.chapter, "expand_limit": args.expand_limit,
        "highlight": args.highlight, "steps": args.steps,
    }
