"""The team's labelled comment corpus: loading it and scoring a redactor on it.

The files in ``tests/data/redaction/`` (how each was made: the README beside them):

- ``generated.jsonl``: written by ``tests/unit/platform/redaction/generate.py`` (seeded; its own
  name, street and number vocabularies and its own forms, kept apart from
  ``shared/redaction``'s lists);
- ``handwritten-a.jsonl``, ``-b``, ``-c``: written by hand, each committed before the redactor
  was first run on it (the README says what was measured then, and that each has been used to
  improve the rules since);
- ``heldout-d.jsonl``, ``-i``, ``-k``: written by hand, committed before the redactor was first
  run on them and held out for their first looks (the README keeps those numbers); since the
  fourth round their misses have been read and used, so they are development sets now (the
  file names stay; their header lines (``#``) say how each was made);
- ``outsider-l.jsonl``: written by someone who had not read the redactor, its lists or the
  earlier sets; first looks at the third and fourth rounds' rules, development data since the
  fifth (renamed from ``heldout-l.jsonl``); ``outsider-m.jsonl`` likewise, first looks at the
  third, fourth and fifth rounds' rules, development data since the sixth (renamed from
  ``heldout-m.jsonl``); ``outsider-n.jsonl`` by a third outsider (who had read neither the
  redactor nor l or m), first looks at the fifth and sixth rounds' rules, development data
  since the seventh (renamed from ``heldout-n.jsonl``); ``outsider-o.jsonl`` by a fourth
  (who had read neither the redactor nor l, m or n), first looks at the sixth and seventh
  rounds' rules, development data since the eighth (renamed from ``heldout-o.jsonl``);
  ``outsider-p.jsonl`` by a fifth (who had read neither the redactor nor any earlier set; about
  half everyday comments), first looks at the seventh and eighth rounds' rules, development data
  since the ninth (renamed from ``heldout-p.jsonl``); ``outsider-q.jsonl`` by a sixth, for
  Eskilstuna (its contact points join ``ALLOW``; two thirds everyday comments), first looks at
  the eighth, ninth and tenth rounds' rules, development data since the eleventh (renamed from
  ``heldout-q.jsonl``); ``outsider-s.jsonl`` by a seventh, for Umeå (its contact points join
  ``ALLOW``; two thirds everyday comments), first looks at the tenth and eleventh rounds' rules,
  development data since the twelfth (renamed from ``heldout-s.jsonl``); ``outsider-t.jsonl``
  and ``-u`` by an eighth and a ninth, for Malmö and Luleå (their contact points join
  ``ALLOW``), held out for their first looks at the tenth to twelfth rounds' rules, development
  data since the thirteenth (renamed from ``heldout-t.jsonl`` and ``-u``); ``outsider-v.jsonl``
  to ``-y`` by a tenth to a thirteenth (Göteborg, Örebro, Umeå, Västerås), held out for the
  rules' and the learned name reader's first looks, its training data since it was retrained
  (renamed from ``heldout-v.jsonl`` to ``-y``; their comments unread).

``HELDOUT`` holds the sets written for the next first look (none between two outsiders' sets):
scored with ``--heldout`` and by the bench, never tuned on.

One comment a line: ``{"id", "text", "spans": [{"start", "end", "kind"}], "form"}`` (generated)
or ``{"id", "marked", "form"}`` (hand-written, the personal parts marked inline as
``{{kind:text}}``). ``kind`` is one of ``namn``, ``adress``, ``telefon``, ``e-post``,
``personnummer``; a comment with no span is benign and must come back byte for byte.

Scoring looks only at the redactor's output (a black box): a span is *kept* when one of its
tokens (a run of letters or of digits; connector words and mail providers aside) appears more
often in the output than in the rest of the comment outside every span. A comment with
personal data *keeps some* when any of its spans is kept.
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

DATA = Path(__file__).resolve().parents[3] / "data" / "redaction"
GENERATED = DATA / "generated.jsonl"
# The development sets: written by hand, each measured once before it was used (the README
# keeps those first looks); d, i and k were held out until the fourth round read their misses;
# r (tenth round) holds comments wholly in languages the lists do not read.
HANDWRITTEN = (
    *(DATA / f"handwritten-{x}.jsonl" for x in "abcefghjr"),
    *(DATA / f"heldout-{x}.jsonl" for x in "dik"),
)
# Sets written by someone who had not read the redactor, its lists or the earlier sets: l had its
# first looks at the third and fourth rounds' rules and is development data since the fifth; m had
# its first looks at the third, fourth and fifth rounds' rules and is development data since the
# sixth; n had its first looks at the fifth and sixth rounds' rules and is development data since
# the seventh; o had its first looks at the sixth and seventh rounds' rules and is development data
# since the eighth; p (a fifth outsider's, about half everyday comments) had its first looks at the
# seventh and eighth rounds' rules and is development data since the ninth; q (a sixth outsider's,
# for Eskilstuna, two thirds everyday comments) had its first looks at the eighth, ninth and tenth
# rounds' rules and is development data since the eleventh; s (a seventh outsider's, for Umeå, two
# thirds everyday comments) had its first looks at the tenth and eleventh rounds' rules and is
# development data since the twelfth; t and u (an eighth's for Malmö, many comments in or mixing
# other languages, and a ninth's for Luleå, from its writer's templates) had their first looks at
# the tenth to twelfth rounds' rules and are development data since the thirteenth (their misses
# read, causes fixed); the goals are asserted on each of l-s alone (test_corpus.py). v (a tenth
# outsider's, for Göteborg, about one comment in five in or mixing another language) and w (an
# eleventh's, for Örebro, written as SMS answers) had their first looks at the twelfth and
# thirteenth rounds' rules and were the learned name reader's validation sets; x (a twelfth's,
# for Umeå, e-mail answers) and y (a thirteenth's, for Västerås, half SMS-style, many writers of
# Swedish as a second language) were its test sets, first scored once it was frozen; since then
# all four are its training data (their comments unread; renamed from ``heldout-*.jsonl``).
OUTSIDER = tuple(DATA / f"outsider-{x}.jsonl" for x in "lmnopqstuvwxy")
# Sets held out: written and committed before the redactor first ran on them, never tuned on,
# so not among the sets the goals are asserted on; scored with ``--heldout`` and by the bench.
# z (a fourteenth outsider's, for Uppsala, web-form comments of all ages) and aa (a fifteenth's,
# for Kiruna: Swedish, Sámi, Finnish and Meänkieli names, SMS and e-mail) were written while the
# reader was retrained on v-y: its test sets.
HELDOUT: tuple[Path, ...] = tuple(DATA / f"heldout-{x}.jsonl" for x in ("z", "aa"))
SOURCES = (GENERATED, *HANDWRITTEN, *OUTSIDER, *HELDOUT)
KINDS = ("namn", "adress", "telefon", "e-post", "personnummer")
MARKS = {f"[{k}]" for k in KINDS}

# The test municipalities' published contact points (the corpus's allow-list): Västerås's
# switchboard, its contact centre's direct line, its shared mailboxes, and places named like
# streets (every set but q, s, t, u, v, w, x, z and aa); Eskilstuna's (set q, written for it);
# Umeå's (sets s and x); Malmö's (set t); Luleå's (set u); Göteborg's (set v); Örebro's (set w);
# Uppsala's (set z); Kiruna's (set aa). One list for all: no municipality's points occur in
# another's sets, and an agency's public number is benign anyway.
ALLOW = (
    "021-39 00 00",
    "021-39 10 00",
    "kontaktcenter@vasteras.se",
    "bygglov@vasteras.se",
    "servicematning@vasteras.se",
    "Stadshuset, Fiskartorget 1",
    "016-710 10 00",
    "kontaktcenter@eskilstuna.se",
    "Stadshuset, Fristadstorget",
    "090-16 10 00",
    "umea.kommun@umea.se",
    "Stadshuset, Skolgatan 31A",
    "040-34 10 00",
    "kontaktcenter@malmo.se",
    "Stadshuset, August Palms plats 1",
    "0920-45 30 00",
    "kommun@lulea.se",
    "Stadshuset, Rådstugatan 11",
    "031-365 00 00",
    "kontaktcenter@goteborg.se",
    "Stadshuset, Gustaf Adolfs torg 4",
    "019-21 10 00",
    "orebro.kommun@orebro.se",
    "Stadshuset, Drottninggatan 5",
    "018-727 00 00",
    "kontaktcenter@uppsala.se",
    "Stationsgatan 12",
    "0980-700 00",
    "kommun@kiruna.se",
    "Stadshuset Kristallen, Hjalmar Lundbohmsvägen 31",
)

GOAL_KEPT = 0.02
GOAL_CHANGED = 1 / 80

_MARKUP = re.compile(r"\{\{(namn|adress|telefon|e-post|personnummer):(.+?)\}\}", re.S)
_TOKEN = re.compile(r"[^\W\d_]+|\d+")
# Tokens that say nothing about whom a span is about (the words around a hidden address, mail
# providers, top-level domains, name particles); a span is kept only by its other tokens.
# fmt: off
_NOT_IDENTIFYING = frozenset({
    "at", "dot", "punkt", "snabel", "snabela", "a", "på", "hos", "i", "com", "se", "net",
    "nu", "org", "eu", "fi", "info", "gmail", "hotmail", "outlook", "live", "icloud", "yahoo",
    "telia", "bredband", "spray", "msn", "me", "mail", "protonmail", "comhem", "bahnhof",
    "tele2", "online", "von", "af", "av", "de", "la", "van", "der", "den", "al", "el",
    "bin", "ibn", "abu", "ben", "mc", "lgh", "tr", "vån", "box", "och", "plus", "c", "o",
})
# fmt: on


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    kind: str


@dataclass(frozen=True)
class Comment:
    id: str
    text: str
    spans: tuple[Span, ...]
    form: str
    source: str

    @property
    def personal(self) -> bool:
        return bool(self.spans)

    @property
    def family(self) -> str:
        kinds = {s.kind for s in self.spans}
        if not kinds:
            return "benign"
        return kinds.pop() if len(kinds) == 1 else "mixed"


def unmark(marked: str) -> tuple[str, tuple[Span, ...]]:
    """``marked`` without its ``{{kind:text}}`` marks, and where each marked part now is."""
    text, spans, position = [], [], 0
    length = 0
    for match in _MARKUP.finditer(marked):
        before = marked[position : match.start()]
        text.append(before)
        length += len(before)
        inner = match.group(2)
        spans.append(Span(length, length + len(inner), match.group(1)))
        text.append(inner)
        length += len(inner)
        position = match.end()
    text.append(marked[position:])
    joined = "".join(text)
    if "{{" in joined or "}}" in joined:
        raise ValueError(f"a mark is not closed: {marked!r}")
    return joined, tuple(spans)


def load(path: Path) -> list[Comment]:
    comments = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):  # a set's header says how it was made
            continue
        row = json.loads(line)
        if "marked" in row:
            text, spans = unmark(row["marked"])
        else:
            text = row["text"]
            spans = tuple(Span(s["start"], s["end"], s["kind"]) for s in row["spans"])
        for span in spans:
            if span.kind not in KINDS or not 0 <= span.start < span.end <= len(text):
                raise ValueError(f"{path.name}:{number}: bad span {span}")
        comments.append(Comment(row["id"], text, spans, row["form"], path.stem))
    return comments


def _tokens(text: str) -> Counter[str]:
    return Counter(
        t.casefold()
        for t in _TOKEN.findall(text)
        if t.casefold() not in _NOT_IDENTIFYING and (len(t) >= 2 or t.isdigit())
    )


def kept_spans(comment: Comment, output: str) -> list[Span]:
    """The spans of ``comment`` of which ``output`` still holds something."""
    outside, position = [], 0
    for span in sorted(comment.spans, key=lambda s: s.start):
        outside.append(comment.text[position : span.start])
        position = max(position, span.end)
    outside.append(comment.text[position:])
    rest = _tokens(" ".join(outside))
    found = _tokens(output)
    kept = []
    for span in comment.spans:
        tokens = _tokens(comment.text[span.start : span.end])
        if any(found[t] > rest[t] for t in tokens):
            kept.append(span)
    return kept


def balanced(text: str) -> bool:
    """Brackets of each kind close in order, as a reader expects of ``[namn]`` and ``(…)``."""
    stack: list[str] = []
    pairs = {")": "(", "]": "["}
    for char in text:
        if char in "([":
            stack.append(char)
        elif char in ")]":
            if not stack or stack[-1] != pairs[char]:
                return False
            stack.pop()
    return not stack


@dataclass
class Score:
    personal: int = 0
    benign: int = 0
    kept: list[tuple[Comment, str]] = field(default_factory=list)
    changed: list[tuple[Comment, str]] = field(default_factory=list)
    unbalanced: list[tuple[Comment, str]] = field(default_factory=list)
    spans: Counter[str] = field(default_factory=Counter)
    spans_kept: Counter[str] = field(default_factory=Counter)
    forms: Counter[str] = field(default_factory=Counter)
    forms_failed: Counter[str] = field(default_factory=Counter)
    families: Counter[str] = field(default_factory=Counter)
    families_kept: Counter[str] = field(default_factory=Counter)

    @property
    def kept_rate(self) -> float:
        return len(self.kept) / self.personal if self.personal else 0.0

    @property
    def changed_rate(self) -> float:
        return len(self.changed) / self.benign if self.benign else 0.0

    def report(self, worst: int = 12) -> str:
        lines = [
            f"comments with personal data keeping some: {len(self.kept)}/{self.personal} "
            f"({self.kept_rate:.1%}); benign changed: {len(self.changed)}/{self.benign} "
            f"({self.changed_rate:.1%}); unbalanced brackets: {len(self.unbalanced)}",
            "per family (comments keeping some / comments; spans of that kind kept / spans):",
        ]
        for family in (*KINDS, "mixed"):
            if self.families[family] or self.spans[family]:
                lines.append(
                    f"  {family:13} {self.families_kept[family]:4}/{self.families[family]:<5}"
                    f"{self.families_kept[family] / max(1, self.families[family]):6.1%}   spans "
                    f"{self.spans_kept[family]}/{self.spans[family]}"
                )
        ranked = sorted(self.forms_failed, key=lambda f: (-self.forms_failed[f] / self.forms[f], f))
        lines.append("worst forms (failed / comments):")
        lines += [
            f"  {form:34} {self.forms_failed[form]:3}/{self.forms[form]}" for form in ranked[:worst]
        ]
        return "\n".join(lines)


def score(comments: Iterable[Comment], redactor: Callable[[str], str]) -> Score:
    result = Score()
    for comment in comments:
        output = redactor(comment.text)
        result.forms[comment.form] += 1
        if not balanced(output) and balanced(comment.text):
            result.unbalanced.append((comment, output))
        if not comment.personal:
            result.benign += 1
            if output != comment.text:
                result.changed.append((comment, output))
                result.forms_failed[comment.form] += 1
            continue
        result.personal += 1
        result.families[comment.family] += 1
        kept = kept_spans(comment, output)
        for span in comment.spans:
            result.spans[span.kind] += 1
        for span in kept:
            result.spans_kept[span.kind] += 1
        if kept:
            result.kept.append((comment, output))
            result.families_kept[comment.family] += 1
            result.forms_failed[comment.form] += 1
    return result


def by_source(comments: Iterable[Comment]) -> dict[str, list[Comment]]:
    grouped: dict[str, list[Comment]] = defaultdict(list)
    for comment in comments:
        grouped[comment.source].append(comment)
    return dict(grouped)
