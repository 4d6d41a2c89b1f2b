"""The ``servicematning`` command for municipalities and operators.

Each subcommand lives in ``shared/cli/<name>.py`` with ``register(subparsers)`` that adds
its parser and sets ``func``; ``func(args)`` returns the exit code.
"""

from __future__ import annotations

import argparse
import importlib
from collections.abc import Sequence

COMMANDS = (
    "tenants",
    "report",
    "validate",
    "infotext",
    "results",
    "redact",
    "upload",
    "preflight",
    "backup",
    "actions",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="servicematning",
        description="Servicemätning: resident surveys for municipal contact centres.",
    )
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in COMMANDS:
        importlib.import_module(f"shared.cli.{name}").register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return int(args.func(args))
