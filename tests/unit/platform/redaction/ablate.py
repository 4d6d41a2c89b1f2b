"""``python -m tests.unit.platform.redaction.ablate``: sets d, i and k, each scored with the
mechanisms that only its own misses motivated switched off (issue 27's fourth round, the
README's leave-one-set-out table).

The fourth round's rules were written after reading the misses of d, i and k, so their rates
are development numbers. This estimates what a set would keep had it not been read: what its
misses alone led to is undone (patterns replaced by one that never matches, a function by its
third-round form), and what two sets shared stays on. Three inline changes cannot be switched
off here and are counted by hand in the README (d: Title Case and the role rule, each one
benign comment; k: the personnummer cue after the number, one comment)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager

from shared.platform.redaction import people
from shared.platform.redaction import thorough as pass_
from tests.unit.platform.redaction.corpus import ALLOW, DATA, load, score

_NEVER = re.compile(r"(?!)")
_THIRD_ROUND_PRAISE = (
    "bra|bäst|toppen|snäll|trevlig|otrevlig|hjälpsam|fantastisk|underbar|duktig|kunnig|"
    "oförskämd|jättebra|jättesnäll|jättetrevlig|guld|sur|arg|stressad|förstående|vänlig"
)


def _third_round_person_after(text: str, end: int) -> bool:
    return people._PERSON_AFTER.match(text, end) is not None


# set → (module, attribute, value while switched off)
_OWN: dict[str, list[tuple[object, str, object]]] = {
    "d": [
        (people, "_GAP", (" ", "-")),  # initials run together
        (pass_, "_GLUED", _NEVER),  # a letter glued to a number
        (pass_, "_DESK_BEFORE", _NEVER),  # a company's desk number
    ],
    "i": [
        (pass_, "_EMAIL_SPACED_WORDS", _NEVER),
        (pass_, "_CUED_LOWER", _NEVER),
        (people, "_person_after", _third_round_person_after),  # "Bo i Västerås"
    ],
    "k": [
        (people, "_PERSON_NOUNS", frozenset()),  # "Aliyahs assistent"
        (pass_, "_WITH_FLAT", _NEVER),
        (
            people,
            "_PERSON_AFTER",
            re.compile(
                people._PERSON_AFTER.pattern.replace(people._PERSON_PRAISE, _THIRD_ROUND_PRAISE)
            ),
        ),
    ],
}


@contextmanager
def without(name: str) -> Iterator[None]:
    saved = [(module, attribute, getattr(module, attribute)) for module, attribute, _ in _OWN[name]]
    try:
        for module, attribute, value in _OWN[name]:
            setattr(module, attribute, value)
        yield
    finally:
        for module, attribute, value in saved:
            setattr(module, attribute, value)


def main() -> None:
    for name in _OWN:
        comments = load(DATA / f"heldout-{name}.jsonl")
        with without(name):
            result = score(comments, lambda text: pass_.thorough(text, ALLOW))
        print(f"== {name} without the mechanisms only its own misses motivated")
        print(result.report().splitlines()[0])
        for comment, output in result.kept:
            print("KEPT   ", repr(comment.text), "->", repr(output))
        for comment, output in result.changed:
            print("CHANGED", repr(comment.text), "->", repr(output))


if __name__ == "__main__":
    main()
