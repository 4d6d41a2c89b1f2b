"""``servicematning redact``: the comment redaction, on the operator's own samples.

Reads comments from standard input, one a line, and writes each one redacted by the thorough
pass, as the survey pools it and a release shows it (phone numbers, e-mail addresses also when
hidden or written in words, personnummer and samordningsnummer, names and street addresses
replaced by ``[telefon]``, ``[e-post]``, ``[personnummer]``, ``[namn]``, ``[adress]``), one a
line, in the same order. ``--allow`` names a published number, mailbox or address to leave as it
is (repeatable; a municipality's ``public_contacts``); ``--quick`` runs the quick pattern pass
alone (the one every log line passes); ``--stats`` adds a summary on standard error (in the
run's language: ``--lang``, else the locale; Swedish by default). Input is
UTF-8 (a BOM is fine) or, line by line where it is not, Windows-1252 as Excel writes it. Touches
no AWS.

    servicematning redact < kommentarer.txt > redigerade.txt
    servicematning redact --allow "<switchboard number>" --allow kontaktcenter@vasteras.se < in.txt
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from collections.abc import Callable
from typing import BinaryIO, TextIO

from shared.cli import language
from shared.platform.redaction import redact

_MARK = re.compile(r"\[(?:telefon|e-post|personnummer|namn|adress)\]")


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "redact",
        help="redact comments read from stdin, one a line (as the survey stores them)",
        description="Redigera kommentarer från standard in, en per rad / redact comments "
        "read from standard input, one a line.",
    )
    parser.add_argument(
        "--allow",
        action="append",
        default=[],
        metavar="TEXT",
        help="a published number, mailbox or address to leave as it is (repeatable)",
    )
    parser.add_argument(
        "--quick",
        action="store_true",
        help="the quick pattern pass only (what log lines get), not the thorough one",
    )
    parser.add_argument(
        "--stats",
        action="store_true",
        help="print how many comments changed, and what was found, on stderr",
    )
    language.add_argument(parser)
    parser.set_defaults(func=run)


def _decode(raw: bytes) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def redact_lines(
    source: BinaryIO, out: TextIO, redactor: Callable[[str], str] = redact
) -> Counter[str]:
    """Redact every line of ``source`` into ``out``; counts of lines, changes and marks."""
    counts: Counter[str] = Counter()
    for number, raw in enumerate(source):
        if number == 0:
            raw = raw.removeprefix(b"\xef\xbb\xbf")
        line = _decode(raw).rstrip("\r\n")
        stored = redactor(line)
        counts["lines"] += 1
        if stored != line:
            counts["changed"] += 1
            # marks the comment itself already held are not findings
            found = Counter(_MARK.findall(stored)) - Counter(_MARK.findall(line))
            counts.update(found)
        out.write(stored + "\n")
    return counts


def run(args: argparse.Namespace) -> int:
    allow = tuple(args.allow)
    if args.quick:
        counts = redact_lines(sys.stdin.buffer, sys.stdout, lambda text: redact(text, allow))
    else:
        from shared.platform.redaction.thorough import thorough

        counts = redact_lines(sys.stdin.buffer, sys.stdout, lambda text: thorough(text, allow))
    sys.stdout.flush()
    if args.stats:
        found = ", ".join(f"{mark} {n}" for mark, n in sorted(counts.items()) if mark[0] == "[")
        lang = language.choose(getattr(args, "lang", None))
        changed, lines = counts["changed"], counts["lines"]
        print(
            language.say(
                lang,
                f"{changed} av {lines} kommentarer ändrade",
                f"{changed} of {lines} comments changed",
            )
            + (f": {found}" if found else ""),
            file=sys.stderr,
        )
    return 0
