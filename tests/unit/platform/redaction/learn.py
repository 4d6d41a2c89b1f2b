"""``python -m tests.unit.platform.redaction.learn [--folds]``: train the learned name reader.

Without ``--folds`` it trains ``shared/platform/redaction/name_model.py``'s CRF on every labelled
comment of the corpus except the held-out sets (``corpus.HELDOUT``), writes the model to
``shared/data/name_model.crfsuite`` and its manifest ``tests/data/redaction/name_model.json`` (the
files and their hashes, the reader's code hash, the training parameters).

``--folds`` measures instead of writing: for each outsider set in turn, a model trained on all
the other development data (that set left out) reads it, with the rules, at several thresholds;
it prints, summed over the folds, how many comments with personal data keep some and how many
benign comments changed, beside the rules alone. This is how ``THRESHOLD`` is chosen, without
looking at a held-out set.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path
from unittest import mock

import pycrfsuite
import pytest

from shared.platform.redaction import name_model
from shared.platform.redaction.normalise import normalise, substitute
from shared.platform.redaction.thorough import find, thorough
from tests.unit.platform.redaction.corpus import (
    ALLOW,
    DATA,
    HELDOUT,
    OUTSIDER,
    SOURCES,
    Comment,
    load,
    score,
)

PARAMS = {"c1": 0.05, "c2": 0.01, "max_iterations": 200, "feature.possible_transitions": True}
THRESHOLDS = (0.5, 0.7, 0.8, 0.9, 0.95, 0.98)
CODE = Path(name_model.__file__)
MANIFEST = DATA / "name_model.json"
# The rule rounds' unit probes, as labelled comments (``--probes`` writes them): look-alikes that
# must stay and hard forms that must go, which the sets hold too few of.
PROBES = DATA / "probes.jsonl"
PROBE_TESTS = Path(__file__).resolve().parent


def training_sources() -> tuple[Path, ...]:
    return (*(p for p in SOURCES if p not in HELDOUT), PROBES)


class _Probes:
    """A pytest plugin that keeps the string parameters of every collected test."""

    def __init__(self) -> None:
        self.found: list[tuple[str, dict[str, str]]] = []

    def pytest_collection_modifyitems(self, items: list[pytest.Item]) -> None:
        for item in items:
            spec = getattr(item, "callspec", None)
            if spec is not None:
                params = {k: v for k, v in spec.params.items() if isinstance(v, str)}
                self.found.append((item.name.split("[")[0], params))


def write_probes() -> int:
    """The thorough pass's unit probes as labelled comments: a ``(text, expected)`` case by the
    spans the pass replaces, a ``text`` case (the tests that say it stays) as benign; only the
    cases the rules get right (an xfail's probe is no label)."""
    plugin = _Probes()
    pytest.main(["--collect-only", "-q", "-p", "no:randomly", str(PROBE_TESTS)], plugins=[plugin])
    rows, seen = [], set()
    for test, params in plugin.found:
        text = params.get("text")
        if not text or text in seen or set(params) - {"text", "expected"}:
            continue
        expected = params.get("expected", text)
        view = normalise(text)
        spans = find(view.text, ALLOW)
        if substitute(text, view, spans) != expected:
            continue
        seen.add(text)
        marked = []
        for start, end, mark in spans:
            begin, finish = view.span(start, end)
            marked.append({"start": begin, "end": finish, "kind": mark[1:-1]})
        rows.append({"id": f"probe{len(rows):04d}", "text": text, "spans": marked, "form": test})
    lines = [
        "# The thorough pass's unit probes (tests/unit/platform/redaction/test_*.py) as labelled "
        "comments, written by python -m tests.unit.platform.redaction.learn --probes: the "
        "training data of the learned name reader besides the development sets; not a set the "
        "goals speak of.",
        *(json.dumps(r, ensure_ascii=False) for r in rows),
    ]
    PROBES.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(rows)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def sequences(comment: Comment) -> list[tuple[list[list[str]], list[str]]]:
    """The reader's features of a comment and the labels its marks give each token: once as
    written, and once with about half its marked spans (chosen by the comment's id) replaced by
    their marks, as the reader sees a comment after the rules found some of it."""
    view = normalise(comment.text)
    spans = []
    for span in comment.spans:
        start = next(
            (i for i, s in enumerate(view.starts or range(len(view.text))) if s >= span.start), None
        )
        end = next(
            (
                i
                for i, e in reversed(list(enumerate(view.ends or range(1, len(view.text) + 1))))
                if e <= span.end
            ),
            None,
        )
        if start is not None and end is not None and end >= start:
            spans.append((start, end + 1, f"[{span.kind}]"))
    chooser = random.Random(comment.id)
    hidden = [s for s in spans if chooser.random() < 0.5]
    out = []
    for shown in ([], hidden) if hidden else ([],):
        text, shifts = name_model.masked(view.text, shown)
        words = name_model.tokens(text)
        labels = []
        for start, end, word in words:
            if word in MARK_LABELS:
                labels.append(MARK_LABELS[word])
                continue
            stretch = max(k for k, (at, _) in enumerate(shifts) if at <= start)
            begin = start - shifts[stretch][0] + shifts[stretch][1]
            kinds = {m for s, e, m in spans if s < begin + end - start and begin < e}
            labels.append(
                name_model.NAME
                if "[namn]" in kinds
                else name_model.OTHER
                if kinds
                else name_model.NONE
            )
        out.append((name_model.features(text, words), labels))
    return out


MARK_LABELS = {
    f"[{m}]": name_model.NAME if m == "namn" else name_model.OTHER for m in name_model.MARKS
}


def train(sources: Iterable[Path], model: Path) -> int:
    trainer = pycrfsuite.Trainer(verbose=False)
    count = 0
    for path in sources:
        for comment in load(path):
            for xseq, yseq in sequences(comment):
                if xseq:
                    trainer.append(xseq, yseq)
            count += 1
    trainer.set_params(PARAMS)
    trainer.train(str(model))
    return count


def manifest(sources: Iterable[Path], count: int) -> dict[str, object]:
    return {
        "trained_on": {p.name: digest(p) for p in sources},
        "comments": count,
        "reader_code": digest(CODE),
        "params": PARAMS,
    }


def folds() -> None:
    development = training_sources()
    totals: dict[str, list[int]] = {}
    with tempfile.TemporaryDirectory() as folder:
        for left_out in OUTSIDER:
            path = Path(folder) / f"{left_out.stem}.crfsuite"
            started = time.perf_counter()
            train((p for p in development if p != left_out), path)
            tagger = pycrfsuite.Tagger()
            tagger.open(str(path))
            comments = load(left_out)
            rows = [("rules", 2.0), *((f"{t:.2f}", t) for t in THRESHOLDS)]
            line = [f"{left_out.stem:12} ({time.perf_counter() - started:4.0f} s)"]
            for label, threshold in rows:
                with (
                    mock.patch.object(name_model, "_tagger", lambda t=tagger: t),
                    mock.patch.object(name_model, "THRESHOLD", threshold),
                ):
                    result = score(comments, lambda text: thorough(text, ALLOW))
                kept, personal = len(result.kept), result.personal
                changed, benign = len(result.changed), result.benign
                total = totals.setdefault(label, [0, 0, 0, 0])
                for k, v in enumerate((kept, personal, changed, benign)):
                    total[k] += v
                line.append(f"{label}: {kept}/{changed}")
            print("  ".join(line), flush=True)
    print("summed over the folds (kept of comments with personal data; benign changed):")
    for label, (kept, personal, changed, benign) in totals.items():
        rates = f"({kept / personal:.1%})  changed {changed}/{benign} ({changed / benign:.1%})"
        print(f"  {label:6} kept {kept}/{personal} {rates}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--folds", action="store_true", help="leave-one-outsider-set-out scores")
    parser.add_argument("--probes", action="store_true", help="write the unit probes' file first")
    args = parser.parse_args()
    if args.probes:
        with mock.patch.object(name_model, "THRESHOLD", 2.0):  # the rules' reading alone
            print(f"{write_probes()} probes written to {PROBES.name}")
    if args.folds:
        folds()
        return
    sources = training_sources()
    started = time.perf_counter()
    count = train(sources, name_model.MODEL)
    MANIFEST.write_text(json.dumps(manifest(sources, count), indent=1, sort_keys=True) + "\n")
    size = name_model.MODEL.stat().st_size
    print(
        f"trained on {count} comments in {time.perf_counter() - started:.0f} s: {size / 1e6:.2f} MB"
    )


if __name__ == "__main__":
    main()
