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

from shared.platform.redaction import (
    addresses,
    emails,
    identity_numbers,
    name_slots,
    name_structure,
    name_words,
    people,
    phones,
)
from shared.platform.redaction import thorough as pass_
from tests.unit.platform.redaction.corpus import ALLOW, DATA, load, score

_NEVER = re.compile(r"(?!)")
_THIRD_ROUND_PRAISE = (
    "bra|bäst|toppen|snäll|trevlig|otrevlig|hjälpsam|fantastisk|underbar|duktig|kunnig|"
    "oförskämd|jättebra|jättesnäll|jättetrevlig|guld|sur|arg|stressad|förstående|vänlig"
)


def _third_round_person_after(text: str, end: int) -> bool:
    return name_slots._PERSON_AFTER.match(text, end) is not None


# the modules of the name rules: each imports the signals it reads, so a signal switched off is
# switched off in each module that holds it
_NAME_MODULES = (name_words, name_slots, name_structure, people)
# and of the thorough pass: a finder's pattern is switched off where the finder reads it
_PASS_MODULES = (pass_, addresses, emails, identity_numbers, phones)


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
                name_slots._PERSON_AFTER.pattern.replace(
                    name_slots._PERSON_PRAISE, _THIRD_ROUND_PRAISE
                )
            ),
        ),
    ],
}


def _holders(module: object, attribute: str) -> list[object]:
    if module is pass_:  # the thorough pass's signals live in its finders' modules
        return [m for m in _PASS_MODULES if hasattr(m, attribute)]
    if module is not people:
        return [module]
    return [m for m in _NAME_MODULES if hasattr(m, attribute)]


@contextmanager
def without(name: str) -> Iterator[None]:
    switched = [
        (holder, attribute, value)
        for module, attribute, value in _OWN[name]
        for holder in _holders(module, attribute)
    ]
    saved = [(module, attribute, getattr(module, attribute)) for module, attribute, _ in switched]
    try:
        for module, attribute, value in switched:
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
