"""``python -m tests.unit.platform.redaction [--show N] [--source NAME] [--heldout]``: the rates of
the
thorough pass on the corpus, per family and form, and the first misses. The held-out sets are
scored only with ``--heldout`` (or ``--source``), so a look at the development sets never shows
them."""

from __future__ import annotations

import argparse

from shared.platform.redaction.thorough import thorough
from tests.unit.platform.redaction.corpus import ALLOW, HELDOUT, SOURCES, load, score


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--show", type=int, default=0, help="print this many misses of each kind")
    parser.add_argument("--source", choices=[p.stem for p in SOURCES], default=None)
    parser.add_argument("--form", default="", help="only the misses of forms containing this")
    parser.add_argument("--heldout", action="store_true", help="score the held-out sets too")
    args = parser.parse_args()
    if args.heldout and not HELDOUT:
        print("(no set is held out now: corpus.HELDOUT is empty)")
    for path in SOURCES:
        if args.source and path.stem != args.source:
            continue
        if path in HELDOUT and not (args.heldout or args.source):
            continue
        result = score(load(path), lambda text: thorough(text, ALLOW))
        print(f"== {path.name}")
        print(result.report())
        shown = 0
        for comment, output in result.kept:
            if args.form in comment.form and shown < args.show:
                print("KEPT   ", comment.form, "|", repr(comment.text), "->", repr(output))
                shown += 1
        for comment, output in result.changed[: args.show]:
            print("CHANGED", comment.form, "|", repr(comment.text), "->", repr(output))
        for comment, output in result.unbalanced[: args.show]:
            print("BRACKET", repr(comment.text), "->", repr(output))


if __name__ == "__main__":
    main()
