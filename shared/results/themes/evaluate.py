"""Measure a theme backend on the labelled comments (tests/data/themes; docs/results.md).

    python -m shared.results.themes.evaluate                       # embedded, held-out split
    python -m shared.results.themes.evaluate --split train --errors
    python -m shared.results.themes.evaluate --backend bedrock \\
        --model-id amazon.nova-lite-v1:0 --region eu-north-1       # an operator's account

Prints precision, recall and F1 per theme, micro-F1 over the nine labels (``annat``
included) and over SKR's eight themes, and tone accuracy. ``--errors`` lists the texts the
backend got wrong: use it on the training split only, never to tune on the held-out one. The
Bedrock run sends the labelled comments (made up by the team, no resident's) to the model in
the chosen region and prints nothing of its answers but the scores.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from shared.results.themes import ANNAT, THEMES, Classifier, Labels

DATA = Path(__file__).resolve().parents[3] / "tests" / "data" / "themes"
SPLITS = ("heldout", "train")


@dataclass(frozen=True)
class Example:
    text: str
    labels: Labels


@dataclass(frozen=True)
class Scores:
    per_theme: dict[str, tuple[float, float, float, int]]  # precision, recall, F1, support
    micro_f1: float  # the nine labels
    micro_f1_skr: float  # SKR's eight themes
    tone_accuracy: float
    n: int


def load(split: str, root: Path = DATA) -> list[Example]:
    path = root / f"{split}.jsonl"
    out = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            out.append(Example(record["text"], Labels.of(record["themes"], record["tone"])))
        except (ValueError, KeyError, TypeError) as error:
            raise ValueError(f"{path.name} line {number}: {error}") from None
    return out


def _f1(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def score(examples: Sequence[Example], predicted: Sequence[Labels]) -> Scores:
    counts = {t: [0, 0, 0] for t in THEMES}  # tp, fp, fn
    for example, guess in zip(examples, predicted, strict=True):
        truth, said = set(example.labels.themes), set(guess.themes)
        for theme in THEMES:
            counts[theme][0] += theme in truth and theme in said
            counts[theme][1] += theme not in truth and theme in said
            counts[theme][2] += theme in truth and theme not in said
    per_theme = {
        t: (*_f1(*c), sum(t in e.labels.themes for e in examples)) for t, c in counts.items()
    }

    def micro(themes: Sequence[str]) -> float:
        return _f1(*(sum(counts[t][i] for t in themes) for i in range(3)))[2]

    right = sum(e.labels.tone == g.tone for e, g in zip(examples, predicted, strict=True))
    return Scores(
        per_theme=per_theme,
        micro_f1=micro(THEMES),
        micro_f1_skr=micro([t for t in THEMES if t != ANNAT]),
        tone_accuracy=right / len(examples) if examples else 0.0,
        n=len(examples),
    )


def render(scores: Scores, name: str, split: str) -> str:
    lines = [
        f"{name} on {split} ({scores.n} comments)",
        f"{'theme':<12} {'P':>5} {'R':>5} {'F1':>5} {'n':>4}",
    ]
    for theme, (p, r, f, n) in scores.per_theme.items():
        lines.append(f"{theme:<12} {p:5.2f} {r:5.2f} {f:5.2f} {n:4d}")
    lines += [
        f"theme micro-F1 (nine labels): {scores.micro_f1:.3f}",
        f"theme micro-F1 (SKR's eight): {scores.micro_f1_skr:.3f}",
        f"tone accuracy: {scores.tone_accuracy:.3f}",
    ]
    return "\n".join(lines)


def backend(args: argparse.Namespace) -> Classifier:
    if args.backend == "embedded":
        from shared.results.themes.embedded import LexiconClassifier

        return LexiconClassifier()
    from shared.results.themes.bedrock import BedrockClassifier, runtime_client

    if not args.model_id or not args.region:
        raise SystemExit("--backend bedrock needs --model-id and --region")
    return BedrockClassifier(runtime_client(args.region), args.model_id)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m shared.results.themes.evaluate")
    parser.add_argument("--backend", choices=("embedded", "bedrock"), default="embedded")
    parser.add_argument("--split", choices=SPLITS, default="heldout")
    parser.add_argument("--model-id")
    parser.add_argument("--region")
    parser.add_argument("--errors", action="store_true", help="list what the backend got wrong")
    args = parser.parse_args(argv)
    examples = load(args.split)
    classifier = backend(args)
    predicted = classifier.classify([e.text for e in examples])
    print(render(score(examples, predicted), classifier.name, args.split))
    if args.errors:
        for example, guess in zip(examples, predicted, strict=True):
            if guess != example.labels:
                print(
                    f"- {example.text}\n    want {','.join(example.labels.themes)} "
                    f"{example.labels.tone}; got {','.join(guess.themes)} {guess.tone}"
                )
    return 0


if __name__ == "__main__":
    sys.exit(main())
