"""The national core questions per channel, the errand kinds, and their texts.

Each text is written here in Swedish, the source language, and translated by the language's
catalog (``shared/i18n/``): ``Text("…")`` is a gettext keyword Babel extracts.

Question ids are stable: they are the keys of ``ResponseItem.answers`` and the results read
them. Phone contacts (SMS invitations) get the phone questions, e-mail contacts the e-mail ones.
"""

from __future__ import annotations

from dataclasses import dataclass

from shared import i18n
from shared.models import Channel

DEFAULT_LANGUAGE = i18n.SOURCE_LANGUAGE
SCALE = (1, 2, 3, 4, 5)
DONT_KNOW = "vet_ej"  # the form value for "vet ej"; stored as None, not counted in the index
COMMENT_MAX_CHARS = 1000


@dataclass(frozen=True)
class Text:
    """A resident-facing text: the Swedish source, translated by ``lang``'s catalog."""

    sv: str

    def __call__(self, lang: str) -> str:
        return i18n.gettext(lang, self.sv)


@dataclass(frozen=True)
class ScaleQuestion:
    id: str
    text: Text
    low: Text  # label of 1
    high: Text  # label of 5


@dataclass(frozen=True)
class Errand:
    id: str
    text: Text


PHONE_QUESTIONS = (
    ScaleQuestion(
        id="tel_bemotande",
        text=Text(
            "I din senaste kontakt med kommunens medarbetare via telefoni, hur nöjd var du "
            "med bemötandet?"
        ),
        low=Text("Mycket missnöjd"),
        high=Text("Mycket nöjd"),
    ),
    ScaleQuestion(
        id="tel_enkelhet",
        text=Text("Hur enkelt var det att få hjälp av kommunen med din fråga via telefoni?"),
        low=Text("Mycket svårt"),
        high=Text("Mycket enkelt"),
    ),
)

EMAIL_QUESTIONS = (
    ScaleQuestion(
        id="epost_enkelhet",
        text=Text("Var det enkelt att få hjälp från kommunen med din fråga via e-post?"),
        low=Text("Mycket svårt"),
        high=Text("Mycket enkelt"),
    ),
    ScaleQuestion(
        id="epost_tydlighet",
        text=Text("Upplevde du svaret från kommunens medarbetare som tydligt via e-post?"),
        low=Text("Mycket otydligt"),
        high=Text("Mycket tydligt"),
    ),
)

ERRAND_QUESTION = Text("Vad gällde ditt ärende?")
ERRANDS = (
    Errand("bygglov", Text("Bygglov")),
    Errand("skola", Text("Skola och förskola")),
    Errand("avfall", Text("Avfall och återvinning")),
    Errand("trafik", Text("Parkering och trafik")),
    Errand("omsorg", Text("Socialtjänst och omsorg")),
    Errand("fritid", Text("Kultur och fritid")),
    Errand("annat", Text("Annat")),
)
ERRAND_IDS = frozenset(e.id for e in ERRANDS)

COMMENT_QUESTION = Text("Vad är den viktigaste feedbacken du vill ge kommunen?")

ALL_QUESTION_IDS = frozenset(q.id for q in PHONE_QUESTIONS + EMAIL_QUESTIONS)


def questions_for(channel: Channel) -> tuple[ScaleQuestion, ...]:
    """The national core scale questions for an invitation's channel."""
    return PHONE_QUESTIONS if channel is Channel.SMS else EMAIL_QUESTIONS
